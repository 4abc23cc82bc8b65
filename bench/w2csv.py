#!/usr/bin/env python3
"""Writes the W2 workload (../shared/bench/peers/WORKLOADS.md: 200,000 rows x 32 uniform inputs, target
sigmoid(tanh(X A) b), SplitMix64 streams) as a CSV file: x1..x32,y, each value with 6 significant digits (%.6g),
about 60 MB; with --arff, the same rows as an ARFF file (33 numeric attributes). Usage: w2csv.py [--arff] OUT [ROWS]"""
import sys
import numpy as np

GAMMA, M1, M2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def uniform(seed, count):
    k = np.arange(1, count + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = k * GAMMA + np.uint64(seed)
        z = (z ^ (z >> np.uint64(30))) * M1
        z = (z ^ (z >> np.uint64(27))) * M2
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (2.0 ** -53)


def main():
    args = [a for a in sys.argv[1:] if a != "--arff"]
    arff = len(args) < len(sys.argv) - 1
    out = args[0]
    n, m, base = (int(args[1]) if len(args) > 1 else 200_000), 32, 2000
    X = uniform(base + 1, n * m).reshape(n, m)
    A = (2.0 * uniform(base + 2, m * 16).reshape(m, 16) - 1.0) * 2.0 * np.sqrt(3.0 / m)
    b = (2.0 * uniform(base + 3, 16) - 1.0) * 2.0 * np.sqrt(3.0 / 16)
    y = 1.0 / (1.0 + np.exp(-(np.tanh(X @ A) @ b)))
    names = [f"x{j + 1}" for j in range(m)] + ["y"]
    if arff:
        header = "\n".join(["@relation w2"] + [f"@attribute {name} numeric" for name in names] + ["@data"])
    else:
        header = ",".join(names)
    np.savetxt(out, np.column_stack([X, y]), fmt="%.6g", delimiter=",", header=header, comments="")


if __name__ == "__main__":
    main()
