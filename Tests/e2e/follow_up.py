#!/usr/bin/env python3
"""DonDoc in a real browser: the follow-up of one notice, from upload to leadership's decision.

Starts `dondoc serve --demo` on a fresh record (127.0.0.1, a free port) with the corpus notices
but one, and drives Debian's Chromium (headless) with Selenium:

  1. the secretariat signs in, uploads the remaining corpus notice, corrects a task, publishes;
  2. a unit head reports progress on a task of their unit and requests an extension;
  3. leadership approves it, and the dashboard no longer lists the request.

Screenshots of each step are written to the folder given by --screenshots (default
Tests/e2e/screenshots). Exits non-zero, naming the step, when anything is not as expected.

    python3 Tests/e2e/follow_up.py [--dondoc .build/debug/dondoc] [--screenshots DIR]
"""

import argparse
import datetime
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "Tests", "Corpus", "docs")
UPLOADED = "004_e683584258a215c3.txt"  # the notice the secretariat uploads in the browser


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(dondoc, work):
    notices = os.path.join(work, "notices")
    os.makedirs(notices)
    for name in sorted(os.listdir(CORPUS)):
        if name != UPLOADED:
            shutil.copy(os.path.join(CORPUS, name), notices)
    port = free_port()
    out = open(os.path.join(work, "serve.out"), "w+")
    err = open(os.path.join(work, "serve.err"), "w+")
    process = subprocess.Popen(
        [dondoc, "serve", "--demo", "--db", os.path.join(work, "e2e.sqlite"), "--port", str(port),
         "--notices", notices],
        stdout=out, stderr=err)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            err.seek(0)
            raise Failure(f"dondoc serve stopped: {err.read()}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        raise Failure("dondoc serve did not answer /healthz within 120 s")
    out.seek(0)
    passwords = dict(re.findall(r"^\s+(\S+) / (\S+)\s", out.read(), re.M))
    if not {"lanhdao", "vanphong", "truongdonvi"} <= passwords.keys():
        raise Failure(f"the demo did not print the users' passwords: {passwords}")
    return process, base, passwords


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                 "--lang=vi"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Flow:
    def __init__(self, driver, base, passwords, shots):
        self.driver, self.base, self.passwords, self.shots = driver, base, passwords, shots
        self.count = 0

    def shot(self, name):
        self.count += 1
        path = os.path.join(self.shots, f"{self.count:02d}-{name}.png")
        self.driver.save_screenshot(path)
        print(f"  screenshot {os.path.relpath(path, ROOT)}")

    def go(self, path):
        self.driver.get(self.base + path)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def wait(self, condition, seconds, failure):
        """Waits until `condition(driver)` holds. While a page loads, a driver command may fail
        (a stale element, "cannot find context"): that means "not yet", not a failure."""
        def holds(driver):
            try:
                return condition(driver)
            except WebDriverException:
                return False
        try:
            WebDriverWait(self.driver, seconds).until(holds)
        except TimeoutException:
            raise Failure(f"{failure} ({self.driver.current_url})")

    def expect(self, words, step):
        # The page may still be loading after a click: wait for the words, up to 15 s.
        self.wait(lambda driver: words in driver.find_element(By.TAG_NAME, "body").text, 15,
                  f"{step}: the page does not say “{words}”")

    def click(self, element):
        """Clicks a button that submits a form and waits for the next page to replace this one:
        the old page is marked in its window object, the next one has no mark once loaded."""
        self.driver.execute_script("window.dondocPreviousPage = true")
        element.click()
        self.wait(lambda driver: driver.execute_script(
            "return window.dondocPreviousPage !== true && document.readyState === 'complete'"), 30,
            "the page after the click did not load within 30 s")

    def sign_in(self, login):
        self.go("/dang-nhap")
        self.driver.find_element(By.NAME, "login").send_keys(login)
        self.driver.find_element(By.NAME, "password").send_keys(self.passwords[login])
        self.click(self.driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
        self.expect("Đăng xuất", f"{login} signs in")

    def sign_out(self):
        self.click(self.driver.find_element(By.CSS_SELECTOR, "header form.inline button"))
        self.expect("Đăng nhập DonDoc", "signing out")

    def submit(self, form):
        self.click(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    def run(self):
        today = datetime.date.today()

        print("secretariat: upload, correct, publish")
        self.sign_in("vanphong")
        self.expect("Văn bản chờ rà soát", "secretariat's dashboard")
        self.shot("secretariat-dashboard")
        self.go("/van-ban/tai-len")
        self.driver.find_element(By.NAME, "file").send_keys(os.path.join(CORPUS, UPLOADED))
        self.submit(self.driver.find_element(By.CSS_SELECTOR, "main form"))
        self.expect("Đã nhập văn bản", "upload")
        self.expect("Văn bản gốc", "review page")
        self.shot("review")
        form = self.driver.find_element(By.CSS_SELECTOR, "form.revise")
        area = form.find_element(By.NAME, "text")
        corrected = area.get_attribute("value").strip() + " (đã rà soát)"
        area.clear()
        area.send_keys(corrected)
        self.submit(form)
        self.expect("Đã lưu nhiệm vụ.", "correcting a task")
        self.expect(corrected, "the corrected task")
        self.submit(self.driver.find_element(By.CSS_SELECTOR, "form.publish"))
        self.expect("Đã ban hành văn bản", "publishing")
        self.shot("published")
        self.sign_out()

        print("unit head: progress and an extension request")
        self.sign_in("truongdonvi")
        self.expect("Nhiệm vụ của đơn vị", "unit head's dashboard")
        self.shot("unit-dashboard")
        links = [a.get_attribute("href") for a in
                 self.driver.find_elements(By.CSS_SELECTOR, "table.tasks td a[href^='/nhiem-vu/'], table.tasks td a")]
        task = None
        for link in links:
            self.driver.get(link)
            # A task without a deadline has none to extend.
            if self.driver.find_elements(By.CSS_SELECTOR, "form.action-request_extension") and \
                    "Không ghi thời hạn" not in self.text():
                task = link
                break
        if task is None:
            raise Failure("no task of the unit offers an extension request")
        form = self.driver.find_element(By.CSS_SELECTOR, "form.action-report_progress")
        form.find_element(By.NAME, "note").send_keys("Đã họp với các phòng, đang hoàn thiện báo cáo.")
        self.submit(form)
        self.expect("Đã cập nhật: Báo cáo tiến độ.", "reporting progress")
        self.expect("Đã họp với các phòng", "the progress in the history")
        form = self.driver.find_element(By.CSS_SELECTOR, "form.action-request_extension")
        requested = (today + datetime.timedelta(days=45)).isoformat()
        # A date input takes typing in the browser's locale; the value is set as the page's
        # own date picker would.
        self.driver.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, "date"), requested)
        form.find_element(By.NAME, "reason").send_keys("Chờ ý kiến của Sở Tài chính.")
        self.submit(form)
        self.expect("Đã cập nhật: Đề nghị gia hạn.", "requesting an extension")
        self.shot("extension-requested")
        self.driver.set_window_size(390, 844)
        self.driver.get(task)
        self.shot("task-on-a-phone")
        self.driver.set_window_size(1280, 1000)
        self.sign_out()

        print("leadership: the decision")
        self.sign_in("lanhdao")
        self.expect("Đề nghị gia hạn chờ quyết định (1)", "leadership's dashboard before")
        self.shot("leadership-dashboard-before")
        self.driver.get(task)
        self.submit(self.driver.find_element(By.CSS_SELECTOR, "form.action-approve_extension"))
        self.expect("Đã cập nhật: Đồng ý gia hạn.", "approving the extension")
        self.go("/")
        self.expect("Đề nghị gia hạn chờ quyết định (0)", "leadership's dashboard after")
        self.shot("leadership-dashboard-after")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dondoc", default=os.path.join(ROOT, ".build", "debug", "dondoc"))
    parser.add_argument("--screenshots", default=os.path.join(ROOT, "Tests", "e2e", "screenshots"))
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="dondoc-e2e-")
    process = driver = None
    try:
        process, base, passwords = start_server(args.dondoc, work)
        driver = browser()
        Flow(driver, base, passwords, args.screenshots).run()
        print("e2e: the follow-up flow passed")
        return 0
    except (Failure, WebDriverException) as failure:
        print(f"e2e FAILED: {failure}", file=sys.stderr)
        if process is not None:
            with open(os.path.join(work, "serve.err")) as log:
                tail = log.read()[-4000:]
            print(f"  the server's log, last lines:\n{tail}", file=sys.stderr)
        if driver is not None:
            path = os.path.join(args.screenshots, "failure.png")
            try:
                driver.save_screenshot(path)
                print(f"  the page at the failure: {path}", file=sys.stderr)
            except WebDriverException as error:
                print(f"  no screenshot of the failure: {error}", file=sys.stderr)
        return 1
    finally:
        if driver is not None:
            driver.quit()
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
