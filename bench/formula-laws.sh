#!/usr/bin/env bash
# Whole-process comparison of formula laws (the law files in laws/) with the generic formula fitter in
# ../shared/bench/peer_formula_fit.py (SciPy L-BFGS-B, exact SymPy gradients, 64 random starts within the bounds,
# log-uniform where the lower bound is positive), in one run on the same rows and the same least-squares objective.
# Chinchilla is also fitted with the built-in law (its 4500-start grid). Prints wall and CPU seconds, the
# speed-ups and both objectives as the sum of squared residuals (ScaleLab reports half of it).
# Usage: bench/formula-laws.sh        (needs python3-scipy and python3-sympy from apt: /usr/bin/python3)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SCALELAB_SHARED:-$here/../shared}"
datasets="$shared/datasets"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
. "$here/bench/common.sh"
publish_cli

# The rows both sides fit, as CSV files the peer can read (ScaleLab reads the Gadre runs from their JSON files).
/usr/bin/python3 - "$datasets" "$out" <<'PY'
import csv, glob, json, sys
src, out = sys.argv[1], sys.argv[2]
def write(name, header, rows):
    with open(f"{out}/{name}.csv", "w", newline="") as f:
        w = csv.writer(f); w.writerow(header); w.writerows(rows)
rows = list(csv.DictReader(open(f"{src}/epoch-chinchilla/svg_extracted_data.csv")))
fifth = sorted((float(r["loss"]) for r in rows), reverse=True)[4]
write("epoch", ["params", "tokens", "loss"], [(float(r["Model Size"]), float(r["Training FLOP"]) / (6 * float(r["Model Size"])), float(r["loss"]))
                                              for r in rows if float(r["loss"]) < fifth])
last = {}
for r in csv.DictReader(open(f"{src}/routing-clark/curves.csv")):
    if r["hyper_id"] not in last or int(r["step"]) > int(last[r["hyper_id"]]["step"]): last[r["hyper_id"]] = r
write("clark", ["dense_parameter_count", "num_experts", "loss_validation"],
      [(r["dense_parameter_count"], r["num_experts"], r["loss_validation"]) for r in last.values()
       if r["router_type"] == "S-Base" and r["k"] == "1" and float(r["routing_frequency"]) == 0.5])
models = []
for p in sorted(glob.glob(f"{src}/overtraining-gadre/models/*.json")):
    m = json.load(open(p))
    loss = [e["loss"] for e in m["results"] if "c4_val" in str(e["val_data"])]
    models.append((m["hyperparameters"]["params"], m["hyperparameters"]["tokens"], loss[0]))
write("gadre", ["params", "tokens", "loss"], models)
PY

ours() { # name, arguments of scalelab fit...
  local name="$1"; shift
  measure "$name-ours" dotnet "$cli" fit "$@" --json
}
peer() { # name, data, objective, formula, arguments...
  local name="$1" data="$2" objective="$3" formula="$4"; shift 4
  measure "$name-peer" /usr/bin/python3 "$shared/bench/peer_formula_fit.py" "$data" --formula "$formula" --objective "$objective" \
    --restarts 64 --log-starts "$@"
}
laws="$here/laws"
chin=(--bound E=1e-3:10 --bound A=1:1e6 --bound B=1:1e6 --bound alpha=0:2 --bound beta=0:2)

measure chinchilla-builtin dotnet "$cli" fit "$out/epoch.csv" --law chinchilla --objective squared-log --json
ours chinchilla "$out/epoch.csv" --law-file "$laws/chinchilla-hoffmann-2022.toml" --objective squared-log
peer chinchilla "$out/epoch.csv" squared-log "E + A*N**(-alpha) + B*D**(-beta)" --var N=params --var D=tokens --target loss "${chin[@]}"

