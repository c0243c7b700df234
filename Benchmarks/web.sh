#!/usr/bin/env bash
# DonDoc web load benchmark: a record of 100,000 tasks on SQLite (dondoc demo-data), the web
# application in release (dondoc serve) on 127.0.0.1, and wrk against three pages as a signed-in
# person: the dashboard, the task list of a unit, a task's page. Prints, for each page, p50 and
# p99 latency, requests/s and the errors (non-2xx answers, socket errors).
#
#   Benchmarks/web.sh [--tasks N (100000)] [--connections N (32)] [--duration S (20)]
#                     [--role van_phong|lanh_dao|truong_don_vi (van_phong)] [--keep FILE]
#   --keep FILE: build the record in FILE and keep it; a later run with the same FILE reuses it.
#
# Target (from the issue): p99 < 50 ms at 32 connections, zero errors. Talks to 127.0.0.1 only;
# every wrk run is bounded by --duration, the server is stopped at the end.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
tasks=100000 connections=32 duration=20 role=van_phong keep=""
while (($#)); do
    case $1 in
        --tasks) tasks=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --role) role=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
if ! command -v swift >/dev/null 2>&1; then export PATH=/opt/swift/usr/bin:$PATH; fi
if ! command -v wrk >/dev/null 2>&1; then
    echo "== installing wrk from Debian's packages"
    if [[ $(id -u) == 0 ]]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi

echo "== swift build -c release --product dondoc"
if ! swift build --package-path "$root" -c release --product dondoc >"${TMPDIR:-/tmp}/dondoc-web-build.log" 2>&1; then
    grep -E 'error' "${TMPDIR:-/tmp}/dondoc-web-build.log" >&2 || tail -20 "${TMPDIR:-/tmp}/dondoc-web-build.log" >&2
    echo "the release build failed" >&2
    exit 1
fi
bin=$(swift build --package-path "$root" -c release --show-bin-path)/dondoc
[[ -x $bin ]] || { echo "build failed: no $bin" >&2; exit 1; }

work=$(mktemp -d /tmp/dondoc-web-bench.XXXXXX)
server=""
cleanup() {
    [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

db=${keep:-$work/bench.sqlite}
if [[ -n $keep && -f $keep ]]; then
    echo "== reusing the record $keep"
else
    echo "== dondoc demo-data --tasks $tasks (a record of $tasks tasks, 1,000 notices imported)"
    "$bin" demo-data --tasks "$tasks" --samples 10 --db "$db" | grep -E '^(import|fill|size)' || true
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/none"
"$bin" serve --demo --notices "$work/none" --db "$db" --port "$port" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done
login=$(case $role in van_phong) echo vanphong ;; lanh_dao) echo lanhdao ;; *) echo truongdonvi ;; esac)
# A kept record's demo users were made by an earlier run: a new password for this one.
password=$("$bin" user password "$login" --db "$db") || { cat "$work/serve.out" "$work/serve.err"; exit 1; }

# Sign in as the browser does: the form's CSRF token, then the session cookie.
jar=$work/cookies
csrf=$(curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$port/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | sed -n 1p | sed 's/.*value="//;s/"//')
curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "login=$login" \
    --data-urlencode "password=$password" "http://127.0.0.1:$port/dang-nhap"
cookie="dondoc_session=$(awk '$6 == "dondoc_session" {print $7}' "$jar")"
unit=$(grep -o 'value="[a-z-]*"' <(curl -fsS -b "$jar" "http://127.0.0.1:$port/nhiem-vu?don-vi=van-phong") | sed -n 2p | sed 's/value="//;s/"//')
task=$(curl -fsS -b "$jar" "http://127.0.0.1:$port/nhiem-vu?don-vi=$unit" | grep -o 'href="/nhiem-vu/[^"]*"' | sed -n 1p | sed 's/href="//;s/"//')
[[ -n $task ]] || { echo "no task listed for unit $unit"; exit 1; }

summary=()
for page in "/" "/nhiem-vu?don-vi=$unit" "$task"; do
    echo "== wrk -t2 -c$connections -d${duration}s http://127.0.0.1:$port$page (as $login)"
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$page")
    echo "$out" | grep -E 'Latency|50%|99%|Requests/sec|Non-2xx|Socket errors|requests in'
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    errors=$(echo "$out" | awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}')
    summary+=("$(printf '%-32s p50 %8s  p99 %8s  %9s req/s  errors %s' "${page:0:32}" "$p50" "$p99" "$rps" "$errors")")
done
echo
echo "== web load, $tasks tasks on SQLite, $connections connections, ${duration}s each, signed in as $login (target p99 < 50 ms, zero errors)"
printf '%s\n' "${summary[@]}"
