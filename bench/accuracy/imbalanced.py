#!/usr/bin/python3
"""Class weights on an imbalanced set: backprop with and without --class-weight balanced beside scikit-learn.

The split is fixed: data/breast_cancer_95_5.csv (267 benign, 14 malignant) to train, data/breast_cancer_95_5_test.csv
(90 benign, 198 malignant) to score; data/README.md says how both were cut from breast_cancer.csv. Recall and balanced
accuracy do not depend on the test part's class shares, so the test part keeps every malignant row not trained on.
Each tool trains once per seed 0..N-1 on the same rows and is scored on the same test rows:

  * backprop: `train --seed S` (its defaults), and the same with `--class-weight balanced`;
  * scikit-learn: MLPClassifier() (random_state = S) behind MinMaxScaler. Its MLPClassifier takes neither class
    weights nor sample weights (scikit-learn 1.2.1), so the nearest it can do is to repeat each malignant training row
    round(267 / 14) = 19 times, which for a mean loss is the balanced weighting up to its normalisation.

Prints a markdown table. Usage: bench/accuracy/imbalanced.py [--seeds 10] [--jar backprop-cli/target/backprop.jar]
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile

import numpy as np
import pandas as pd
from sklearn.metrics import balanced_accuracy_score, recall_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler

TARGET = "diagnosis"
MINORITY = "malignant"


def backprop(jar, train, test, seed, workdir, extra):
    model = os.path.join(workdir, "m.json")
    subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-jar", jar, "train", train, "--seed",
                    str(seed), "--quiet", "--out", model] + extra, check=True, capture_output=True)
    result = subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-jar", jar, "evaluate", "--model",
                             model, test, "--format", "json"], check=True, capture_output=True, text=True)
    report = json.loads(result.stdout)
    recall = next(c["recall"] for c in report["classes"] if c["name"] == MINORITY)
    return recall, report["balancedAccuracy"]


def sklearn(train, test, seed, oversample):
    x = train.drop(columns=[TARGET])
    y = train[TARGET]
    if oversample:
        minority = train[train[TARGET] == MINORITY]
        copies = round((y != MINORITY).sum() / len(minority))
        repeated = pd.concat([train] + [minority] * (copies - 1))
        x, y = repeated.drop(columns=[TARGET]), repeated[TARGET]
    model = make_pipeline(MinMaxScaler(), MLPClassifier(random_state=seed)).fit(x, y)
    predicted = model.predict(test.drop(columns=[TARGET]))
    return (recall_score(test[TARGET], predicted, pos_label=MINORITY),
            balanced_accuracy_score(test[TARGET], predicted))


def summary(values):
    return f"{statistics.mean(values):.4f} ± {statistics.stdev(values):.4f}"


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--jar", default=os.path.join(root, "backprop-cli", "target", "backprop.jar"))
    args = parser.parse_args()
    train_csv = os.path.join(root, "data", "breast_cancer_95_5.csv")
    test_csv = os.path.join(root, "data", "breast_cancer_95_5_test.csv")
    train, test = pd.read_csv(train_csv), pd.read_csv(test_csv)
    rows = {"backprop": [], "backprop --class-weight balanced": [], "scikit-learn MLPClassifier": [],
            "scikit-learn MLPClassifier, malignant rows repeated 19x": []}
    with tempfile.TemporaryDirectory() as workdir:
        for seed in range(args.seeds):
            rows["backprop"].append(backprop(args.jar, train_csv, test_csv, seed, workdir, []))
            rows["backprop --class-weight balanced"].append(
                backprop(args.jar, train_csv, test_csv, seed, workdir, ["--class-weight", "balanced"]))
            rows["scikit-learn MLPClassifier"].append(sklearn(train, test, seed, False))
            rows["scikit-learn MLPClassifier, malignant rows repeated 19x"].append(sklearn(train, test, seed, True))
    print("| model | malignant recall | balanced accuracy |")
    print("|---|---|---|")
    for name, scores in rows.items():
        print(f"| {name} | {summary([s[0] for s in scores])} | {summary([s[1] for s in scores])} |")


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
