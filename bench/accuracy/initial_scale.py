#!/usr/bin/python3
"""Does the initial weights' scale explain the tiny-data gap? scikit-learn's default MLP beside itself with backprop's
initialisation, on the folds `backprop cv` divides.

On a dataset of a few rows, 200-500 Adam steps at eta = 0.001 leave a 100-unit network close to where it started, so
the starting weights are part of the model. The two tools start differently: scikit-learn draws every weight and
bias uniformly from +-sqrt(6 / (fan_in + fan_out)); backprop draws a relu layer's weights from +-sqrt(6 / fan_in)
(He et al.), the output layer's from +-sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio), and starts every bias at 0.
This script runs `backprop cv` (its defaults, seed 42, writing its folds), then fits on exactly those folds
scikit-learn's default MLPClassifier / MLPRegressor (random_state 0 .. R-1) and the same with backprop's
initialisation, behind the preparation cv.py uses, and prints the mean accuracy (or R^2) of each over the folds, the
scikit-learn runs averaged over the random states.

Usage: bench/accuracy/initial_scale.py [--jar backprop-cli/target/backprop.jar] [--data data] [--states 3]
       [DATASET ...]   (default: weather.nominal.arff)
Needs Debian's python3-sklearn.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import tempfile
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor

import cv
from accuracy import DATASETS, load


def backprop_init(base):
    """base (MLPClassifier or MLPRegressor) drawing its first weights as backprop's Initializer does for relu."""

    class BackpropInit(base):
        def _init_coef(self, fan_in, fan_out, dtype):
            output = fan_out == self.n_outputs_
            bound = np.sqrt(6.0 / (fan_in + fan_out)) if output else np.sqrt(6.0 / fan_in)
            coef = self._random_state.uniform(-bound, bound, (fan_in, fan_out)).astype(dtype, copy=False)
            return coef, np.zeros(fan_out, dtype=dtype)

    BackpropInit.__name__ = "BackpropInit" + base.__name__
    return BackpropInit


def score(header, numeric, target, task, train_rows, test_rows, seed, model_class):
    model, matrix, labels = cv.pipeline(header, numeric, target, task, seed)
    model.steps[-1] = (model.steps[-1][0], model_class(random_state=seed))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(matrix(train_rows), labels(train_rows))
    x, y = matrix(test_rows), labels(test_rows)
    predicted = model.predict(x)
    if task == "classification":
        return sum(p == a for p, a in zip(predicted, y)) / len(y)
    return cv.r2_score(y, predicted)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default=os.path.join(root, "backprop-cli", "target", "backprop.jar"))
    parser.add_argument("--data", default=os.path.join(root, "data"))
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--states", type=int, default=3, help="scikit-learn random states 0 .. N-1")
    parser.add_argument("datasets", nargs="*", default=["weather.nominal.arff"])
    args = parser.parse_args()
    print("| dataset | folds | backprop | scikit-learn | scikit-learn, backprop's initialisation |")
    print("|---|---|---|---|---|")
    for file, target, task in DATASETS:
        if file not in args.datasets:
            continue
        path = os.path.join(args.data, file)
        header, rows, numeric = load(path)
        with tempfile.TemporaryDirectory() as workdir:
            folds_csv = os.path.join(workdir, "folds.csv")
            result = subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-jar", args.jar, "cv", path,
                                     "--target", target, "--missing", "mean", "--folds", str(args.folds),
                                     "--repeats", str(args.repeats), "--save-folds", folds_csv, "--format", "json"],
                                    check=True, capture_output=True, text=True)
            ours = json.loads(result.stdout)
            with open(folds_csv, newline="") as f:
                assignment = [(int(r["repeat"]), int(r["fold"]), int(r["row"])) for r in csv.DictReader(f)]
        base = MLPClassifier if task == "classification" else MLPRegressor
        means = {}
        for name, model_class in (("default", base), ("backprop-init", backprop_init(base))):
            per_state = []
            for state in range(args.states):
                scores = []
                for repeat in range(1, args.repeats + 1):
                    for fold in range(1, args.folds + 1):
                        test = {row for r, f, row in assignment if r == repeat and f == fold}
                        train_rows = [row for i, row in enumerate(rows) if i not in test]
                        test_rows = [row for i, row in enumerate(rows) if i in test]
                        scores.append(score(header, numeric, target, task, train_rows, test_rows, state,
                                            model_class))
                per_state.append(statistics.mean(scores))
            means[name] = per_state
        primary = "accuracy" if task == "classification" else "r2"
        print("| %s | %d x %d | %.4f | %.4f (%s) | %.4f (%s) |" % (
            file, args.folds, args.repeats, ours["mean"][primary], statistics.mean(means["default"]),
            ", ".join("%.3f" % m for m in means["default"]), statistics.mean(means["backprop-init"]),
            ", ".join("%.3f" % m for m in means["backprop-init"])), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