ours data-constrained "$datasets/datablations/c4_runs_fit182.csv" --law-file "$laws/data-constrained-muennighoff-2023.toml" --metric val_loss --objective squared-log
dc=$(/usr/bin/python3 - <<'PY'
# The law file's definitions substituted into its formula (the peer takes one expression; SymPy spells min/max Min/Max).
defs = [("N_eff", "U_N + U_N*R_Nstar*(1 - exp(-R_N/R_Nstar))"), ("R_N", "Max(N/U_N - 1, 0)"), ("U_N", "Min(N, N_opt)"),
        ("N_opt", "(alpha*A/(beta*B))**(1/alpha)*U_D**(beta/alpha)"), ("D_eff", "U_D + U_D*R_Dstar*(1 - exp(-R_D/R_Dstar))"),
        ("R_D", "Max(D/U_D - 1, 0)"), ("U_D", "Min(U, D)")]
f = "E + A*N_eff**(-alpha) + B*D_eff**(-beta)"
import re
for name, text in defs: f = re.sub(rf"\b{name}\b", f"({text})", f)
print(f)
PY
)
peer data-constrained "$datasets/datablations/c4_runs_fit182.csv" squared-log "$dc" --var N=params --var D=tokens --var U=unique_tokens --target val_loss \
  "${chin[@]}" --bound R_Nstar=0.01:1e20 --bound R_Dstar=0.01:1e20

ours routed-clark "$out/clark.csv" --law-file "$laws/routed-clark-2022.toml"
peer routed-clark "$out/clark.csv" squared-log \
  "10**(a*log(N, 10) + b*log(1/(1/(E - 1 + 1/(1/E_start - 1/E_max)) + 1/E_max), 10) + c*log(N, 10)*log(1/(1/(E - 1 + 1/(1/E_start - 1/E_max)) + 1/E_max), 10) + d)" \
  --var N=dense_parameter_count --var E=num_experts --target loss_validation \
  --bound a=-1:1 --bound b=-1:1 --bound c=-0.2:0.2 --bound d=-5:5 --bound E_start=1:50 --bound E_max=50:1e4

ours overtraining-gadre "$datasets/overtraining-gadre/models/*.json" --law-file "$laws/overtraining-gadre-2024.toml"
peer overtraining-gadre "$out/gadre.csv" squared-linear "alpha*N**b + beta*6**(b/2)*D**b + E" --var N=params --var D=tokens --target loss \
  --bound alpha=1e-2:1e7 --bound beta=1e-2:1e7 --bound b=-2:0 --bound E=1e-3:10

/usr/bin/python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
def run(name):
    wall, user, sys_ = open(f"{out}/{name}.time").read().split()[:3]
    # The first JSON object of the output (a warning printed after it is not part of the result).
    return float(wall), float(user) + float(sys_), json.JSONDecoder().raw_decode(open(f"{out}/{name}.json").read().strip())[0]
print("formula laws, whole process (scalelab = published ReadyToRun); objective = sum of squared residuals (law's space)")
print(f"{'law':20s} {'k':>2s} {'ours wall':>9s} {'ours cpu':>8s} {'peer wall':>9s} {'peer cpu':>8s} {'x wall':>7s} {'x cpu':>6s} {'ours objective':>16s} {'peer objective':>16s}  status")
for name in ["chinchilla", "data-constrained", "routed-clark", "overtraining-gadre"]:
    ow, oc, o = run(f"{name}-ours"); pw, pc, p = run(f"{name}-peer")
    ours = 2 * o["objective"]["value"]
    print(f"{name:20s} {len(o['parameters']):2d} {ow:9.3f} {oc:8.3f} {pw:9.3f} {pc:8.3f} {pw / ow:7.1f} {pc / oc:6.1f} {ours:16.10g} {p['objective']:16.10g}  {o['status']}")
bw, bc, b = run("chinchilla-builtin"); ow, oc, o = run("chinchilla-ours")
print(f"chinchilla built-in (4500-start grid): wall {bw:.3f} s, cpu {bc:.3f} s, objective {2 * b['objective']['value']:.10g}; formula / built-in wall {ow / bw:.2f}x")
PY
