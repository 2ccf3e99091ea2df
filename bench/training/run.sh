#!/usr/bin/env bash
# Trainer benchmarks (not part of CI). Usage: bench/training/run.sh [speed|v26|alpha-d] (default: speed)
# speed: deep teacher–student ms/step at widths 16 and 256 vs the PyTorch peer (../shared/bench/peer_torch_mlp.py,
# needs Debian's python3-torch), and training FLOP/s vs the float32 matmul rate, measured in the same run.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dotnet build "$root/bench/ScaleLab.Bench.Training" -c Release -v quiet -nologo >/dev/null
exec "$root/bench/ScaleLab.Bench.Training/bin/Release/net10.0/linux-x64/ScaleLab.Bench.Training" "${1:-speed}"
