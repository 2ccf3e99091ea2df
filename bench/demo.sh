#!/usr/bin/env bash
# Whole-process time of the README's main job, `scalelab demo`, on a fresh store: wall and CPU
# (user + system, the companion processes included), with the regimes table it printed.
# Usage: bench/demo.sh [scalelab command ...]   (default: this checkout's build, dotnet run's output)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -eq 0 ]; then
  dotnet build "$here/src/ScaleLab.Cli" -c Release -v q -nologo >/dev/null
  set -- dotnet "$here/src/ScaleLab.Cli/bin/Release/net10.0/ScaleLab.Cli.dll"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
/usr/bin/time -f "demo: wall %e s, CPU %U s user + %S s system, peak RSS of the largest process %M KB" "$@" demo --no-report > demo.txt 2> time.txt
grep -E "^(regime|resolution|variance)" demo.txt
grep -E "run\(s\) executed" demo.txt
tail -n 1 time.txt
