#!/usr/bin/env bash
# Installs a Jupyter kernel spec that runs Java notebooks with dde4j on the class path.
#
# Kernel: rapaio-jupyter-kernel (JShell based, Maven Central io.github.padreati:rapaio-jupyter-kernel).
# dde4j comes from the fat jar built by the cli module (cli/target/dde4j.jar), put on the
# kernel's class path through the kernel's RJK_CLASSPATH variable: the notebooks themselves
# contain no kernel-specific magic.
#
# Needs: java 17+, mvn (only if the kernel jar is not yet in ~/.m2), and jupyter, e.g. on Debian
#   apt-get install -y jupyter-nbconvert python3-nbclient python3-nbformat jupyter-client python3-ipykernel
#
# Idempotent: running it again rewrites the same kernel spec.
#
# Environment (all optional):
#   DDE4J_JAR            class path for the kernel, ':'-separated (default: <repo>/cli/target/dde4j.jar)
#   DDE4J_KERNEL_NAME    kernel spec name            (default: dde4j-java)
#   DDE4J_KERNEL_PREFIX  install under PREFIX/share/jupyter/kernels instead of the user's directory
#   RJK_VERSION          rapaio kernel version       (default: 3.0.1)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
version="${RJK_VERSION:-3.0.1}"
name="${DDE4J_KERNEL_NAME:-dde4j-java}"
jar="${DDE4J_JAR:-$repo/cli/target/dde4j.jar}"

die() { echo "setup-kernel: $*" >&2; exit 1; }

command -v java >/dev/null || die "java not found (need Java 17 or later)"
command -v jupyter >/dev/null || die "jupyter not found; on Debian: apt-get install -y jupyter-nbconvert python3-nbclient python3-nbformat jupyter-client python3-ipykernel"

# 1. The kernel spec directory.
if [ -n "${DDE4J_KERNEL_PREFIX:-}" ]; then
    kroot="$DDE4J_KERNEL_PREFIX/share/jupyter/kernels"
else
    kroot="$(jupyter --data-dir 2>/dev/null | tail -n 1)/kernels"
fi
kdir="$kroot/$name"
mkdir -p "$kdir"

# 2. The kernel jar, from the local Maven repository or Maven Central. Maven copies it itself, so a
#    local repository set elsewhere (settings.xml, -Dmaven.repo.local in MAVEN_OPTS) works too.
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
kjar="$m2/io/github/padreati/rapaio-jupyter-kernel/$version/rapaio-jupyter-kernel-$version.jar"
if [ -f "$kjar" ]; then
    cp -f "$kjar" "$kdir/rapaio-jupyter-kernel.jar"
else
    command -v mvn >/dev/null || die "mvn not found and $kjar missing"
    mvn -q -B dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$version" \
        -DoutputDirectory="$kdir" -Dmdep.stripVersion=true \
        || die "could not fetch io.github.padreati:rapaio-jupyter-kernel:$version"
fi
[ -f "$kdir/rapaio-jupyter-kernel.jar" ] || die "kernel jar not found in $kdir"

# rapaio splits RJK_CLASSPATH on ';' (each entry may be a glob), not on the platform's ':'.
rjk_classpath="${jar//:/;}"

# 3. kernel.json, written atomically. The class path is read by the kernel when it starts, so the
#    fat jar may be built (or rebuilt) after this script ran.
tmp="$(mktemp "$kdir/.kernel.json.XXXXXX")"
cat > "$tmp" <<JSON
{
  "argv": [
    "java",
    "-Djava.awt.headless=true",
    "-jar",
    "$kdir/rapaio-jupyter-kernel.jar",
    "{connection_file}"
  ],
  "display_name": "Java (dde4j)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "RJK_CLASSPATH": "$rjk_classpath",
    "RJK_COMPILER_OPTIONS": "",
    "RJK_INIT_SCRIPT": "",
    "RJK_TIMEOUT_MILLIS": "-1",
    "RJK_MIMA_CACHE": "$kdir/mima_cache",
    "OMP_NUM_THREADS": "2",
    "DDE4J_NO_PROGRESS": "1"
  }
}
JSON
chmod 644 "$tmp"
mv -f "$tmp" "$kdir/kernel.json"

echo "setup-kernel: installed kernel '$name' in $kdir"
echo "setup-kernel: class path $jar"
IFS=':' read -r -a entries <<< "$jar"
for e in "${entries[@]}"; do
    [ -e "$e" ] || echo "setup-kernel: note: $e does not exist yet; build the fat jar with: mvn -B -pl cli -am package -DskipTests" >&2
done
exit 0
