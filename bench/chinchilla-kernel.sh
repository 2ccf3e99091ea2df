#!/usr/bin/env bash
# Per-evaluation time of Chinchilla's fused Huber objective and gradient on the Epoch data (240 rows,
# D = C/6N) on every vector path this processor runs (AVX-512, portable 256 and 128 bits) and on the
# general scalar path, then the in-process 4500-start fit on each (bench/ScaleLab.Bench.Kernel).
# Usage: bench/chinchilla-kernel.sh [evaluations per round]   (default 200000)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SCALELAB_SHARED:-$here/../shared}"
dotnet run -c Release --project "$here/bench/ScaleLab.Bench.Kernel" -- \
  "$shared/datasets/epoch-chinchilla/svg_extracted_data.csv" "${1:-200000}"
