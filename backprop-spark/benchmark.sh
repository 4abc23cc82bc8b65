#!/usr/bin/env bash
# Runs SparkBenchmark (src/test/java): backprop-spark beside MLlib's MultilayerPerceptronClassifier, local[1] and
# local[2], in one JVM. Not part of CI. Usage: backprop-spark/benchmark.sh [ROWS (1000000)] [PARTITIONS (4)]
set -euo pipefail
module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$module/run-local.sh" --version >/dev/null    # builds the jar and Spark's classpath if stale
(cd "$module/.." && mvn -B -q -DskipTests -pl backprop-core,backprop-spark -am test-compile)
opens=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false)
# On a shared machine, wait (up to BENCH_WAIT seconds, default 900) for the 1-minute load average to fall below 1.5.
waited=0
while awk '{exit !($1 >= 1.5)}' /proc/loadavg && [ "$waited" -lt "${BENCH_WAIT:-900}" ]; do
  sleep 15
  waited=$((waited + 15))
done
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# The core's Vector API engine (GEMM, sigmoid), as the backprop launcher uses for large files.
exec java --add-modules jdk.incubator.vector "${opens[@]}" ${BACKPROP_SPARK_JAVA_OPTS:--Xmx8g} \
  -Dlog4j2.configurationFile="$module/log4j2-local.properties" \
  -cp "$module/target/test-classes:$module/target/backprop-spark.jar:$(cat "$module/target/spark-classpath.txt")" \
  dev.backprop.spark.SparkBenchmark "$@"
