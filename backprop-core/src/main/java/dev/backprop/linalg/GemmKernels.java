package dev.backprop.linalg;

/**
 * Unchecked loops behind {@link Gemm}, and the choice among them by shape. Products of at least {@link #NATIVE_WORK}
 * multiply-adds go to native OpenBLAS when it is loaded ({@link GemmEngines#NATIVE}). A product with k = 1 (outer
 * product), n = 1 (matrix times vector) or m = 1 (vector times matrix) runs as axpy or dot loops
 * ({@link VectorKernels}), those with k = 1 or n = 1 shared among the pool's threads from {@value #SLIM_PARALLEL_WORK}
 * multiply-adds on. Other products of fewer than {@value #BLOCKED_WORK} multiply-adds, or with fewer than
 * {@value #BLOCKED_MIN_N} columns, run the plain loops below on the calling thread with nothing to set up (a 2-3-1
 * network's products cost tens of nanoseconds); larger ones go to the blocked engine ({@link GemmEngines#BEST}):
 * straight from A and B when it can ({@link GemmEngine#direct}, W2's products), packed otherwise, and those of at least
 * {@link #PARALLEL_WORK} multiply-adds with enough rows split by rows of C across the {@link GemmPool}. Each plain loop
 * walks contiguous memory innermost (i-p-j order where B's rows are contiguous, dot products where they are not).
 */
final class GemmKernels {
    /** Below this many multiply-adds (m n k) the plain loops win: no packing, no thread-local look-up. */
    static final long BLOCKED_WORK = 8_192;
    /** Narrower outputs waste most of a micro-tile, so they stay on the plain loops. */
    static final int BLOCKED_MIN_N = 8;
    /**
     * From this many multiply-adds on, a second thread pays for its hand-off; system property
     * {@code backprop.parallelWork} overrides it (for tuning on other machines).
     */
    static final long PARALLEL_WORK = Long.getLong("backprop.parallelWork", 1L << 20);

    /** From this many multiply-adds on, a k = 1 or n = 1 product is shared among threads (memory-bound). */
    static final long SLIM_PARALLEL_WORK = 1L << 17;
    /** Piece boundaries of a shared slim product: a multiple of every vector length, so tails fall where unsplit. */
    static final int SLIM_ALIGN = 16;
    /**
     * From this many multiply-adds on, products go to native OpenBLAS when it is loaded (its own threads, and faster
     * hand-written kernels than ours on large shapes); below, the JNI call and OpenBLAS's thread start-up cost more than
     * they save. System property {@code backprop.nativeWork} overrides it.
     */
    static final long NATIVE_WORK = Long.getLong("backprop.nativeWork", 1L << 20);

    private static volatile GemmPool pool = new GemmPool(defaultThreads());

    private GemmKernels() {
    }

    static int defaultThreads() {
        String value = System.getProperty("backprop.threads");
        if (value != null && !value.isEmpty()) {
            return Math.min(Gemm.MAX_THREADS, Math.max(1, Integer.parseInt(value.trim())));
        }
        return Runtime.getRuntime().availableProcessors();
    }

    static int threads() {
        return pool.threads();
    }

    /** The pool products of either precision are split across. */
    static GemmPool pool() {
        return pool;
    }

