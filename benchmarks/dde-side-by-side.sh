#!/usr/bin/env bash
# DDE training speed, dde4j next to PyTorch (shared/bench/torch_dde.py), in one run.
# Same set-up on both sides: d = 2, 2 hidden softplus layers, float32, denoising loss with its
# second backward pass, Adam 1e-3, THREADS threads; width {64, 256} x batch {256, 1024}.
# Prints a Markdown table (ms per step, median of timed blocks; lower is better).
#
#   benchmarks/dde-side-by-side.sh                 # needs dde installed: mvn -q -o -B -pl dde install -DskipTests
#   THREADS=1 STEPS=300 REPEATS=5 benchmarks/dde-side-by-side.sh
# Run it on a quiet machine: both sides are sensitive to other load on the cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
THREADS="${THREADS:-2}"
STEPS="${STEPS:-200}"
REPEATS="${REPEATS:-5}"
PYTHON="${PYTHON:-/usr/bin/python3}"
TORCH_SCRIPT="${TORCH_SCRIPT:-$root/../shared/bench/torch_dde.py}"

cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
(cd "$root/dde" && mvn -q -o -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null 2>&1)
jar="$(ls "$HOME"/.m2/repository/io/github/dde4j/dde4j-dde/0.1.0-SNAPSHOT/dde4j-dde-0.1.0-SNAPSHOT.jar)"
CP="$jar:$(cat "$cp_file")"

json_field() { sed -E "s/.*\"$1\": ([0-9.]+).*/\1/"; }

echo "| width | batch | dde4j ms/step | PyTorch ms/step | dde4j / PyTorch | dde4j inference points/s |"
echo "|------:|------:|--------------:|----------------:|----------------:|-------------------------:|"
for width in 64 256; do
  for batch in 256 1024; do
    j="$(OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=PASSIVE java -cp "$CP" io.github.dde4j.dde.bench.DdeBenchmark \
          --width "$width" --batch "$batch" --threads "$THREADS" --steps "$STEPS" --repeats "$REPEATS" --json)"
    jm="$(echo "$j" | json_field ms_per_step)"
    ji="$(echo "$j" | json_field inference_points_per_s)"
    if [ -x "$PYTHON" ] && [ -f "$TORCH_SCRIPT" ]; then
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
