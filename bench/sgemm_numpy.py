"""numpy's matmul in float64 and float32 on W3's products, printed as bench/products.sh's ProductRunner prints them:
GFLOP/s (2 m n k / time) of the slowest, median and fastest of several timed windows after a warm-up second.

    python3 bench/sgemm_numpy.py [REPS]
"""
import sys
import time

import numpy as np

SHAPES = ["NN 1024x512x256", "NN 1024x512x512", "TN 256x512x1024", "TN 512x512x1024", "NT 1024x512x512"]
WINDOW_SECONDS = 0.15


def timed(shape, dtype, reps):
    flags, sizes = shape.split(" ")
    m, n, k = (int(s) for s in sizes.split("x"))
    rng = np.random.default_rng(1)
    a = rng.random((k, m) if flags[0] == "T" else (m, k)).astype(dtype)
    b = rng.random((n, k) if flags[1] == "T" else (k, n)).astype(dtype)
    op_a = a.T if flags[0] == "T" else a
    op_b = b.T if flags[1] == "T" else b
    c = np.empty((m, n), dtype=dtype)
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < 1.0:
        np.matmul(op_a, op_b, out=c)
        count += 1
    per_window = max(1, int(count * WINDOW_SECONDS))
    result = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(per_window):
            np.matmul(op_a, op_b, out=c)
        result.append(2.0 * m * n * k * per_window / (time.perf_counter() - t0) / 1e9)
    return sorted(result)


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    engine = "numpy-" + np.__version__
    for shape in SHAPES:
        for precision, dtype in (("float64", np.float64), ("float32", np.float32)):
            g = timed(shape, dtype, reps)
            print(f"{shape:<21} {precision:<8} {engine:<30} {g[0]:8.1f} {g[reps // 2]:8.1f} {g[-1]:8.1f}")


if __name__ == "__main__":
    main()
