#!/usr/bin/env bash
# Wall time of `dde4j fit --generator` with the defaults (DDE + generator, each until it converges),
# on the project's tables and on generated ones, THREADS threads. Prints a Markdown table with the
# convergence line of each model. Run it on a quiet machine.
#   benchmarks/fit-speed.sh            THREADS=1 benchmarks/fit-speed.sh
#   ONLY=mixture-10000x30 benchmarks/fit-speed.sh     (the tables whose names match the pattern)
set -euo pipefail
# shellcheck source=pipeline-setup.sh
source "$(dirname "$0")/pipeline-setup.sh"

data="$root/src/test/resources/data"
java -cp "$BENCH" io.github.dde4j.benchmarks.PipelineBench write-8g "$work/eight-gaussians.csv" 2000 5
java -cp "$BENCH" io.github.dde4j.benchmarks.PipelineBench write-mixture "$work/mixture-2000x4.csv" 2000 4 7
java -cp "$BENCH" io.github.dde4j.benchmarks.PipelineBench write-mixture "$work/mixture-10000x30.csv" 10000 30 7

echo "| table | rows x columns | wall time (s) | DDE | generator |"
echo "|---|---|---:|---|---|"
for f in "$data/faithful.csv" "$data/penguins.csv" "$data/airports.csv" "$work/eight-gaussians.csv" \
         "$work/mixture-2000x4.csv" "$work/mixture-10000x30.csv"; do
  if [ -n "${ONLY:-}" ] && ! basename "$f" .csv | grep -qE "$ONLY"; then
    continue
  fi
  rows=$(( $(wc -l < "$f") - 1 ))
  cols=$(head -1 "$f" | awk -F, '{ print NF }')
  t0=$(date +%s.%N)
  out="$(java -Ddde4j.threads="$THREADS" -jar "$CLI" fit --data "$f" --out "$work/m.zip" --generator)"
  t1=$(date +%s.%N)
  dde="$(echo "$out" | grep '^DDE' | sed -E 's/^DDE: ([^;(]*).*/\1/')"
  gen="$(echo "$out" | grep '^generator' | sed -E 's/^generator \(target: dde\): //')"
  printf "| %s | %d x %d | %.1f | %s | %s |\n" "$(basename "$f" .csv)" "$rows" "$cols" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$dde" "$gen"
  rm -f "$work/m.zip"
done
