# Shared set-up of the pipeline benchmarks (sourced by fit-speed.sh and generator-side-by-side.sh):
# builds the jars, sets BENCH, CLI, a scratch folder $work removed on exit, and the thread settings.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${THREADS:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && mvn -q -o -B -pl cli -am package -DskipTests)
BENCH="$root/benchmarks/target/benchmarks.jar"
CLI="$root/cli/target/dde4j.jar"
export OMP_NUM_THREADS="$THREADS" OMP_WAIT_POLICY=PASSIVE
