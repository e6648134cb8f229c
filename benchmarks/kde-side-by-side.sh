#!/usr/bin/env bash
# Side-by-side exact Gaussian KDE benchmark: scikit-learn KernelDensity (kd_tree, rtol 1e-8),
# SciPy gaussian_kde and dde4j GaussianKde on the SAME data (written by the peers' script), same
# machine, one run. Prints the JSON lines of every peer and a Markdown table.
#
#   KDE_PEERS=/path/to/peers.py benchmarks/kde-side-by-side.sh                 # all four cells (N = 1e4, 1e5; d = 2, 10)
#   KDE_PEERS=/path/to/peers.py KDE_CELLS="10000:2 100000:2" benchmarks/kde-side-by-side.sh
#
# KDE_PEERS (required) is the peers' script, not part of dde4j: `time --n N --m M --dim D
# --bandwidth H --write-data PREFIX` times scikit-learn and SciPy, prints one JSON line per peer
# ("peer", "n", "m", "dim", "seconds") and writes PREFIX-train.csv and PREFIX-queries.csv.
# Environment: PYTHON
# (default /usr/bin/python3, needs Debian's python3-scipy and python3-sklearn), KDE_M (10000),
# KDE_BANDWIDTH (0.1), KDE_REPEATS (timed repetitions for dde4j after one warm-up, 3), KDE_OUT
# (directory for data and results, default a temp dir). Run it on a quiet machine: the N = 1e5,
# d = 10 cell alone takes the Python peers several minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEERS="${KDE_PEERS:-}"
PY="${PYTHON:-/usr/bin/python3}"
CELLS="${KDE_CELLS:-10000:2 10000:10 100000:2 100000:10}"
M="${KDE_M:-10000}"
H="${KDE_BANDWIDTH:-0.1}"
REPEATS="${KDE_REPEATS:-3}"
OUT="${KDE_OUT:-$(mktemp -d /tmp/kde-side-by-side.XXXXXX)}"
mkdir -p "$OUT"

[ -n "$PEERS" ] && [ -f "$PEERS" ] || { echo "the peers' script was not found at '$PEERS' (set KDE_PEERS)" >&2; exit 2; }

# dde4j: the benchmarks module's fat jar, built offline in the reactor (nothing installed)
cd "$ROOT"
mvn -q -o -B -pl benchmarks -am package -DskipTests
CP="$ROOT/benchmarks/target/benchmarks.jar"

echo "machine: $(nproc) processors, $(uname -m), java $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
for cell in $CELLS; do
  n="${cell%%:*}"
  d="${cell##*:}"
  prefix="$OUT/n$n-d$d"
  echo "== N=$n d=$d M=$M h=$H" >&2
  "$PY" "$PEERS" time --n "$n" --m "$M" --dim "$d" --bandwidth "$H" --write-data "$prefix" | tee -a "$RESULTS"
  java -Xmx4g -cp "$CP" io.github.dde4j.benchmarks.KdeBenchmark --train "$prefix-train.csv" \
      --queries "$prefix-queries.csv" --bandwidth "$H" --repeats "$REPEATS" --check 200 | tee -a "$RESULTS"
done

field() { sed -n "s/.*\"$1\": \"\{0,1\}\([^,\"}]*\)\"\{0,1\}.*/\1/p"; }
echo
echo "| N | d | scikit-learn kd_tree (s) | SciPy gaussian_kde (s) | dde4j (s), best of $REPEATS / first run | speed-up vs faster peer | dde4j max rel. error |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for cell in $CELLS; do
  n="${cell%%:*}"
  d="${cell##*:}"
  rows="$(grep "\"n\": $n, \"m\": $M, \"dim\": $d," "$RESULTS")"
  sk="$(echo "$rows" | grep sklearn | field seconds)"
  sp="$(echo "$rows" | grep scipy | field seconds)"
  dd="$(echo "$rows" | grep '"dde4j"' | field seconds)"
  cold="$(echo "$rows" | grep '"dde4j"' | field cold_seconds)"
  err="$(echo "$rows" | grep '"dde4j"' | field max_rel_error)"
  awk -v n="$n" -v d="$d" -v sk="$sk" -v sp="$sp" -v dd="$dd" -v cold="$cold" -v err="$err" 'BEGIN {
    best = (sk < sp) ? sk : sp;
    printf "| %d | %d | %.2f | %.2f | %.3f / %.3f | %.1fx | %.1e |\n", n, d, sk, sp, dd, cold, best / dd, err }'
done
echo
echo "raw results: $RESULTS"
