#!/usr/bin/env bash
# Whole-process comparison for issue "fit the Chinchilla law fast": the default 4500-start
# Chinchilla fit on the Epoch data (240 rows after dropping the 5 highest losses, D = C/6N),
# ScaleLab against the SciPy peer in ../shared/bench, measured in the same run.
# Usage: bench/chinchilla-grid.sh [repeats]   (needs python3-scipy from apt: /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SCALELAB_SHARED:-$here/../shared}"
data="$shared/datasets/epoch-chinchilla/svg_extracted_data.csv"
repeats="${1:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The command as users run it: published ReadyToRun (the csproj default). The R2R compiler's outputs under obj/
# can outlive a change of their inputs, so they are removed first; a stale image aborts at start-up.
rm -rf "$here/src/ScaleLab.Cli/obj/Release/net10.0/linux-x64/R2R"
dotnet publish "$here/src/ScaleLab.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$out/publish" -v q -nologo >/dev/null
cli="$out/publish/ScaleLab.Cli.dll"

best=""
for i in $(seq "$repeats"); do
  start=$(date +%s.%N)
  dotnet "$cli" fit "$data" --law chinchilla --params "Model Size" --compute "Training FLOP" --metric loss \
    --drop-highest 5 --json > "$out/scalelab.json"
  end=$(date +%s.%N)
  t=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  best=$(awk -v t="$t" -v b="${best:-1e9}" 'BEGIN { print (t < b) ? t : b }')
done

start=$(date +%s.%N)
/usr/bin/python3 "$shared/bench/peer_chinchilla_grid.py" "$data" > "$out/peer.json"
end=$(date +%s.%N)
peer=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')

/usr/bin/python3 - "$out/scalelab.json" "$out/peer.json" "$best" "$peer" <<'PY'
import json, sys
ours, peer = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
t_ours, t_peer = float(sys.argv[3]), float(sys.argv[4])
print(f"{'scalelab fit (published ReadyToRun, whole process, best of repeats):':70s} {t_ours:.3f} s, objective {ours['objective']['value']:.12g}, status {ours['status']}")
print(f"{'scipy peer (whole process):':70s} {t_peer:.3f} s, objective {peer['objective']:.12g}")
print(f"speed-up: {t_peer / t_ours:.1f}x; objective ours - peer = {ours['objective']['value'] - peer['objective']:.3e}")
for k in ["E", "A", "B", "alpha", "beta"]:
    print(f"  {k:6s} ours {ours['parameters'][k]:.6g}  peer {peer[k]:.6g}")
PY
