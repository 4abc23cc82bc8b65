#!/usr/bin/env bash
# W3's products in float64 and float32: backprop's Vector API engine, backprop with native OpenBLAS, numpy; GFLOP/s
# (min, median, max of REPS windows). About a minute. Usage: bench/products.sh [REPS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/backprop-bench/target/backprop-bench.jar"
REPS="${1:-7}"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -pl backprop-bench -am package -DskipTests)
JAVA=(env OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}" java --add-modules jdk.incubator.vector)
echo "# $(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
"${JAVA[@]}" -Dbackprop.engine=vector -cp "$JAR" dev.backprop.bench.ProductRunner "$REPS" 2>/dev/null
"${JAVA[@]}" -cp "$JAR" dev.backprop.bench.ProductRunner "$REPS" 2>/dev/null | grep -v '^#'
python3 "$ROOT/bench/sgemm_numpy.py" "$REPS"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
