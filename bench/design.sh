#!/usr/bin/env bash
# Experiment selection (docs/design.md): times `scalelab simulate-design` (four studies, 20 replicates,
# seed 1) as users run it, and replays the two real pools (datablations, OLMo ladder), writing the figure
# and its data to docs/. Prints wall and CPU time of each.
# Usage: bench/design.sh [replicates]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SCALELAB_SHARED:-$here/../shared}"
replicates="${1:-20}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build "$here/src/ScaleLab.Cli" -c Release -v q -nologo >/dev/null
cli="$here/src/ScaleLab.Cli/bin/Release/net10.0/linux-x64/ScaleLab.Cli.dll"
/usr/bin/time -f "simulate-design: wall %e s, CPU %U s user + %S s system" \
  dotnet "$cli" simulate-design --replicates "$replicates" --seed 1 --json > "$out/simulate-design.json"
python3 - "$out/simulate-design.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["scores"]:
    print("%-22s %5.0f %%  %-21s R2 %9.3f ± %-8.3f RMSLE %.4f ± %.4f" % (s["scenario"], 100 * s["fraction"], s["strategy"],
          s["rSquared"]["mean"], s["rSquared"]["sd"], s["rmsle"]["mean"], s["rmsle"]["sd"]))
for w in d["scaleLabWins"]:
    print("ScaleLab beats every baseline on %s at %g %%: %s" % (w["scenario"], 100 * w["fraction"], w["wins"]))
PY
dotnet run -c Release --project "$here/bench/ScaleLab.Bench.Design" -- "$shared/datasets" "$here/docs"
