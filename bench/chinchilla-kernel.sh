#!/usr/bin/env bash
# Per-evaluation time of Chinchilla's fused Huber objective and gradient on the Epoch data (240 rows,
# D = C/6N) on every vector path this processor runs (AVX-512, portable 256 and 128 bits) and on the
# general scalar path, then the in-process 4500-start fit on each (bench/ScaleLab.Bench.Kernel).
# Runs twice: as the processor allows, and with DOTNET_EnableAVX512=0, where the compiler also loses
# AVX-512's encodings and upper registers for the 256-bit code, as on an AVX2-only processor.
# Usage: bench/chinchilla-kernel.sh [evaluations per round]   (default 200000)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SCALELAB_SHARED:-$here/../shared}"
data="$shared/datasets/epoch-chinchilla/svg_extracted_data.csv"
dotnet build "$here/bench/ScaleLab.Bench.Kernel" -c Release -v q -nologo >/dev/null
bench="$here/bench/ScaleLab.Bench.Kernel/bin/Release/net10.0/ScaleLab.Bench.Kernel.dll"
echo "== as the processor allows"
dotnet "$bench" "$data" "${1:-200000}"
echo "== DOTNET_EnableAVX512=0"
DOTNET_EnableAVX512=0 dotnet "$bench" "$data" "${1:-200000}"
