#!/usr/bin/env bash
# Whole-process comparison for the bootstrap issue: the Chinchilla fit of the Epoch data (240 rows
# after dropping the 5 highest losses, D = C/6N) with B bootstrap resamples, ScaleLab against the
# SciPy peer ../shared/bench/peer_chinchilla_bootstrap.py (B refits with L-BFGS-B from the full-data
# optimum, numpy seed 42). ScaleLab's process also runs the full 4500-start grid fit first; the peer
# starts from Hoffmann et al.'s published parameters. Prints wall and CPU seconds of both, the
# speed-up, and the 95 % percentile intervals of alpha, beta, E and a side by side.
# Usage: bench/chinchilla-bootstrap.sh [resamples]   (default 4000; the peer takes minutes at 4000:
# use 200 for a quick check). Needs python3-scipy from apt (/usr/bin/python3).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SCALELAB_SHARED:-$here/../shared}"
data="$shared/datasets/epoch-chinchilla/svg_extracted_data.csv"
resamples="${1:-4000}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
. "$here/bench/common.sh"
publish_cli

measure scalelab dotnet "$cli" fit "$data" --law chinchilla --params "Model Size" --compute "Training FLOP" --metric loss \
  --drop-highest 5 --bootstrap "$resamples" --seed 42 --level 0.95 --json
measure peer /usr/bin/python3 "$shared/bench/peer_chinchilla_bootstrap.py" "$data" --resamples "$resamples"

/usr/bin/python3 - "$out" "$resamples" <<'PY'
import json, sys
out, resamples = sys.argv[1], int(sys.argv[2])
ours, peer = json.load(open(f"{out}/scalelab.json")), json.load(open(f"{out}/peer.json"))
def times(name):
    wall, user, sys_ = open(f"{out}/{name}.time").read().split()[:3]
    return float(wall), float(user) + float(sys_)
(ow, oc), (pw, pc) = times("scalelab"), times("peer")
boot = ours.get("bootstrap", {})
print(f"{resamples} bootstrap resamples of the Chinchilla fit, Epoch data (240 rows)")
print(f"scalelab (grid fit + bootstrap, whole process): wall {ow:8.2f} s  cpu {oc:8.2f} s  failed refits {boot.get('failed')}")
print(f"scipy peer (whole process):                     wall {pw:8.2f} s  cpu {pc:8.2f} s")
print(f"speed-up: wall {pw / ow:.1f}x, cpu {pc / oc:.1f}x")
iv = ours["intervals"]
for name, key in [("alpha", "alpha95"), ("beta", "beta95"), ("E", "E95"), ("a", "a95")]:
    lo, hi = iv[name]["lower"], iv[name]["upper"]
    plo, phi = peer[key]
    print(f"  95 % {name:5s} scalelab [{lo:.4f}, {hi:.4f}]  peer [{plo:.4f}, {phi:.4f}]")
PY
