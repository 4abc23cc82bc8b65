#!/usr/bin/python3
"""backprop beside scikit-learn's MLP on every bundled dataset, on the same seeded 70/30 splits.

For each dataset and seed, the rows are split 70/30 (stratified for classification) by scikit-learn's
train_test_split, both parts are written as CSV, and then:
  * backprop trains on the training CSV with its defaults (`train --missing mean`, nothing tuned per dataset)
    and `evaluate`s the test CSV;
  * scikit-learn fits its default MLPClassifier / MLPRegressor (random_state = seed) behind the same preparation
    backprop does by default: mean / most-frequent imputation, one-hot encoding, min-max scaling of the inputs.
Scores: accuracy for classification, R^2 for regression, on the test rows. Writes docs/accuracy.md.

Usage: bench/accuracy/accuracy.py [--seeds N] [--jar backprop-cli/target/backprop.jar] [--data data] [--out docs/accuracy.md]
Needs Debian's python3-sklearn (it brings numpy and scipy).
"""
import argparse
import csv
import datetime
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
import warnings

import numpy as np
import sklearn
from scipy.io import arff
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split

NOTES = """
Notes on reading the table:

- scikit-learn's negative R² on the regression sets is what its defaults give: `MLPRegressor` fits the raw target
  (diabetes' progression is 25-346, cpu's class 6-1150) with 200 Adam epochs at η = 0.001, and stops far from a fit
  (it warns that it did not converge). backprop scales regression targets into [0, 1] and back, as the seed does, which
  is why its defaults work there. With a `TransformedTargetRegressor` and more iterations scikit-learn gets near
  backprop; the table compares defaults, as the issue asks.
- weather.nominal has 14 rows, so a test part holds 4-5 rows and one row moves its score by 0.2-0.25. At 100 splits
  the difference's standard error was 0.012, more than the 0.01 margin "meets" allows, so the table could not answer
  there (it read -0.014 ± 0.012, "no"); a dataset under 50 rows therefore runs 600 splits, which bring the error to
  about half the margin. backprop is 0.007 ± 0.005 below scikit-learn there: within the margin, and strictly below
  (about one test row in 140). How the first weights are drawn moves it as much: on the first 100 of these splits,
  with `--init-scale glorot` (every layer at Glorot's scale, as scikit-learn and Keras draw them) backprop's mean was
  0.640, with `auto`'s He scale for relu layers 0.618; the cross-validation below, on several times as many test
  rows, ranks the two the other way round. On the same 100 splits the auto preset's L2 rule moved backprop's mean
  from 0.632 to 0.618, 7 of 500 test rows; the cross-validation sees it halve backprop's log loss on the same set.
- Times were taken on a machine busy with other builds; they show the order of magnitude, not a benchmark (see
  docs/performance.md for those).
"""

CV_HEADING = "## Cross-validation beside scikit-learn"
PRECISION_HEADING = "## float32 beside float64"

DATASETS = [  # file, target, task
    ("iris.csv", "species", "classification"),
    ("breast_cancer.csv", "diagnosis", "classification"),
    ("diabetes.csv", "progression", "regression"),
    ("iris.arff", "class", "classification"),
    ("cpu.arff", "class", "regression"),
    ("vote.arff", "Class", "classification"),
    ("weather.nominal.arff", "play", "classification"),
]


