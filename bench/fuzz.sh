#!/usr/bin/env bash
# 10^5 hostile inputs (mutations of two real datasets in ../shared/datasets) through the command line's own entry
# point, in process: the suite's fuzz test with a larger count. Zero crashes, every failure exit 2 with one line.
# Usage: bench/fuzz.sh [COUNT]   (default 100000)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
start=$(date +%s.%N)
SCALELAB_FUZZ_COUNT="${1:-100000}" dotnet test "$here/tests/ScaleLab.Tests" -c Release -v q -nologo \
  --filter "FullyQualifiedName~FuzzTests.TenThousandHostileInputs_InProcess_NeverCrash"
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" -v n="${1:-100000}" 'BEGIN { printf "%d inputs in %.1f s wall (build included)\n", n, b - a }'
