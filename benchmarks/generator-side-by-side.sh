#!/usr/bin/env bash
# The DDE-driven generator, dde4j next to the published recipe in PyTorch, in one run, on the same
# data: 10,000 rows of the 2-D eight Gaussians (radius 2, sd 0.2), batch 512, generator and DDEs
# 3 x 128, sigma 0.1 in standardised units, THREADS threads.
#   dde4j: `dde4j fit --generator` with the defaults (DDE fit, then the generator until it converges).
#   PyTorch: TORCH_GENERATOR (a script not part of dde4j taking --data --steps --sigma --threads --out
#            and printing JSON lines, the last with "generator_steps_per_second"), TORCH_STEPS steps.
# Prints a Markdown table: wall time, generator steps and steps per second, then the quality of 10,000
# rows of each (PipelineBench check-8g: mode shares, MMD^2 at bandwidth 0.5, mean true log density).
#
#   TORCH_GENERATOR=/path/to/torch_generator.py benchmarks/generator-side-by-side.sh
#   THREADS=1 benchmarks/generator-side-by-side.sh        # dde4j only, one thread
# Run it on a quiet machine.
set -euo pipefail
TORCH_STEPS="${TORCH_STEPS:-1500}"
PYTHON="${PYTHON:-/usr/bin/python3}"
TORCH_GENERATOR="${TORCH_GENERATOR:-}"
# shellcheck source=pipeline-setup.sh
source "$(dirname "$0")/pipeline-setup.sh"

java -cp "$BENCH" io.github.dde4j.benchmarks.PipelineBench write-8g "$work/train.csv" 10000 5

t0=$(date +%s.%N)
line="$(java -Ddde4j.threads="$THREADS" -jar "$CLI" fit --data "$work/train.csv" --out "$work/m.zip" --generator \
  | grep '^generator')"
t1=$(date +%s.%N)
# "generator (target: dde): converged at step N (...), T s"
steps="$(echo "$line" | sed -E 's/.* at step ([0-9]+).*/\1/')"
gen_s="$(echo "$line" | sed -E 's/.*, ([0-9.]+) s.*/\1/')"
java -jar "$CLI" sample --model "$work/m.zip" --rows 10000 --seed 1 --out "$work/dde4j.csv" --quiet
dde4j_wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
dde4j_rate="$(awk -v n="$steps" -v s="$gen_s" 'BEGIN { printf "%.1f", n / s }')"

echo "| implementation | wall time (s) | generator steps | generator steps/s |"
echo "|---|---:|---:|---:|"
echo "| dde4j fit --generator (defaults, converged) | $dde4j_wall | $steps | $dde4j_rate |"
files=("$work/dde4j.csv")
if [ -x "$PYTHON" ] && [ -n "$TORCH_GENERATOR" ] && [ -f "$TORCH_GENERATOR" ]; then
  t0=$(date +%s.%N)
  last="$("$PYTHON" "$TORCH_GENERATOR" --data "$work/train.csv" --steps "$TORCH_STEPS" --sigma 0.1 \
          --threads "$THREADS" --out "$work/torch.csv" | tail -1)"
  t1=$(date +%s.%N)
  rate="$(echo "$last" | sed -E 's/.*"generator_steps_per_second": ([0-9.]+).*/\1/')"
  echo "| PyTorch recipe (f_p, f_q DDEs, 3 f_q steps per step) | $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') | $TORCH_STEPS | $rate |"
  files+=("$work/torch.csv")
fi
echo
java -cp "$BENCH" io.github.dde4j.benchmarks.PipelineBench check-8g "${files[@]}" | sed "s|$work/||"