def load(path):
    """(header, rows of strings with '' for missing, set of numeric column names)."""
    if path.endswith(".arff"):
        data, meta = arff.loadarff(path)
        header = list(meta.names())
        numeric = {name for name in header if meta[name][0] == "numeric"}
        rows = []
        for record in data:
            row = []
            for name, value in zip(header, record):
                if name in numeric:
                    row.append("" if np.isnan(value) else repr(float(value)))
                else:
                    text = value.decode() if isinstance(value, bytes) else str(value)
                    row.append("" if text == "?" else text)
            rows.append(row)
        return header, rows, numeric
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [row for row in reader]
    numeric = set()
    for j, name in enumerate(header):
        try:
            [float(row[j]) for row in rows if row[j] != ""]
            numeric.add(name)
        except ValueError:
            pass
    return header, rows, numeric


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def backprop(jar, train_csv, test_csv, target, seed, workdir, extra):
    model = os.path.join(workdir, "model.json")
    started = time.perf_counter()
    subprocess.run(["java", "-jar", jar, "train", train_csv, "--target", target, "--missing", "mean",
                    "--seed", str(seed), "--out", model, "--quiet", "--format", "json"] + extra,
                   check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    result = subprocess.run(["java", "-jar", jar, "evaluate", "--model", model, test_csv, "--format", "json"],
                            check=True, capture_output=True, text=True)
    scores = json.loads(result.stdout)
    return (scores["accuracy"] if "accuracy" in scores else scores["r2"]), seconds


def sklearn_score(header, train_rows, test_rows, numeric, target, task, seed):
    from cv import pipeline  # the one scikit-learn pipeline both tables fit (cv.py imports this module)
    model, matrix, labels = pipeline(header, numeric, target, task, seed)
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(matrix(train_rows), labels(train_rows))
    seconds = time.perf_counter() - started
    return model.score(matrix(test_rows), labels(test_rows)), seconds


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--small-seeds", type=int, default=600,
                        help="splits for datasets under 50 rows, where one test row moves the score by 0.2: "
                             "enough to bring the difference's standard error to half the 0.01 margin")
    parser.add_argument("--jar", default=os.path.join(root, "backprop-cli", "target", "backprop.jar"))
    parser.add_argument("--data", default=os.path.join(root, "data"))
    parser.add_argument("--out", default=os.path.join(root, "docs", "accuracy.md"))
    parser.add_argument("--only", help="comma-separated dataset files to run (default: all)")
    parser.add_argument("--backprop-args", default="",
                        help="extra options for backprop train, to try settings (the documented table uses none)")
    args = parser.parse_args()

    lines = []
    failures = 0
    extra = args.backprop_args.split()
    for file, target, task in DATASETS:
        if args.only and file not in args.only.split(","):
            continue
        header, rows, numeric = load(os.path.join(args.data, file))
        t = header.index(target)
        ours, theirs, our_time, their_time = [], [], [], []
        seeds = args.small_seeds if len(rows) < 50 else args.seeds
        for seed in range(seeds):
            stratify = [r[t] for r in rows] if task == "classification" else None
            try:
                train_rows, test_rows = train_test_split(rows, test_size=0.3, random_state=seed, stratify=stratify)
            except ValueError:  # a class too small to stratify (weather.nominal has 14 rows)
                train_rows, test_rows = train_test_split(rows, test_size=0.3, random_state=seed)
            with tempfile.TemporaryDirectory() as workdir:
                train_csv = os.path.join(workdir, "train.csv")
                test_csv = os.path.join(workdir, "test.csv")
                write(train_csv, header, train_rows)
                write(test_csv, header, test_rows)
                score, seconds = backprop(args.jar, train_csv, test_csv, target, seed, workdir, extra)
            ours.append(score)
            our_time.append(seconds)
            score, seconds = sklearn_score(header, train_rows, test_rows, numeric, target, task, seed)
            theirs.append(score)
            their_time.append(seconds)
        metric = "accuracy" if task == "classification" else "R^2"
        margin = 0.01 if task == "classification" else 0.02
        mean_ours, mean_theirs = statistics.mean(ours), statistics.mean(theirs)
        ok = mean_ours >= mean_theirs - margin
        failures += 0 if ok else 1
        # The split is shared, so the difference is paired: its standard error is that of the per-split differences.
        error = statistics.stdev([a - b for a, b in zip(ours, theirs)]) / len(ours) ** 0.5
        lines.append("| %s | %s | %s | %d | %.4f ± %.4f | %.4f ± %.4f | %+.4f ± %.4f | %s | %.2f | %.2f |" % (
            file, task, metric, seeds, mean_ours, statistics.pstdev(ours), mean_theirs, statistics.pstdev(theirs),
            mean_ours - mean_theirs, error, "yes" if ok else "**no**", statistics.median(our_time),
            statistics.median(their_time)))
        print(lines[-1], flush=True)

    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    # precision.py and cv.py write their sections after this one: keep them.
    kept = ""
    if os.path.exists(args.out):
        with open(args.out) as f:
            text = f.read()
        for heading in (PRECISION_HEADING, CV_HEADING):
            if heading in text:
                kept = "\n" + text[text.index(heading):]
                break
    with open(args.out, "w") as f:
        f.write(f"""# Accuracy beside scikit-learn

Generated by `bench/accuracy/accuracy.py` on {datetime.date.today().isoformat()} ({platform.machine()},
{os.cpu_count()} cores; {java}; scikit-learn {sklearn.__version__}, numpy {np.__version__}). Rerun it with
`bench/accuracy/accuracy.py` after `./backprop --version` has built the jar (needs Debian's `python3-sklearn`).

Each dataset of `data/` is split 70/30 by scikit-learn's `train_test_split` (stratified for classification) with
seeds 0..{args.seeds - 1} ({args.small_seeds} seeds for a dataset under 50 rows, where a single test row moves the
score by 0.2); both tools train on the same training rows and are scored on the same test rows.

- **backprop**: its defaults, nothing tuned per dataset: `backprop train train.csv --target T --missing mean
  --seed S`, then `backprop evaluate`. With data, the defaults are the `auto` preset: one hidden layer of 100
  relu units, Adam with η = 0.001 on mini-batches of min(200, n), at most 500 epochs, stopping once the training
  loss has not improved by 1e-6 for 10 epochs, an L2 penalty λ = 1/n for n training rows (a standard normal prior
  on each weight; see "The auto preset's rules" below); softmax and cross-entropy for classification, a linear
  output and mse for regression; inputs and regression targets min-max scaled, categorical columns one-hot encoded,
  missing cells filled with the training mean or mode.
- **scikit-learn**: its default `MLPClassifier()` / `MLPRegressor()` (`random_state` = seed), behind the same
  preparation: `SimpleImputer` (mean / most frequent), `OneHotEncoder`, `MinMaxScaler` on the inputs.

Scores are on the test rows: accuracy for classification, R² for regression; mean ± standard deviation over the
seeds. "difference" is backprop's mean minus scikit-learn's ± its standard error (both score the same test rows of a
split, so the error is that of the per-split differences, their sd over √splits). "meets" asks whether backprop's
mean is at least scikit-learn's minus 0.01 (classification) or 0.02 (regression). Times are the median seconds to
train once; backprop's includes starting the JVM (about 0.3 s) and reading the file, scikit-learn's is `fit` alone.

| dataset | task | metric | splits | backprop | scikit-learn | difference ± se | meets | backprop s | scikit-learn s |
|---|---|---|---|---|---|---|---|---|---|
""")
        f.write("\n".join(lines) + "\n")
        f.write(NOTES)
        f.write(kept)
    print(f"written to {args.out}; {failures} dataset(s) below scikit-learn's level")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
