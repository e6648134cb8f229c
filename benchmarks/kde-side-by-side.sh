#!/usr/bin/env bash
# Side-by-side exact Gaussian KDE benchmark: scikit-learn KernelDensity (kd_tree, rtol 1e-8),
# SciPy gaussian_kde and dde4j GaussianKde on the SAME data (written by kde_peers.py), same
# machine, one run. Prints the JSON lines of every peer and a Markdown table.
#
#   benchmarks/kde-side-by-side.sh                 # all four cells (N = 1e4, 1e5; d = 2, 10)
#   KDE_CELLS="10000:2 100000:2" benchmarks/kde-side-by-side.sh
#
# Environment: KDE_PEERS (default ../shared/bench/kde_peers.py next to the repo), PYTHON
# (default /usr/bin/python3, needs Debian's python3-scipy and python3-sklearn), KDE_M (10000),
# KDE_BANDWIDTH (0.1), KDE_REPEATS (timed repetitions for dde4j after one warm-up, 3), KDE_OUT
# (directory for data and results, default a temp dir). Run it on a quiet machine: the N = 1e5,
# d = 10 cell alone takes the Python peers several minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEERS="${KDE_PEERS:-$ROOT/../shared/bench/kde_peers.py}"
PY="${PYTHON:-/usr/bin/python3}"
CELLS="${KDE_CELLS:-10000:2 10000:10 100000:2 100000:10}"
M="${KDE_M:-10000}"
H="${KDE_BANDWIDTH:-0.1}"
REPEATS="${KDE_REPEATS:-3}"
OUT="${KDE_OUT:-$(mktemp -d /tmp/kde-side-by-side.XXXXXX)}"
mkdir -p "$OUT"

[ -f "$PEERS" ] || { echo "kde_peers.py not found at $PEERS (set KDE_PEERS)" >&2; exit 2; }

# dde4j: the kde jar and its run-time class path, resolved offline from ~/.m2
cd "$ROOT"
mvn -q -o -B -pl kde install -DskipTests
mvn -q -o -B -pl kde dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
CP="$ROOT/kde/target/classes:$(cat "$OUT/cp.txt")"

echo "machine: $(nproc) processors, $(uname -m), java $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
for cell in $CELLS; do
  n="${cell%%:*}"
  d="${cell##*:}"
  prefix="$OUT/n$n-d$d"
  echo "== N=$n d=$d M=$M h=$H" >&2
  "$PY" "$PEERS" time --n "$n" --m "$M" --dim "$d" --bandwidth "$H" --write-data "$prefix" | tee -a "$RESULTS"
  java -Xmx4g -cp "$CP" io.github.dde4j.kde.bench.KdeBenchmark --train "$prefix-train.csv" \
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
