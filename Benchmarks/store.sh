#!/usr/bin/env bash
# DonDoc store benchmark: builds dondoc in release and runs `dondoc demo-data`, which imports
# generated notices through the real import path, fills the record with a bulk path, and times
# the queries the tracker lives on (p50/p99/max), the record's size and the peak RSS.
#
#   Benchmarks/store.sh                    SQLite, 100,000 tasks, in a fresh file in a temp folder
#   DATABASE_URL=postgres://… Benchmarks/store.sh
#                                          also PostgreSQL, 1,000,000 tasks, in a fresh database
#                                          that the script creates and drops (the URL's user must
#                                          be allowed to: a superuser on 127.0.0.1 is)
#   options: --sqlite-tasks N (100000)  --postgres-tasks N (1000000)  --notices N (1000)
#            --samples N (1000)  --seed N (1)  --timeout S (each run, default 3600)
#
# Targets (from the issue): a unit's overdue tasks p99 < 10 ms; a month's 4-way counts p99 < 200 ms.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
sqlite_tasks=100000 postgres_tasks=1000000 notices=1000 samples=1000 seed=1 timeout_s=3600
while (($#)); do
    case $1 in
        --sqlite-tasks) sqlite_tasks=$2; shift 2 ;;
        --postgres-tasks) postgres_tasks=$2; shift 2 ;;
        --notices) notices=$2; shift 2 ;;
        --samples) samples=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --timeout) timeout_s=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
if ! command -v swift >/dev/null 2>&1; then export PATH=/opt/swift/usr/bin:$PATH; fi

echo "== swift build -c release --product dondoc"
# A failed build stops here: the binary of an earlier build must not be measured instead.
if ! swift build --package-path "$root" -c release --product dondoc >"${TMPDIR:-/tmp}/dondoc-store-build.log" 2>&1; then
    grep -E 'error' "${TMPDIR:-/tmp}/dondoc-store-build.log" >&2 || tail -20 "${TMPDIR:-/tmp}/dondoc-store-build.log" >&2
    echo "the release build failed" >&2
    exit 1
fi
bin=$(swift build --package-path "$root" -c release --show-bin-path)/dondoc
[[ -x $bin ]] || { echo "build failed: no $bin" >&2; exit 1; }

work=$(mktemp -d /tmp/dondoc-store-bench.XXXXXX)
pg_admin="" pg_database=""
cleanup() {
    if [[ -n $pg_database ]]; then
        psql "$pg_admin" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 \
            || echo "warning: could not drop the database $pg_database" >&2
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# run LABEL DATABASE_URL ARGS...: one dondoc demo-data run, bounded, its output kept for the summary.
run() {
    local label=$1 url=$2; shift 2
    echo
    echo "== $label ($(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null))"
    local rc=0
    timeout "$timeout_s" env DATABASE_URL="$url" "$bin" demo-data --notices "$notices" --samples "$samples" --seed "$seed" "$@" \
        2> >(grep -Ev '^(import|fill): [0-9]+ of ' >&2) | tee "$work/$label.out" || rc=$?
    ((rc == 0)) || echo "   exit status $rc (124: stopped after $timeout_s s)"
}

run sqlite "" --tasks "$sqlite_tasks" --db "$work/bench.sqlite"

if [[ -n ${DATABASE_URL:-} ]]; then
    command -v psql >/dev/null 2>&1 || { echo "DATABASE_URL is set but psql is not installed: skipping PostgreSQL" >&2; exit 1; }
    # postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?tlsmode=…]: psql reads libpq's sslmode,
    # not PostgresKit's tlsmode.
    [[ $DATABASE_URL =~ ^(postgres(ql)?://[^/?]+)(/[^?]*)?(\?(.*))?$ ]] \
        || { echo "DATABASE_URL is not postgres://USER@HOST:PORT/DATABASE" >&2; exit 1; }
    server=${BASH_REMATCH[1]} query=${BASH_REMATCH[5]}
    libpq_query=""
    [[ $query == *tlsmode=disable* ]] && libpq_query="?sslmode=disable"
    pg_admin="$server/postgres$libpq_query"
    name="dondoc_bench_$$"
    psql "$pg_admin" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $name" >/dev/null
    pg_database=$name
    echo "== PostgreSQL $(psql "$pg_admin" -tAX -c 'SHOW server_version'), shared_buffers $(psql "$pg_admin" -tAX -c 'SHOW shared_buffers'), fresh database $name"
    run postgres "$server/$name${query:+?$query}" --tasks "$postgres_tasks"
fi

echo
echo "== summary (the lines each run printed; targets beside the query figures)"
for out in "$work"/*.out; do
    echo "-- $(basename "$out" .out)"
    grep -E '^(import|fill|analyze|list|4-way|search|size|peak)' "$out" | sed 's/^/   /' || true
done
