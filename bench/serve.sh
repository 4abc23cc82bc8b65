#!/usr/bin/env bash
# The load test of `backprop serve` (docs/performance.md, "serve: requests per second and latency"): trains the iris
# model, serves it on a free loopback port, and runs 8 concurrent clients (ServeLoad, backprop-bench) against it for
# SECONDS (default 10) each with single-row and 1,000-row JSON requests; prints a Markdown table, then stops the
# server with SIGTERM. Nothing leaves the machine; everything it starts, it stops.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${SECONDS_EACH:-10}"
CLIENTS="${CLIENTS:-8}"
WORK="$(mktemp -d /tmp/backprop-serve-bench.XXXXXX)"
BENCH_JAR="$ROOT/backprop-bench/target/backprop-bench.jar"

echo "# building the CLI and bench jars" >&2
(cd "$ROOT" && mvn -B -q -pl backprop-cli,backprop-bench -am package -DskipTests) 2>&1 | grep -v '^WARNING: Using incubator' >&2 || true
"$ROOT/backprop" train "$ROOT/data/iris.csv" --out "$WORK/iris.json" --quiet > /dev/null 2>&1
python3 - "$ROOT/data/iris.csv" "$WORK" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for row in rows:
    del row["species"]
    for k in row:
        row[k] = float(row[k])
json.dump({"rows": rows[:1]}, open(sys.argv[2] + "/one.json", "w"))
json.dump({"rows": [rows[i % len(rows)] for i in range(1000)]}, open(sys.argv[2] + "/thousand.json", "w"))
PY

"$ROOT/backprop" serve --model "$WORK/iris.json" --port 0 > "$WORK/serve.out" 2> "$WORK/serve.err" &
SERVER=$!
trap 'kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q 'serving' "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
URL="$(sed -n 's/^serving .* at //p' "$WORK/serve.out")/predict"
[ -n "$URL" ] || { echo "serve did not start: $(cat "$WORK/serve.err")" >&2; exit 1; }

echo "# date: $(date -Iseconds); machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| request | clients | requests | req/s | p50 ms | p99 ms |"
echo "|---|---:|---:|---:|---:|---:|"
java -cp "$BENCH_JAR" dev.backprop.bench.ServeLoad "$URL" "$WORK/one.json" "$CLIENTS" "$SECONDS_EACH" "1 row (JSON, $(stat -c %s "$WORK/one.json") bytes)"
java -cp "$BENCH_JAR" dev.backprop.bench.ServeLoad "$URL" "$WORK/thousand.json" "$CLIENTS" "$SECONDS_EACH" "1,000 rows (JSON, $(( $(stat -c %s "$WORK/thousand.json") / 1024 )) KB)"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
