#!/usr/bin/env bash
# Whole-process comparison for issue "fit the Chinchilla law fast": the default 4500-start
# Chinchilla fit on the Epoch data (240 rows after dropping the 5 highest losses, D = C/6N),
# ScaleLab against the SciPy peer in ../shared/bench, measured in the same run. ScaleLab runs twice:
# as the processor allows (AVX-512 where present) and with AVX-512 switched off
# (DOTNET_EnableAVX512=0: the portable vector kernel, as on most AMD, ARM and laptop processors).
# Prints wall and CPU seconds (best wall of the repeats, with its CPU time) and the speed-ups.
# Usage: bench/chinchilla-grid.sh [repeats]   (needs python3-scipy from apt: /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SCALELAB_SHARED:-$here/../shared}"
data="$shared/datasets/epoch-chinchilla/svg_extracted_data.csv"
repeats="${1:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
. "$here/bench/common.sh"
publish_cli

fit() { # name, environment assignments...
  local name="$1"; shift
  for i in $(seq "$repeats"); do
    measure "$name-$i" env "$@" dotnet "$cli" fit "$data" --law chinchilla --params "Model Size" --compute "Training FLOP" \
      --metric loss --drop-highest 5 --json
  done
}
fit default DOTNET_EnableAVX512=1
fit noavx512 DOTNET_EnableAVX512=0
measure peer /usr/bin/python3 "$shared/bench/peer_chinchilla_grid.py" "$data"

/usr/bin/python3 - "$out" "$repeats" <<'PY'
import json, sys
out, repeats = sys.argv[1], int(sys.argv[2])
def run(name):
    wall, user, sys_ = open(f"{out}/{name}.time").read().split()[:3]
    return float(wall), float(user) + float(sys_), json.load(open(f"{out}/{name}.json"))
def best(name):
    return min((run(f"{name}-{i}") for i in range(1, repeats + 1)), key=lambda r: r[0])
peer_wall, peer_cpu, peer = run("peer")
print(f"4500-start Chinchilla fit, Epoch data (240 rows); scalelab = published ReadyToRun, whole process, best wall of {repeats}")
print(f"{'':34s} {'wall s':>8s} {'cpu s':>8s} {'x scipy wall':>13s} {'x scipy cpu':>12s}  objective")
for label, name in [("scalelab, AVX-512 where present", "default"), ("scalelab, DOTNET_EnableAVX512=0", "noavx512")]:
    wall, cpu, ours = best(name)
    print(f"{label:34s} {wall:8.3f} {cpu:8.3f} {peer_wall / wall:13.1f} {peer_cpu / cpu:12.1f}  {ours['objective']['value']:.12g} ({ours['status']})")
print(f"{'scipy peer':34s} {peer_wall:8.3f} {peer_cpu:8.3f} {'':13s} {'':12s}  {peer['objective']:.12g}")
_, _, ours = best("default")
print(f"objective ours - peer = {ours['objective']['value'] - peer['objective']:.3e}")
for k in ["E", "A", "B", "alpha", "beta"]:
    print(f"  {k:6s} ours {ours['parameters'][k]:.6g}  peer {peer[k]:.6g}")
PY
