#!/usr/bin/env bash
# Driver overhead per run of `scalelab sweep run` with the local executor: a sweep of RUNS runs
# (default 1000: 10 model sizes x RUNS/10 token counts) of a trivial command (awk printing one JSON
# line), against the same commands run by `xargs -P WORKERS` with no driver. Prints wall and CPU time
# (user + system, children included) of both and the difference per run.
# Usage: bench/sweep-overhead.sh [RUNS] [--store LOCATION]   (default: a new SQLite file; a
# PostgreSQL connection string measures that store)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-1000}"; shift || true
store_args=()
if [ "${1:-}" = "--store" ]; then store_args=(--store "$2"); fi
workers=2
dotnet build "$here/src/ScaleLab.Cli" -c Release -v q -nologo >/dev/null
cli=(dotnet "$here/src/ScaleLab.Cli/bin/Release/net10.0/ScaleLab.Cli.dll")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
[ ${#store_args[@]} -gt 0 ] || store_args=(--store "$work/bench.db")

per=$((runs / 10))
params=$(awk 'BEGIN { for (i = 0; i < 10; i++) printf "%s%.6g", (i ? ", " : ""), 1e6 * 10^(i / 3) }')
tokens=$(awk -v n="$per" 'BEGIN { for (i = 0; i < n; i++) printf "%s%.6g", (i ? ", " : ""), 1e8 * 10^(3 * i / n) }')
cat > sweep.toml <<TOML
name = "bench-$(date +%s)"
[grid]
kind = "nxd"
params = [$params]
tokens = [$tokens]
[command]
run = "awk -v n={params} -v d={tokens} 'BEGIN {{ printf \"{{\\\\\"loss\\\\\": %.9g}}\\\\n\", 1.69 + 406.4 / n^0.34 + 410.7 / d^0.28 }}'"
workers = $workers
[result]
from = "stdout"
metric = "loss"
[fit]
law = "chinchilla"
TOML
"${cli[@]}" sweep validate sweep.toml >/dev/null

# The same commands without a driver: what the runs themselves cost.
awk -v p="$params" -v t="$tokens" 'BEGIN { n = split(p, P, ", "); m = split(t, T, ", "); for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print P[i], T[j] }' > points
/usr/bin/time -f "%e %U %S" -o bare.time xargs -P "$workers" -L 1 sh -c \
  'awk -v n="$0" -v d="$1" '"'"'BEGIN { printf "{\"loss\": %.9g}\n", 1.69 + 406.4 / n^0.34 + 410.7 / d^0.28 }'"'"' > /dev/null' < points
/usr/bin/time -f "%e %U %S" -o sweep.time "${cli[@]}" sweep run sweep.toml "${store_args[@]}" --no-refit --json > sweep.json
grep -q "\"finished\": $runs" sweep.json || { echo "the sweep did not finish its $runs runs:"; cat sweep.json; exit 1; }
read -r bw bu bs < bare.time
read -r sw su ss < sweep.time
awk -v n="$runs" -v bw="$bw" -v bu="$bu" -v bs="$bs" -v sw="$sw" -v su="$su" -v ss="$ss" -v w="$workers" 'BEGIN {
  printf "%d runs on %d workers\n", n, w
  printf "bare commands (xargs -P %d): wall %.2f s, CPU %.2f s\n", w, bw, bu + bs
  printf "sweep run:                   wall %.2f s, CPU %.2f s\n", sw, su + ss
  printf "driver overhead per run:     wall %.2f ms, CPU %.2f ms\n", 1000 * (sw - bw) / n, 1000 * (su + ss - bu - bs) / n
}'
