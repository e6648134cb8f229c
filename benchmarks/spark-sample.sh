#!/usr/bin/env bash
# Rows per second of the Spark sample job on local[2] (spark/run-local.sh) next to the
# single-process `dde4j sample`, in one run, on the same model, seed and row count: the same rows
# (docs/spark.md). Prints a Markdown table; the Spark lines time the job without Spark's start
# (as the job reports it) and the whole command (wall).
#   benchmarks/spark-sample.sh                       ROWS=1e8 benchmarks/spark-sample.sh
#   MODEL=model.zip benchmarks/spark-sample.sh       (default: fit Old Faithful with the defaults first)
#   MAVEN_ARGS=-Dmaven.repo.local=... benchmarks/spark-sample.sh
# Run it on a quiet machine with room for the output (1e7 rows are about 200 MB of CSV).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="$(awk -v n="${ROWS:-1e7}" 'BEGIN { printf "%d", n }')"
THREADS="${THREADS:-2}"
export OMP_NUM_THREADS="$THREADS" OMP_WAIT_POLICY=PASSIVE
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
(cd "$root" && mvn -q -o -B ${MAVEN_ARGS:-} -pl spark -am install -DskipTests)
CLI="$root/cli/target/dde4j.jar"
MODEL="${MODEL:-}"
if [[ -z "$MODEL" ]]; then
  MODEL="$work/faithful.zip"
  java -jar "$CLI" fit --data "$root/src/test/resources/data/faithful.csv" --out "$MODEL" --generator -q >/dev/null
fi

now() { date +%s.%N; }
rate() { awk -v n="$ROWS" -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", n / (b - a) }'; }

echo "| run | rows | rows/s (job) | rows/s (wall) |"
echo "|---|---:|---:|---:|"
t0="$(now)"
java -jar "$CLI" sample --model "$MODEL" --rows "$ROWS" --seed 1 --out "$work/cli.csv" -q
t1="$(now)"
echo "| dde4j sample, CSV | $ROWS | $(rate "$t0" "$t1") | $(rate "$t0" "$t1") |"
rm -f "$work/cli.csv"
for format in csv parquet; do
  t0="$(now)"
  line="$("$root/spark/run-local.sh" sample --model "$MODEL" --rows "$ROWS" --seed 1 --out "$work/spark-$format" \
            --format "$format" --partitions "$THREADS")"
  t1="$(now)"
  job="$(echo "$line" | sed -E 's/.*, ([0-9]+) rows\/s.*/\1/')"
  echo "| spark sample on local[$THREADS], $format, $THREADS partitions | $ROWS | $job | $(rate "$t0" "$t1") |"
  rm -rf "$work/spark-$format"
done
