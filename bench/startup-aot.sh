#!/usr/bin/env bash
# Start-up of `scalelab fit`: the published ReadyToRun command (the default publish) against Native AOT
# (PublishAot, tried here only, not the default build). Both are published from a clean copy of the committed
# tree (git archive HEAD), so neither reuses the other's intermediate files. For each, runs the Epoch Chinchilla
# fit and reports the time from process start to its first line of output and to its end (wall), with CPU
# seconds; where the AOT publish fails, prints the compiler's errors and warnings (the measured reason).
# Usage: bench/startup-aot.sh [repeats]   (default 5; python3 for the timing)
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SCALELAB_SHARED:-$here/../shared}"
data="$shared/datasets/epoch-chinchilla/svg_extracted_data.csv"
repeats="${1:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/tree"
git -C "$here" archive HEAD | tar -x -C "$out/tree"
cli="$out/tree/src/ScaleLab.Cli"
publish() { # name, extra properties...
  local name="$1"; shift
  local start end; start=$(date +%s.%N)
  dotnet publish "$cli" -c Release -r linux-x64 -p:ScaleLabWithoutCompanion=true "$@" -o "$out/$name" -nologo \
    > "$out/$name.log" 2>&1
  local rc=$?; end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" -v n="$name" -v r="$rc" 'BEGIN { printf "publish %-4s exit %d in %.0f s\n", n, r, b - a }'
  return $rc
}
publish r2r --self-contained false -p:PublishReadyToRun=true
if publish aot -p:PublishAot=true -p:PublishReadyToRun=false; then aot=1; else aot=0; fi
echo "AOT compiler warnings/errors (IL2xxx trimming, IL3xxx AOT), distinct codes:"
grep -oE "(IL[23][0-9]{3}|error [A-Z]+[0-9]+)" "$out/aot.log" | sort | uniq -c | sort -rn | head -20
grep -E "error" "$out/aot.log" | head -5
/usr/bin/python3 - "$out" "$data" "$repeats" "$aot" <<'PY'
import os, resource, subprocess, sys, time
out, data, repeats, aot = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
args = ["fit", data, "--law", "chinchilla", "--params", "Model Size", "--compute", "Training FLOP", "--metric", "loss", "--drop-highest", "5"]
commands = {"r2r": ["dotnet", f"{out}/r2r/ScaleLab.Cli.dll"]}
if aot: commands["aot"] = [f"{out}/aot/ScaleLab.Cli"]
def once(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    p.stdout.readline()
    first = time.perf_counter() - t0
    p.stdout.read(); p.wait()
    total = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return first, total, cpu, p.returncode
def help_first(cmd):
    t0 = time.perf_counter(); subprocess.run(cmd + ["--help"], stdout=subprocess.DEVNULL); return time.perf_counter() - t0
print(f"load average {os.getloadavg()[0]:.1f}; best of {repeats} (by time to first line)")
print(f"{'':5s} {'first line s':>12s} {'whole fit s':>12s} {'cpu s':>8s} {'--help s':>9s} {'size MB':>8s}")
for name, cmd in commands.items():
    runs = [once(cmd + args) for _ in range(repeats)]
    first, total, cpu, rc = min(runs)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(f"{out}/{name}") for f in fs) / 1e6
    print(f"{name:5s} {first:12.3f} {total:12.3f} {cpu:8.3f} {min(help_first(cmd) for _ in range(repeats)):9.3f} {size:8.1f}  exit {rc}")
PY
