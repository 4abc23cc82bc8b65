#!/usr/bin/env bash
# Runs backprop-spark's entry point (dev.backprop.spark.SparkTrain) with plain `java`, on Spark's jars from Maven
# Central, in local mode: what `spark-submit --class dev.backprop.spark.SparkTrain backprop-spark.jar ...` does on a
# cluster. The first run (or any run after the sources changed) builds target/backprop-spark.jar and writes Spark's
# classpath to target/spark-classpath.txt with `mvn dependency:build-classpath`.
#
#   backprop-spark/run-local.sh data.csv --target y --hidden 8 --master 'local[2]' --out model.json
#
# Environment: BACKPROP_SPARK_JAVA_OPTS (default -Xmx4g) adds JVM options, e.g. -Dspark.ui.enabled=true.
set -euo pipefail
module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$module")"
jar="$module/target/backprop-spark.jar"
classpath="$module/target/spark-classpath.txt"

stale() {
  [ ! -f "$jar" ] || [ ! -f "$classpath" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/backprop-core/pom.xml" "$root/backprop-core/src/main" \
            "$root/backprop-command/pom.xml" "$root/backprop-command/src/main" \
            "$module/pom.xml" "$module/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]
}

if stale; then
  echo "backprop-spark: building the jar and Spark's classpath (first run downloads Spark; takes minutes)..." >&2
  log="$(mktemp)"
  # Spark's jars (provided scope) and the core's Jackson; the core, backprop-command, FastCSV and picocli are inside
  # backprop-spark.jar.
  if ! (cd "$root" && mvn -B -q -DskipTests -pl backprop-core,backprop-command,backprop-spark -am package \
          org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
          -Dmdep.outputFile=target/spark-classpath.txt -DincludeScope=compile \
          -DexcludeGroupIds=dev.backprop,info.picocli,de.siegmar) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "error: the build failed (see above)" >&2
    exit 1
  fi
  rm -f "$log"
  touch "$jar"
fi

# The flags Spark documents for Java 17 (the same as the Surefire argLine in pom.xml).
opens=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false)

# Local mode stays on the loopback interface and keeps Spark's log to warnings. Spark trains on large data, so the
# core's Vector API engine is on (as the backprop launcher turns it on for train; BACKPROP_VECTOR=0 turns it off).
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
vector=(--add-modules jdk.incubator.vector)
if [ "${BACKPROP_VECTOR:-}" = 0 ]; then
  vector=()
fi
exec java "${vector[@]}" "${opens[@]}" ${BACKPROP_SPARK_JAVA_OPTS:--Xmx4g} \
  -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -Dlog4j2.configurationFile="$module/log4j2-local.properties" \
  -cp "$jar:$(cat "$classpath")" dev.backprop.spark.SparkTrain "$@"
