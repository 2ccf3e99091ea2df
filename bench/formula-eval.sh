#!/usr/bin/env bash
# Evaluations per second of Chinchilla written as a formula (compiled, exact Jacobian, log space)
# against the built-in law's EvaluateLog with Jacobian, on the 240 Epoch rows; wall and CPU time.
# Usage: bench/formula-eval.sh [seconds per case]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SCALELAB_SHARED:-$here/../shared}"
data="$shared/datasets/epoch-chinchilla/svg_extracted_data.csv"
dotnet run -c Release --project "$here/bench/ScaleLab.Bench.Formulas" -- "$data" "${1:-3}"
