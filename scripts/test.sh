#!/usr/bin/env bash
# The test command of README.md: sets up what the tests need on a fresh machine, then runs the
# default suite of every module. Usage: scripts/test.sh [--long]   (--long adds the long
# statistical checks, JUnit tag "long", after the default suite)
set -euo pipefail
cd "$(dirname "$0")/.."

# The notebook tests execute notebooks headlessly with a Java kernel: they need Debian's Jupyter
# pieces. Install them when missing (as root; otherwise say what to install).
need_pkgs=()
command -v jupyter-nbconvert >/dev/null 2>&1 || need_pkgs+=(jupyter-nbconvert)
/usr/bin/python3 -c 'import nbclient, nbformat, jupyter_client, ipykernel' >/dev/null 2>&1 \
  || need_pkgs+=(python3-nbclient python3-nbformat jupyter-client python3-ipykernel)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "scripts/test.sh: installing ${need_pkgs[*]} for the notebook tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      jupyter-nbconvert python3-nbclient python3-nbformat jupyter-client python3-ipykernel >/dev/null
  else
    echo "scripts/test.sh: the notebook tests need: sudo apt-get install ${need_pkgs[*]}" >&2
  fi
fi

mvn -B -ntp install

# the shipped jar on its own class path, as a user runs it: a fit and a sample. The tests run on
# Maven's test class path, which would hide a dependency missing from the jar.
smoke="$(mktemp -d)"
trap 'rm -rf "$smoke"' EXIT
java -jar cli/target/dde4j.jar fit --data src/test/resources/data/faithful.csv --out "$smoke/m.zip" \
  --steps 50 --seed 1 -q
java -jar cli/target/dde4j.jar sample --model "$smoke/m.zip" --rows 100 --seed 1 --out "$smoke/rows.csv" -q
rows="$(wc -l < "$smoke/rows.csv")"
if [ "$rows" -ne 101 ]; then
  echo "scripts/test.sh: the packaged jar wrote $rows lines instead of a header and 100 rows" >&2
  exit 1
fi
echo "scripts/test.sh: the packaged jar fits and samples"
if [ "${1:-}" = "--long" ]; then
  # the notebook test (part of the long profile) runs the notebooks on the rapaio Java kernel
  if command -v jupyter >/dev/null 2>&1; then
    bash notebooks/setup-kernel.sh
  fi
  mvn -B -ntp -Plong verify
fi
