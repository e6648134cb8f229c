#!/usr/bin/env bash
# spark/run-local.sh sample|score|quality [flags]: a dde4j Spark job in this JVM on local[2], for users
# without a cluster. It runs the jar that spark-submit takes (spark/target/dde4j-spark.jar) with
# Spark's own jars from Maven's local repository on the class path, as spark-submit would.
# Build first:  mvn -pl spark -am install -DskipTests
# Environment:  JAVA_OPTS (default -Xmx2g: the driver and its two executor threads share this heap),
#               DDE4J_SPARK_MASTER (default local[2]), DDE4J_VERBOSE=1 (Spark's logging and
#               stack traces), MAVEN_ARGS (extra Maven flags, e.g. -Dmaven.repo.local=...).
# See docs/spark.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/dde4j-spark.jar"
if [[ ! -f "$jar" ]]; then
  echo "run-local.sh: $jar is missing; build it with: mvn -pl spark -am install -DskipTests" >&2
  exit 1
fi
cp_file="$here/target/spark-classpath.txt"
if [[ ! -s "$cp_file" || "$here/pom.xml" -nt "$cp_file" ]]; then
  # shellcheck disable=SC2086
  if ! mvn -q -B -o -f "$here/pom.xml" ${MAVEN_ARGS:-} dependency:build-classpath -Dmdep.includeScope=provided \
      -Dmdep.outputFile="$cp_file" >&2; then
    echo "run-local.sh: could not list Spark's jars with Maven (offline); build with: mvn -pl spark -am install -DskipTests" >&2
    exit 1
  fi
fi
# Spark on Java 17 reaches into JDK internals; spark-submit passes the same flags (and so does the module's pom)
add_opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
logging=(-Dlog4j2.configurationFile="$here/conf/log4j2.properties")
if [[ -n "${DDE4J_VERBOSE:-}" ]]; then
  logging=(-Ddde4j.verbose=true)
fi
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx2g} "${add_opens[@]}" "${logging[@]}" -Dspark.master="${DDE4J_SPARK_MASTER:-local[2]}" \
  -Dspark.ui.enabled=false -cp "$jar:$(cat "$cp_file")" io.github.dde4j.spark.Dde4jSpark "$@"