    /** {@link Parallel#forRanges} on the pool; false, having done nothing, if the pool has no workers or is busy. */
    static boolean runRanges(RangeLoop loop, int length, int align) {
        return pool.runRanges(loop, length, align);
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
        if (takesNative(m, n, k)) {
            GemmEngines.NATIVE.gemm(transposeA, transposeB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
            return;
        }
        gemm(GemmEngines.BEST, transposeA, transposeB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
    }

    static void gemm(GemmEngine engine, boolean transposeA, boolean transposeB, int m, int n, int k,
                     double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        if (beta == 0.0 && direct(engine, transposeB, m, n, k)) {
            engine.multiplyInto(transposeA, transposeB, m, n, k, a, aOff, b, bOff, null, 0, c, cOff);
            return;
        }
        // an outer product (k = 1) with beta = 0 writes C outright: no pass to clear it first
        boolean overwrite = k == 1 && beta == 0.0 && m > 0 && n > 0;
        if (!overwrite) {
            scale(beta, c, cOff, m * n);
        }
        if (k == 0 || m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (k == 1 || n == 1 || m == 1) {
            // m = 1 (column sums: a bias gradient) stays on the caller: split by columns, each thread would read half
            // of every row, and two threads doing that are slower than one streaming whole rows (docs/performance.md)
            if (work < SLIM_PARALLEL_WORK || m == 1) {
                slim(overwrite, transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff, 0,
                        k == 1 || n == 1 ? m : n);
            } else {
                SLIM.get().multiply(overwrite, transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff);
            }
            return;
        }
        if (work < BLOCKED_WORK || n < BLOCKED_MIN_N) {
            plain(transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff);
            return;
        }
        boolean parallel = work >= PARALLEL_WORK && m >= 2 * engine.rowAlignment();
        if (parallel && pool.multiply(engine, transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff)) {
            return;
        }
        engine.multiply(transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff, 0, m);
    }

    /**
     * C = A B + 1 biasᵀ in one pass over C when the best engine multiplies this product directly (see
     * {@link Gemm#gemmPlusBias}); false, having done nothing, otherwise.
     */
    static boolean gemmPlusBias(int m, int n, int k, double[] a, int aOff, double[] b, int bOff, double[] bias,
                                int biasOff, double[] c, int cOff) {
        GemmEngine engine = GemmEngines.BEST;
        if (takesNative(m, n, k) || !direct(engine, false, m, n, k)) {
            return false;
        }
        engine.multiplyInto(false, false, m, n, k, a, aOff, b, bOff, bias, biasOff, c, cOff);
        return true;
    }

    /** Whether {@link #gemm} sends this product to native OpenBLAS: it is loaded and the product is large and wide. */
    static boolean takesNative(int m, int n, int k) {
        return GemmEngines.NATIVE != null && (long) m * n * k >= NATIVE_WORK && m > 1 && n >= BLOCKED_MIN_N && k > 1;
    }

    /**
     * Whether a product runs through {@link GemmEngine#multiplyInto}: one the blocked engine would take on the
     * calling thread (not slim, not tiny, below the split size) and whose shape the engine multiplies without packing.
     */
    private static boolean direct(GemmEngine engine, boolean transposeB, int m, int n, int k) {
        long work = (long) m * n * k;
        return m > 1 && k > 1 && n >= BLOCKED_MIN_N && work >= BLOCKED_WORK && work < PARALLEL_WORK
                && engine.direct(transposeB, n, k);
    }

    /** Each thread's {@link SlimProduct}, reused: splitting one across threads allocates nothing. */
    private static final ThreadLocal<SlimProduct> SLIM = ThreadLocal.withInitial(SlimProduct::new);

    /**
     * A product with k = 1 or n = 1 (a layer with one output): a few hundred thousand multiply-adds that read
     * megabytes, so it is shared among threads by the rows of C. Every element of C is computed by one thread with the
     * same operations in the same order as without the split; pieces are multiples of {@value #SLIM_ALIGN} long so each
     * falls into a vector loop's body or tail exactly as it would unsplit.
     */
    private static final class SlimProduct implements RangeLoop {
        private boolean overwrite;
        private boolean transposeA;
        private boolean transposeB;
        private int m;
        private int n;
        private int k;
        private double[] a;
        private int aOff;
        private double[] b;
        private int bOff;
        private double[] c;
        private int cOff;

        void multiply(boolean overwrite, boolean transposeA, boolean transposeB, int m, int n, int k, double[] a,
                      int aOff, double[] b, int bOff, double[] c, int cOff) {
            this.overwrite = overwrite;
            this.transposeA = transposeA;
            this.transposeB = transposeB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.aOff = aOff;
            this.b = b;
            this.bOff = bOff;
            this.c = c;
            this.cOff = cOff;
            if (!runRanges(this, m, SLIM_ALIGN)) {
                run(0, m);
            }
            this.a = null;
            this.b = null;
            this.c = null;
        }

        @Override
        public void run(int from, int to) {
            slim(overwrite, transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff, from, to);
        }
    }

    /**
     * C += op(A) op(B) for k = 1, n = 1 or m = 1: rows [from, to) of C when k = 1 or n = 1, else its columns. With
     * {@code overwrite} (k = 1 only) C = op(A) op(B), with the bits accumulating into zeros would give.
     */
    static void slim(boolean overwrite, boolean transposeA, boolean transposeB, int m, int n, int k, double[] a,
                     int aOff, double[] b, int bOff, double[] c, int cOff, int from, int to) {
        if (k == 1) {
            outer(overwrite, from, to, n, a, aOff, b, bOff, c, cOff);
        } else if (n == 1) {
            column(transposeA, m, from, to, k, a, aOff, b, bOff, c, cOff);
        } else {
            row(transposeB, n, from, to, k, a, aOff, b, bOff, c, cOff);
        }
    }

    /**
     * C += a bᵀ for k = 1, c_ij += a_i b_j: with one shared index every transpose has the same layout (A is m values,
     * B n values); one axpy per row of C.
     */
    static void outer(boolean overwrite, int iFrom, int iTo, int n, double[] a, int aOff, double[] b, int bOff,
                      double[] c, int cOff) {
        VectorKernels kernels = GemmEngines.VECTOR;
        for (int i = iFrom; i < iTo; i++) {
            if (overwrite) {
                kernels.scaleInto(a[aOff + i], b, bOff, c, cOff + i * n, n);
            } else {
                kernels.axpy(a[aOff + i], b, bOff, c, cOff + i * n, n);
            }
        }
    }

    /**
     * C += op(A) b for n = 1 (b is k contiguous values either way): c_i += Σ_p a_ip b_p, a dot product per row of A, or
     * when A is transposed an axpy per p (c += b_p a_p·) whose i loop is contiguous ({@link VectorKernels#axpyRows}).
     */
    static void column(boolean transposeA, int m, int iFrom, int iTo, int k, double[] a, int aOff, double[] b,
                       int bOff, double[] c, int cOff) {
        VectorKernels kernels = GemmEngines.VECTOR;
        if (!transposeA) {
            for (int i = iFrom; i < iTo; i++) {
                c[cOff + i] += kernels.dot(a, aOff + i * k, b, bOff, k);
            }
        } else {
            kernels.axpyRows(b, bOff, a, aOff + iFrom, m, k, c, cOff + iFrom, iTo - iFrom);
        }
    }

    /**
     * C += a op(B) for m = 1 (a is k contiguous values either way): c_j += Σ_p a_p b_pj, an axpy per p over B's
     * contiguous row ({@link VectorKernels#axpyRows}), or when B is transposed a dot product per column j. A bias gradient (column sums of δ) is this.
     */
    static void row(boolean transposeB, int n, int jFrom, int jTo, int k, double[] a, int aOff, double[] b, int bOff,
                    double[] c, int cOff) {
        VectorKernels kernels = GemmEngines.VECTOR;
        if (!transposeB) {
            kernels.axpyRows(a, aOff, b, bOff + jFrom, n, k, c, cOff + jFrom, jTo - jFrom);
        } else {
            for (int j = jFrom; j < jTo; j++) {
                c[cOff + j] += kernels.dot(a, aOff, b, bOff + j * k, k);
            }
        }
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
