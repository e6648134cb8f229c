#!/usr/bin/env bash
# DDE training speed, dde4j next to PyTorch, in one run.
# Same set-up on both sides: d = 2, 2 hidden softplus layers, float32, denoising loss with its
# second backward pass, Adam 1e-3, THREADS threads; width {64, 256} x batch {256, 1024}.
# Prints a Markdown table (ms per step, median of timed blocks; lower is better).
#
#   TORCH_SCRIPT=/path/to/pytorch-reference.py benchmarks/dde-side-by-side.sh
#   THREADS=1 STEPS=300 REPEATS=5 benchmarks/dde-side-by-side.sh      # dde4j column only
# TORCH_SCRIPT is a PyTorch implementation of the same step that is not part of dde4j: it takes
# --width --batch --threads --steps --repeats and prints a JSON line with "ms_per_step". Without
# it the PyTorch columns read n/a. The dde4j side is built here (benchmarks/target/benchmarks.jar).
# Run it on a quiet machine: both sides are sensitive to other load on the cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
THREADS="${THREADS:-2}"
STEPS="${STEPS:-200}"
REPEATS="${REPEATS:-5}"
PYTHON="${PYTHON:-/usr/bin/python3}"
TORCH_SCRIPT="${TORCH_SCRIPT:-}"

(cd "$root" && mvn -q -o -B -pl benchmarks -am package -DskipTests)
CP="$root/benchmarks/target/benchmarks.jar"

json_field() { sed -E "s/.*\"$1\": ([0-9.]+).*/\1/"; }

echo "| width | batch | dde4j ms/step | PyTorch ms/step | dde4j / PyTorch | dde4j inference points/s |"
echo "|------:|------:|--------------:|----------------:|----------------:|-------------------------:|"
for width in 64 256; do
  for batch in 256 1024; do
    j="$(OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=PASSIVE java -cp "$CP" io.github.dde4j.benchmarks.DdeBenchmark \
          --width "$width" --batch "$batch" --threads "$THREADS" --steps "$STEPS" --repeats "$REPEATS" --json)"
    jm="$(echo "$j" | json_field ms_per_step)"
    ji="$(echo "$j" | json_field inference_points_per_s)"
    if [ -x "$PYTHON" ] && [ -n "$TORCH_SCRIPT" ] && [ -f "$TORCH_SCRIPT" ]; then
      t="$("$PYTHON" "$TORCH_SCRIPT" --width "$width" --batch "$batch" --threads "$THREADS" \
            --steps "$STEPS" --repeats "$REPEATS" 2>/dev/null | tail -1)"
      tm="$(printf "%.3f" "$(echo "$t" | json_field ms_per_step)")"
      ratio="$(awk -v a="$jm" -v b="$tm" 'BEGIN { printf "%.2f", a / b }')"
    else
      tm="n/a"; ratio="n/a"
    fi
    printf "| %d | %d | %.3f | %s | %s | %.0f |\n" "$width" "$batch" "$jm" "$tm" "$ratio" "$ji"
  done
done
echo
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; threads $THREADS; $(date -u +%FT%TZ)"
