#!/usr/bin/env bash
# Store bench: 1000 results written by 8 concurrent drivers (separate processes, own connections,
# sharing the grid through claims) to a SQLite file and to a PostgreSQL server started here in a
# temp dir (default settings, fsync on). Reports wall time, throughput, the drivers' CPU time and,
# for PostgreSQL, the server's CPU time; fails if a result is lost or stored twice.
# Usage: bench/store-drivers.sh [drivers] [results]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
drivers="${1:-8}"
results="${2:-1000}"
work="$(mktemp -d /tmp/scalelab-store-bench.XXXXXX)"
pgbin="${SCALELAB_PG_BIN:-$(dirname "$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb | tail -n 1)")}"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); chown postgres "$work"; fi
stop() {
  [ -f "$work/data/postmaster.pid" ] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

dotnet build "$here/bench/ScaleLab.Bench.Store" -c Release -v q -nologo >/dev/null
bench=(dotnet "$here/bench/ScaleLab.Bench.Store/bin/Release/net10.0/ScaleLab.Bench.Store.dll")

# CPU seconds of a process and its reaped children (utime+stime+cutime+cstime from /proc/PID/stat).
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / hz }' "/proc/$1/stat"; }

echo "SQLite:"
TIMEFORMAT="  whole bench process: wall %R s, user %U s, system %S s"
time "${bench[@]}" run "$work/bench.db" "$drivers" "$results"

"${as_pg[@]}" "$pgbin/initdb" -D "$work/data" -A trust -U postgres -E UTF8 >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
# The store's tables go into the server's default database (no client tools needed to make another).
db="postgres"
postmaster=$(head -n 1 "$work/data/postmaster.pid")
before=$(cpu "$postmaster")
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}'):"
time "${bench[@]}" run "Host=127.0.0.1;Port=$port;Username=postgres;Database=$db" "$drivers" "$results"
after=$(cpu "$postmaster")
awk -v a="$before" -v b="$after" 'BEGIN { printf "  server CPU (postmaster and its backends): %.2f s\n", b - a }'
