#!/usr/bin/env bash
# DonDoc parser benchmarks: builds Benchmarks/ in release and prints a summary table.
#
#   Benchmarks/run.sh                 the work tree's Core
#   Benchmarks/run.sh --rev HEAD      Core and corpus as committed at a revision (built in
#                                     Benchmarks/.build-snapshot, so edits in progress elsewhere
#                                     in the work tree neither break nor change the figures)
#   Benchmarks/run.sh --ordo          also run the ordo-one/benchmark suite (`swift package benchmark`)
#   options: --seconds S (corpus run, default 3)  --budget S (largest step of a size case, default 60)
#
# Targets (from the issues): ≥ 2,000 notices/s on the corpus on one core; a 10 MB input in < 2 s;
# ≥ 1,000,000 working-day operations per second.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
rev="" seconds=3 budget=60 ordo=0
while (($#)); do
    case $1 in
        --rev) rev=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --budget) budget=$2; shift 2 ;;
        --ordo) ordo=1; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

pkg=$here
if [[ -n $rev ]]; then
    sha=$(git -C "$root" rev-parse --short "$rev")
    snap=$here/.build-snapshot   # one folder for every revision, so dependencies build once
    echo "== snapshot of $rev ($sha) in $snap"
    rm -rf "$snap/Core" "$snap/Tests"
    mkdir -p "$snap/Benchmarks"
    git -C "$root" archive "$sha" Core Tests/Corpus | tar -x -C "$snap"
    # this script's Benchmarks package, sources only (the snapshot keeps its own .build and Package.resolved)
    (cd "$here" && tar -cf - Package.swift Sources Benchmarks) | tar -x -C "$snap/Benchmarks"
    pkg=$snap/Benchmarks
fi

echo "== swift build -c release ($pkg)"
swift build --package-path "$pkg" -c release --product dondoc-bench 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
bin=$(swift build --package-path "$pkg" -c release --show-bin-path)/dondoc-bench
[[ -x $bin ]] || { echo "build failed: no $bin" >&2; exit 1; }

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
timev=""
if /usr/bin/time -v true >/dev/null 2>&1; then timev="/usr/bin/time -v -o"; fi

# run CASE ARGS...: one process each, so each peak RSS is its own
run() {
    local case=$1; shift
    echo "== $case"
    local rc=0
    if [[ -n $timev ]]; then
        timeout 900 $timev "$log/$case.time" "$bin" "$case" "$@" | tee "$log/$case.out" || rc=$?
    else
        timeout 900 "$bin" "$case" "$@" | tee "$log/$case.out" || rc=$?
    fi
    ((rc == 0)) || echo "   exit status $rc (124: timed out after 900 s)"
}
run corpus --seconds "$seconds"
run concat10mb --budget "$budget"
run tasklist10mb --budget "$budget"
run line1mb --budget "$budget"
run workdays --seconds 2

# field CASE KEY: a value of the case's RESULT line
field() { grep -h '^RESULT' "$log/$1.out" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1; }
rss() {
    local kib
    kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log/$1.time" 2>/dev/null || true)
    [[ -n $kib ]] || kib=$(field "$1" peak_rss_kib)
    [[ -n $kib && $kib != "?" ]] && awk -v k="$kib" 'BEGIN { printf "%.0f MiB", k / 1024 }' || echo "?"
}
verdict() { # verdict VALUE OP LIMIT
    [[ $1 =~ ^[0-9.]+$ ]] || { echo "n/a"; return; }
    awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == ">=") ? v >= l : v < l; print ok ? "ok" : "MISSED" }'
}

nps=$(field corpus notices_per_second) cnps=$(field corpus cpu_notices_per_second)
row() { printf '%-46s %-17s %-17s %-8s %-8s %s\n' "$@"; }
size_row() { # size_row CASE LABEL TARGET-SECONDS
    local w c
    w=$(field "$1" seconds) c=$(field "$1" cpu_seconds)
    row "$2, exp $(field "$1" exponent)" "${w:-?} s" "${c:-?} s" "${3:+< $3 s}" "$([[ -n $3 ]] && verdict "$w" '<' "$3" || echo -)" "$(rss "$1")"
}
echo
echo "DonDoc parser benchmarks (release, one thread) — ${rev:-work tree}, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
row "benchmark" "wall" "CPU (thread)" "target" "verdict" "peak RSS"
row "ParseCorpus (9 notices an iteration)" "${nps:-?} notices/s" "${cnps:-?} notices/s" ">= 2000" "$(verdict "$nps" '>=' 2000)" "$(rss corpus)"
size_row concat10mb "Parse10MB: corpus concatenated" 2
size_row tasklist10mb "Parse10MB: one 50,000-item task list" 2
size_row line1mb "Parse1MBLine: no newline" ""
ops=$(field workdays operations_per_second)
row "WorkingDays: add / between / is / roll-over" "${ops:-?} ops/s" "" ">= 1000000" "$(verdict "$ops" '>=' 1000000)" "$(rss workdays)"
echo "verdict on wall time; CPU is the parsing thread's own time, the better figure on a busy machine."
echo "exp: growth exponent of wall time against size over the last doubling (~1 linear, ~2 quadratic)."

if ((ordo)); then
    echo
    echo "== swift package benchmark (ordo-one/benchmark)"
    swift package --package-path "$pkg" benchmark --no-progress
fi
