#!/usr/bin/env bash
# Runs backprop's workload runner (W1-W3), optionally the shared peers harness, the W2 scaling runs, the JMH
# allocation check and the serve load test, then rewrites the generated part of docs/performance.md.
#
#   bench/run.sh [PEERS_DIR]        PEERS_DIR defaults to ../shared/bench/peers beside the repository;
#                                   pass "none" to skip the peers (backprop only).
# Environment: REPS (timed repetitions per workload, default 5; peers use PEER_REPS, default 2),
#   PEER_SKIP (peers to skip, e.g. "weka dl4j"), SCALING=0 / JMH=0 / SERVE=0 / E2E=0 to skip those parts (the serve
#   load test's and the end-to-end runs' (bench/e2e.sh) tables stay in the raw output; docs/performance.md quotes
#   recorded runs),
#   JAVA_OPTS (extra JVM options for backprop, e.g. -Dbackprop.engine=java).
# Needs: JDK 17, Maven, python3; the peers need python3-numpy/-sklearn/-torch (apt) and Maven Central for Smile/DL4J.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS_SRC="${1:-$ROOT/../shared/bench/peers}"
REPS="${REPS:-5}"
OUT_DIR="$(mktemp -d /tmp/backprop-bench.XXXXXX)"
JAR="$ROOT/backprop-bench/target/backprop-bench.jar"
# backprop's runs only (not the peers'): OpenBLAS's idle threads sleep at once instead of spinning beside backprop's
# element-wise passes (docs/performance.md, "OpenBLAS's idle threads"), as the ./backprop launcher sets it
JAVA=(env OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}" java --add-modules jdk.incubator.vector -Xms2g ${JAVA_OPTS:-})
RUNNER=("${JAVA[@]}" -cp "$JAR" dev.backprop.bench.WorkloadRunner)

echo "# building the bench jar" >&2
(cd "$ROOT" && mvn -B -q -pl backprop-core,backprop-bench -am package -DskipTests) 2>&1 | grep -v '^WARNING: Using incubator' >&2 || true
[ -f "$JAR" ] || { echo "build failed: $JAR missing" >&2; exit 1; }

{
  echo "# date: $(date -Iseconds)"
  echo "# machine: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "# java: $(java -version 2>&1 | head -1)"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT_DIR/header.txt"

# Each workload in a JVM of its own, as the command line trains one network per process: in one JVM, the code C2
# compiled for W2's small products slows W3's large float32 ones by 40 % (docs/performance.md, "One JVM per workload").
backprop_runs() {
  for precision in float64 float32; do
    for workload in W1 W2 W3; do
      PEER_REPS="$REPS" "${RUNNER[@]}" --precision "$precision" "$workload" 2>/dev/null | tee -a "$OUT_DIR/backprop.txt" >&2
    done
  done
}
echo "# backprop: W1 W2 W3 in float64 and float32, $REPS timed repetitions each" >&2
: > "$OUT_DIR/backprop.txt"
backprop_runs

if [ "$PEERS_SRC" != "none" ] && [ -x "$PEERS_SRC/run_all.sh" ]; then
  echo "# peers from $PEERS_SRC (copied; takes about 8 minutes)" >&2
  cp -r "$PEERS_SRC" "$OUT_DIR/peers"
  (cd "$OUT_DIR/peers" && SKIP="${PEER_SKIP:-}" ./run_all.sh >/dev/null 2>&1) || echo "# peers harness failed" >&2
  cat "$OUT_DIR"/peers/results-*.txt > "$OUT_DIR/peers.txt" 2>/dev/null || true
  echo "# numpy in float32 beside them (bench/numpy_f32.py), with numpy's SGEMM speed" >&2
  env OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 PEER_REPS="$REPS" "${PY:-/usr/bin/python3}" "$ROOT/bench/numpy_f32.py" "$OUT_DIR/peers" \
    >> "$OUT_DIR/peers.txt" 2>/dev/null || echo "# numpy float32 failed" >&2
  # a second backprop run after the peers, so both sides see the same machine state
  backprop_runs
else
  echo "# peers skipped ($PEERS_SRC)" >&2
  : > "$OUT_DIR/peers.txt"
fi

if [ "${SCALING:-1}" != 0 ]; then
  echo "# scaling: W2 at 50k, 200k, 800k rows" >&2
  for rows in 50000 200000 800000; do
    "${JAVA[@]}" -Xmx8g -cp "$JAR" dev.backprop.bench.WorkloadRunner --reps 5 --rows "$rows" --heap W2 2>/dev/null
  done | tee "$OUT_DIR/scaling.txt" >&2
fi

if [ "${JMH:-1}" != 0 ]; then
  echo "# JMH: one training epoch per workload with -prof gc" >&2
  env OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}" java -jar "$JAR" TrainingBenchmark -prof gc -wi 2 -i 3 -w 2 -r 2 -f 1 2>/dev/null \
    | grep -E '^(Benchmark|TrainingBenchmark)' | tee "$OUT_DIR/jmh.txt" >&2
fi
if [ "${SERVE:-1}" != 0 ]; then
  echo "# serve: 8 clients over loopback, 1-row and 1,000-row requests, 10 s each (bench/serve.sh)" >&2
  "$ROOT/bench/serve.sh" | tee "$OUT_DIR/serve.txt" >&2
fi
if [ "${E2E:-1}" != 0 ]; then
  echo "# end to end: train and predict on the W2 CSV beside scikit-learn (bench/e2e.sh, 2-4 minutes)" >&2
  "$ROOT/bench/e2e.sh" "$OUT_DIR/e2e" | tee "$OUT_DIR/e2e.txt" >&2 || echo "# end-to-end runs failed" >&2
fi
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT_DIR/header.txt"

python3 "$ROOT/bench/report.py" "$OUT_DIR" "$ROOT/docs/performance.md"
echo "# raw output kept in $OUT_DIR; docs/performance.md updated" >&2
