package dev.backprop.linalg;

/**
 * Unchecked loops behind {@link Gemm}, and the choice among them by shape. Products of fewer than
 * {@value #BLOCKED_WORK} multiply-adds, or with fewer than {@value #BLOCKED_MIN_N} columns, run the plain loops below
 * on the calling thread with nothing to set up (a 2-3-1 network's products cost tens of nanoseconds); larger ones go to
 * the blocked engine ({@link GemmEngines#BEST}), and those of at least {@value #PARALLEL_WORK} multiply-adds with
 * enough rows are split by rows of C across the {@link GemmPool}. Each plain loop walks contiguous memory innermost
 * (i-p-j order where B's rows are contiguous, dot products where they are not).
 */
final class GemmKernels {
    /** Below this many multiply-adds (m n k) the plain loops win: no packing, no thread-local look-up. */
    static final long BLOCKED_WORK = 8_192;
    /** Narrower outputs waste most of a micro-tile, so they stay on the plain loops. */
    static final int BLOCKED_MIN_N = 8;
    /** From this many multiply-adds on, a second thread pays for its hand-off (about 2 microseconds of work each). */
    static final long PARALLEL_WORK = 1L << 20;

    private static volatile GemmPool pool = new GemmPool(defaultThreads());

    private GemmKernels() {
    }

    static int defaultThreads() {
        String value = System.getProperty("backprop.threads");
        if (value != null && !value.isEmpty()) {
            return Math.max(1, Integer.parseInt(value.trim()));
        }
        return Runtime.getRuntime().availableProcessors();
    }

    static int threads() {
        return pool.threads();
    }

    static synchronized void setThreads(int threads) {
        if (threads != pool.threads()) {
            GemmPool old = pool;
            pool = new GemmPool(threads);
            old.shutdown();
        }
    }

    static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                     double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        gemm(GemmEngines.BEST, transposeA, transposeB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
    }

    static void gemm(GemmEngine engine, boolean transposeA, boolean transposeB, int m, int n, int k,
                     double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        scale(beta, c, cOff, m * n);
        if (k == 0 || m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (work < BLOCKED_WORK || n < BLOCKED_MIN_N) {
            plain(transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff);
            return;
        }
        if (work >= PARALLEL_WORK) {
            int parts = m / (2 * engine.rowAlignment());
            if (parts >= 2 && pool.multiply(engine, parts, transposeA, transposeB, m, n, k, a, aOff, b, bOff, c,
                    cOff)) {
                return;
            }
        }
        engine.multiply(transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff, 0, m);
    }

    /** C += op(A) op(B) by the plain loops, whatever the shape. */
    static void plain(boolean transposeA, boolean transposeB, int m, int n, int k,
                      double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        if (!transposeB) {
            if (!transposeA) {
                multAB(m, n, k, a, aOff, b, bOff, c, cOff);
            } else {
                multAtB(m, n, k, a, aOff, b, bOff, c, cOff);
            }
        } else if (!transposeA) {
            multABt(m, n, k, a, aOff, b, bOff, c, cOff);
        } else {
            multAtBt(m, n, k, a, aOff, b, bOff, c, cOff);
        }
    }

    private static void scale(double beta, double[] c, int cOff, int length) {
        if (beta == 0.0) {
            java.util.Arrays.fill(c, cOff, cOff + length, 0.0);
        } else if (beta != 1.0) {
            for (int i = cOff; i < cOff + length; i++) {
                c[i] *= beta;
            }
        }
    }

    /** C += A B; A m x k, B k x n. */
    private static void multAB(int m, int n, int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * n;
            int aRow = aOff + i * k;
            for (int p = 0; p < k; p++) {
                double aip = a[aRow + p];
                int bRow = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += aip * b[bRow + j];
                }
            }
        }
    }

    /** C += Aᵀ B; A stored k x m, B k x n. */
    private static void multAtB(int m, int n, int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        for (int p = 0; p < k; p++) {
            int aRow = aOff + p * m;
            int bRow = bOff + p * n;
            for (int i = 0; i < m; i++) {
                double api = a[aRow + i];
                int cRow = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += api * b[bRow + j];
                }
            }
        }
    }

    /** C += A Bᵀ; A m x k, B stored n x k. */
    private static void multABt(int m, int n, int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int aRow = aOff + i * k;
            int cRow = cOff + i * n;
            for (int j = 0; j < n; j++) {
                int bRow = bOff + j * k;
                double sum = 0.0;
                for (int p = 0; p < k; p++) {
                    sum += a[aRow + p] * b[bRow + p];
                }
                c[cRow + j] += sum;
            }
        }
    }

    /** C += Aᵀ Bᵀ; A stored k x m, B stored n x k. */
    private static void multAtBt(int m, int n, int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * n;
            for (int j = 0; j < n; j++) {
                int bRow = bOff + j * k;
                double sum = 0.0;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + p * m + i] * b[bRow + p];
                }
                c[cRow + j] += sum;
            }
        }
    }
}
