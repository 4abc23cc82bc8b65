#!/usr/bin/env python3
"""numpy in float32 on W1-W3, beside the shared peers' numpy-f64 (issue 17), and numpy's SGEMM speed on W3's shapes
as the float32 ceiling.

usage: numpy_f32.py PEERS_DIR [W1] [W2] [W3]
PEERS_DIR is a copy of ../shared/bench/peers: the workloads (common/workloads.py) and the numpy peer's training loop
(numpy/bench_numpy.py) are imported from it, so the arithmetic is the numpy peer's with every array in float32."""
import os
import sys
import time

import numpy as np

PEERS = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.join(PEERS, "common"))
sys.path.insert(0, os.path.join(PEERS, "numpy"))
import bench_numpy as peer  # noqa: E402
import workloads as wk  # noqa: E402

REPS = int(os.environ.get("PEER_REPS", "2"))
F32 = np.float32


def as_f32(arrays):
    return [a.astype(F32) for a in arrays]


def sgemm_gflops():
    rng = np.random.default_rng(0)
    res = []
    for (m, k, n) in [(1024, 256, 512), (1024, 512, 512)]:
        a, b = rng.random((m, k), dtype=F32), rng.random((k, n), dtype=F32)
        c = np.empty((m, n), dtype=F32)
        np.matmul(a, b, out=c)
        best = []
        for _ in range(5):
            reps = 40
            t0 = time.perf_counter()
            for _ in range(reps):
                np.matmul(a, b, out=c)
            best.append((time.perf_counter() - t0) / reps)
        res.append(2.0 * m * k * n / float(np.median(best)) / 1e9)
    return res


def main(names):
    for name in names:
        wl = wk.get(name)
        X, y = wl.X.astype(F32), wl.y.astype(F32)
        Ws, bs = wl.init_weights()
        nw = wk.warmup_rows(wl)
        peer.train(wl, as_f32(Ws), as_f32(bs), X[:nw], y[:nw], 100 if name == "W1" else 1)
        times = []
        for _ in range(REPS):
            Ws, bs = wl.init_weights()
            Ws, bs = as_f32(Ws), as_f32(bs)
            t, _ = wk.timed(lambda: peer.train(wl, Ws, bs, X, y, wl.epochs))
            times.append(t)
        assert Ws[0].dtype == F32
        loss = wk.final_loss(wl, wk.predict(Ws, bs, X).astype(np.float64))
        wk.report("numpy-f32", wl, times, loss)
        if name == "W3":
            g1, g2 = sgemm_gflops()
            print("# numpy SGEMM practical: (1024x256)@(256x512) %.1f GFLOP/s, (1024x512)@(512x512) %.1f GFLOP/s"
                  % (g1, g2), flush=True)


if __name__ == "__main__":
    main(sys.argv[2:] or ["W1", "W2", "W3"])
