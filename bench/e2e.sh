#!/usr/bin/env bash
# End to end, as a user runs it: the W2 workload written as a CSV file (bench/w2csv.py: 200,000 rows x 32 inputs +
# target, about 60 MB), `./backprop train` (process start, read, scale, 5 SGD epochs at batch 256, hidden 64, model
# written) beside scikit-learn (pandas read_csv, MinMaxScaler, MLPRegressor with the same options, pickle), and
# `./backprop predict` on the same rows beside scikit-learn's predict + to_csv. Runs alternate between the two;
# medians of the wall times, CPU seconds and peak resident memory (/usr/bin/time -f '%e %M %U %S'), with the load
# average beside them (on a shared machine the CPU seconds move less with the load than the wall times).
# The read alone (MB/s) comes from the bench jar's ReadRunner, for the CSV file and the same rows as ARFF.
#
#   bench/e2e.sh [OUT_DIR]     REPS (default 3) runs of each; E2E_LARGE=1 also trains once on 2,000,000 rows
#                              (about 600 MB) to check peak memory against the bound (data as doubles x 3 + 200 MB);
#                              E2E_BEFORE=DIR also runs DIR/backprop (an older checkout) in the same rotation
# Needs: python3 with numpy (/usr/bin/python3 with python3-sklearn and python3-pandas for the scikit-learn side),
# GNU time (/usr/bin/time); about 1 GB free in OUT_DIR with E2E_LARGE=1. Takes 2-4 minutes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$(mktemp -d /tmp/backprop-e2e.XXXXXX)}"
REPS="${REPS:-3}"
PY=/usr/bin/python3
mkdir -p "$OUT"
cd "$OUT"
[ -f w2.csv ] || "$PY" "$ROOT/bench/w2csv.py" w2.csv
"$ROOT/backprop" --version >/dev/null   # builds the jar (and its class-data archive) if needed, untimed
BEFORE="${E2E_BEFORE:-}"
[ -z "$BEFORE" ] || "$BEFORE/backprop" --version >/dev/null
NETWORK=(--hidden 64 --activation sigmoid --output-activation linear --loss mse --optimizer sgd --eta 0.1
         --batch-size 256 --validation 0 --seed 1 --quiet)
TRAIN=("${NETWORK[@]}" --epochs 5)
have_sklearn=1
"$PY" -c 'import sklearn, pandas' 2>/dev/null || { have_sklearn=0; echo "# scikit-learn/pandas missing: backprop only" >&2; }

# run NAME COMMAND...: appends "NAME seconds KB user system load" to results.txt
run() {
  local name="$1"; shift
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "%e %M %U %S" -o time.txt "$@" >/dev/null 2>err.txt || { cat err.txt >&2; return 1; }
  echo "$name $(cat time.txt) $load" >> results.txt
}
: > results.txt
for ((r = 1; r <= REPS; r++)); do
  run backprop-train "$ROOT/backprop" train w2.csv "${TRAIN[@]}" --out model.json
  [ -z "$BEFORE" ] || run before-train "$BEFORE/backprop" train w2.csv "${TRAIN[@]}" --out model-before.json
  [ "$have_sklearn" = 1 ] && run sklearn-train "$PY" "$ROOT/bench/e2e_sklearn.py" train w2.csv model.pkl 5
  run backprop-predict "$ROOT/backprop" predict --model model.json w2.csv --out predictions.csv
  [ -z "$BEFORE" ] || run before-predict "$BEFORE/backprop" predict --model model.json w2.csv --out predictions-before.csv
  [ "$have_sklearn" = 1 ] && run sklearn-predict "$PY" "$ROOT/bench/e2e_sklearn.py" predict w2.csv model.pkl sk.csv
done
(cd "$ROOT" && mvn -B -q -pl backprop-core,backprop-bench -am package -DskipTests >/dev/null 2>&1) || true
[ -f w2.arff ] || "$PY" "$ROOT/bench/w2csv.py" --arff w2.arff
for f in w2.csv w2.arff; do
  java -cp "$ROOT/backprop-bench/target/backprop-bench.jar" dev.backprop.bench.ReadRunner "$f" 5
done > read.txt
if [ "${E2E_LARGE:-0}" = 1 ]; then
  [ -f w2-large.csv ] || "$PY" "$ROOT/bench/w2csv.py" w2-large.csv 2000000
  run backprop-train-2M "$ROOT/backprop" train w2-large.csv "${NETWORK[@]}" --epochs 1 --out model-large.json
  rm -f model-large.json
fi

ROWS=200000 MB="$(du -m --apparent-size w2.csv | cut -f1)" "$PY" - "$OUT" <<'PY'
import collections, os, statistics, sys
out = sys.argv[1]
runs = collections.defaultdict(list)
for line in open(os.path.join(out, "results.txt")):
    name, seconds, kb, user, system, load = line.split()
    runs[name].append((float(seconds), int(kb), float(load), float(user) + float(system)))
rows = int(os.environ["ROWS"])
print("| command | runs | median s | CPU s (user + sys) | rows/s | peak RSS MB (median) | load average (1 min) |")
print("|---|---|---|---|---|---|---|")
for name, values in runs.items():
    s = statistics.median(v[0] for v in values)
    mb = statistics.median(v[1] for v in values) / 1024
    n = 2_000_000 if name.endswith("2M") else rows
    loads = ", ".join(f"{v[2]:.1f}" for v in values)
    bound = ""
    if name.endswith("2M") or name.endswith("-train") and not name.startswith("sklearn"):
        bound = f" (bound {n * 33 * 8 * 3 / 2**20 + 200:.0f})"
    cpu = statistics.median(v[3] for v in values)
    print(f"| {name} | {len(values)} | {s:.2f} | {cpu:.2f} | {n / s:,.0f} | {mb:.0f}{bound} | {loads} |")
for a, b in (("backprop-train", "sklearn-train"), ("backprop-predict", "sklearn-predict"),
             ("before-train", "sklearn-train"), ("before-predict", "sklearn-predict")):
    if a in runs and b in runs:
        ratio = statistics.median(v[0] for v in runs[a]) / statistics.median(v[0] for v in runs[b])
        cpu = statistics.median(v[3] for v in runs[a]) / statistics.median(v[3] for v in runs[b])
        print(f"\n{a} / {b}: {ratio:.2f} of the time, {cpu:.2f} of the CPU seconds")
print()
print(open(os.path.join(out, "read.txt")).read().strip())
PY
echo "# raw results in $OUT" >&2
