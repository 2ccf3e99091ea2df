#!/usr/bin/env bash
# CSV read throughput of the observation reader: synthetic files of 10^6 and 10^7 rows (run, N, D, C, loss), with
# numbers in round-trip notation (17 digits, as pandas writes floats) and, for the smaller size, in six digits (as
# most training loggers write them), each read once in a fresh process.
# Prints rows, MB/s by wall and by CPU time, and the peak working set.
# Usage: bench/data-read.sh [ROWS...]   (default: 1000000 10000000; the 10^7 file takes about 830 MB of /tmp)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build "$here/bench/ScaleLab.Bench.Data" -c Release -v q -nologo >/dev/null
bench=(dotnet "$here/bench/ScaleLab.Bench.Data/bin/Release/net10.0/ScaleLab.Bench.Data.dll")
for rows in "${@:-1000000 10000000}"; do
  for n in $rows; do
    for format in R G6; do
      [ "$format" = G6 ] && [ "$n" -gt 1000000 ] && continue
      "${bench[@]}" generate "$n" "$out/runs-$n.csv" "$format"
      echo -n "format $format: "
      "${bench[@]}" read "$out/runs-$n.csv"
      rm -f "$out/runs-$n.csv"
    done
  done
done
