#!/usr/bin/env bash
# What `dde4j sample --refine K` buys and costs: a default `fit --generator` on 2,000 rows of the
# eight Gaussians and on three quarters of airports.csv, then 10,000 rows sampled with K = 0, 5, 20,
# 50 MALA steps. Eight Gaussians: mode shares, MMD^2 and mean true log density (PipelineBench
# check-8g; true rows about -1.69). Airports: energy distance to the held-out quarter (every fourth
# row), next to the training rows' own. Wall time of each `sample` (JVM start included) and the
# extra milliseconds per 1,000 rows over K = 0. Run it on a quiet machine.
#   benchmarks/refine-effect.sh            THREADS=1 benchmarks/refine-effect.sh
set -euo pipefail
# shellcheck source=pipeline-setup.sh
source "$(dirname "$0")/pipeline-setup.sh"

rows=10000
java -cp "$BENCH" io.github.dde4j.benchmarks.PipelineBench write-8g "$work/8g.csv" 2000 5
air="$root/src/test/resources/data/airports.csv"
head -1 "$air" > "$work/air-train.csv"
head -1 "$air" > "$work/air-held.csv"
tail -n +2 "$air" | awk -v t="$work/air-train.csv" -v h="$work/air-held.csv" \
  '{ if (NR % 4 == 0) print >> h; else print >> t }'

for table in 8g air-train; do
  java -Ddde4j.threads="$THREADS" -jar "$CLI" fit --data "$work/$table.csv" --out "$work/$table.zip" --generator \
    | sed "s/^/$table: /"
  base=""
  echo "| table | K | sample wall (s) | extra ms per 1,000 rows | check |"
  echo "|---|---:|---:|---:|---|"
  for k in 0 5 20 50; do
    t0=$(date +%s.%N)
    java -Ddde4j.threads="$THREADS" -jar "$CLI" sample --model "$work/$table.zip" --rows "$rows" --seed 1 \
      --refine "$k" --out "$work/$table-$k.csv" --quiet
    t1=$(date +%s.%N)
    wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"
    [ -z "$base" ] && base="$wall"
    extra="$(awk -v w="$wall" -v b="$base" -v n="$rows" 'BEGIN { printf "%.1f", (w - b) * 1e6 / n }')"
    if [ "$table" = 8g ]; then
      check="$(java -cp "$BENCH" io.github.dde4j.benchmarks.PipelineBench check-8g "$work/$table-$k.csv" | sed "s|$work/||")"
    else
      check="$(java -cp "$BENCH" io.github.dde4j.benchmarks.PipelineBench energy "$work/air-held.csv" "$work/$table-$k.csv" \
        | sed "s|$work/||")"
    fi
    echo "| $table | $k | $wall | $extra | $check |"
  done
done
echo
echo "airports, training rows against the held-out quarter:"
java -cp "$BENCH" io.github.dde4j.benchmarks.PipelineBench energy "$work/air-held.csv" "$work/air-train.csv" | sed "s|$work/||"
