#!/usr/bin/python3
"""Would another hidden activation lift weather.nominal without costing data the defaults were not chosen on?

On weather.nominal (14 rows) backprop's `auto` preset (relu) scores a little below scikit-learn's default MLP, while
`--activation tanh` and `--activation sigmoid` score above it there. A default is only worth changing if it holds on
data it was not picked on, so this script scores relu (the preset), tanh and sigmoid beside scikit-learn's default
MLPClassifier on classification sets that are not bundled with backprop: scikit-learn's own wine and digits (shipped
inside the package, no download) and seeded synthetic sets of 30-120 rows (make_classification, make_moons,
make_circles), on the same seeded, stratified 70/30 splits accuracy.py uses, each tool with its defaults.

Usage: bench/accuracy/activation.py [--seeds 10] [--jar backprop-cli/target/backprop.jar]
Prints one line per dataset: scikit-learn's mean accuracy, then each activation's mean and its difference from it.
Needs Debian's python3-sklearn.
"""
import argparse
import os
import statistics
import tempfile

from sklearn import datasets
from sklearn.model_selection import train_test_split

import accuracy

ACTIVATIONS = ["relu", "tanh", "sigmoid"]


def sets():
    """(name, inputs, labels) of every dataset scored; seeded, so every run scores the same rows."""
    wine = datasets.load_wine()
    digits = datasets.load_digits()
    yield "wine", wine.data, wine.target
    yield "digits", digits.data, digits.target
    for n in (30, 60, 120):
        x, y = datasets.make_classification(n_samples=n, n_features=8, n_informative=4, random_state=n)
        yield "classification-%d" % n, x, y
    x, y = datasets.make_moons(n_samples=80, noise=0.3, random_state=1)
    yield "moons-80", x, y
    x, y = datasets.make_circles(n_samples=80, noise=0.15, factor=0.5, random_state=1)
    yield "circles-80", x, y


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--jar", default=os.path.join(root, "backprop-cli", "target", "backprop.jar"))
    args = parser.parse_args()
    print("| dataset | rows | scikit-learn | " + " | ".join("backprop %s" % a for a in ACTIVATIONS) + " |")
    print("|---|---|---|" + "---|" * len(ACTIVATIONS))
    for name, x, y in sets():
        header = ["x%d" % j for j in range(x.shape[1])] + ["label"]
        rows = [[repr(float(v)) for v in x[i]] + ["c%d" % y[i]] for i in range(len(y))]
        ours = {a: [] for a in ACTIVATIONS}
        theirs = []
        for seed in range(args.seeds):
            train_rows, test_rows = train_test_split(rows, test_size=0.3, random_state=seed,
                                                     stratify=[r[-1] for r in rows])
            with tempfile.TemporaryDirectory() as workdir:
                train_csv = os.path.join(workdir, "train.csv")
                test_csv = os.path.join(workdir, "test.csv")
                accuracy.write(train_csv, header, train_rows)
                accuracy.write(test_csv, header, test_rows)
                for activation in ACTIVATIONS:
                    extra = [] if activation == "relu" else ["--activation", activation]
                    ours[activation].append(
                        accuracy.backprop(args.jar, train_csv, test_csv, "label", seed, workdir, extra)[0])
            theirs.append(accuracy.sklearn_score(header, train_rows, test_rows, set(header[:-1]), "label",
                                                 "classification", seed)[0])
        reference = statistics.mean(theirs)
        cells = ["%.4f (%+.4f)" % (statistics.mean(v), statistics.mean(v) - reference) for v in ours.values()]
        print("| %s | %d | %.4f | %s |" % (name, len(rows), reference, " | ".join(cells)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
