package dev.backprop.linalg;

import java.util.Arrays;

/**
 * Unchecked single-precision loops behind {@link Gemm}'s {@code float[]} entry points, chosen by shape as
 * {@link GemmKernels} chooses for doubles and with its thresholds but the native one: OpenBLAS {@code sgemm} from
 * {@link #NATIVE_WORK} multiply-adds on when it is loaded (never, by default, where the float engine has 512-bit
 * vectors); k = 1, n = 1 or m = 1 as axpy and dot loops
 * ({@link FloatVectorKernels}), shared among the pool's threads as the double ones are; tiny or narrow products on the
 * plain loops below; the rest on the blocked float engine ({@link GemmEngines#FLOAT_BEST}), directly from A and B when it
 * can, split by rows of C across the same {@link GemmPool} from {@link GemmKernels#PARALLEL_WORK} on. Every sum is
 * accumulated in float, as BLAS {@code sgemm} accumulates it, and every element of C is summed in the same order
 * whatever the thread count. Legend: i rows of C, j columns, p the shared index.
 */
final class FloatGemmKernels {
    /**
     * From this many multiply-adds on, float products go to native OpenBLAS when it is loaded; system property
     * {@code backprop.nativeWorkFloat} overrides it. With 512-bit vectors (the float engine's 8-row tile) never by
     * default: that tile runs at the core's AVX-512 FMA peak, which OpenBLAS's kernels can at best equal (the Debian
     * OpenBLAS here runs its AVX2 kernels on this AMD EPYC and reached half of it, docs/performance.md, "Float32
     * products"), and it needs no JNI call or OpenBLAS thread hand-off. With narrower vectors, from the double
     * threshold on, as for {@code dgemm}.
     */
    static final long NATIVE_WORK = Long.getLong("backprop.nativeWorkFloat",
            GemmEngines.FLOAT_BEST.rowAlignment() >= 8 ? Long.MAX_VALUE : GemmKernels.NATIVE_WORK);

    private FloatGemmKernels() {
    }

    static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        if (takesNative(m, n, k)) {
            GemmEngines.NATIVE.gemm(transposeA, transposeB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
            return;
        }
        gemm(GemmEngines.FLOAT_BEST, transposeA, transposeB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
    }

    static void gemm(FloatGemmEngine engine, boolean transposeA, boolean transposeB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        if (beta == 0.0f && direct(engine, transposeB, m, n, k)) {
            engine.multiplyInto(transposeA, transposeB, m, n, k, a, aOff, b, bOff, null, 0, c, cOff);
            return;
        }
        // an outer product (k = 1) with beta = 0 writes C outright: no pass to clear it first
        boolean overwrite = k == 1 && beta == 0.0f && m > 0 && n > 0;
        if (!overwrite) {
            scale(beta, c, cOff, m * n);
        }
        if (k == 0 || m == 0 || n == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (k == 1 || n == 1 || m == 1) {
            // m = 1 stays on the caller, as in GemmKernels
            if (work < GemmKernels.SLIM_PARALLEL_WORK || m == 1) {
                slim(overwrite, transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff, 0,
                        k == 1 || n == 1 ? m : n);
            } else {
                SLIM.get().multiply(overwrite, transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff);
            }
            return;
        }
        if (work < GemmKernels.BLOCKED_WORK || n < GemmKernels.BLOCKED_MIN_N) {
            plain(transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff);
            return;
        }
        boolean parallel = work >= GemmKernels.PARALLEL_WORK && m >= 2 * engine.rowAlignment();
        if (parallel && GemmKernels.pool().multiply(engine, transposeA, transposeB, m, n, k, a, aOff, b, bOff,
                c, cOff)) {
            return;
        }
        engine.multiply(transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff, 0, m);
    }

    /** C = A B + 1 biasᵀ in one pass over C when the float engine multiplies this product directly; else false. */
    static boolean gemmPlusBias(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] bias,
                                int biasOff, float[] c, int cOff) {
        FloatGemmEngine engine = GemmEngines.FLOAT_BEST;
        if (takesNative(m, n, k) || !direct(engine, false, m, n, k)) {
            return false;
        }
        engine.multiplyInto(false, false, m, n, k, a, aOff, b, bOff, bias, biasOff, c, cOff);
        return true;
    }

    /** Whether {@link #gemm} sends this product to native OpenBLAS: it is loaded and the product is large and wide. */
    static boolean takesNative(int m, int n, int k) {
        return GemmEngines.NATIVE != null && (long) m * n * k >= NATIVE_WORK && m > 1
                && n >= GemmKernels.BLOCKED_MIN_N && k > 1;
    }

    /** As in {@link GemmKernels}: a product the blocked engine takes on the caller and multiplies without packing. */
    private static boolean direct(FloatGemmEngine engine, boolean transposeB, int m, int n, int k) {
        long work = (long) m * n * k;
        return m > 1 && k > 1 && n >= GemmKernels.BLOCKED_MIN_N && work >= GemmKernels.BLOCKED_WORK
                && work < GemmKernels.PARALLEL_WORK && engine.direct(transposeB, n, k);
    }

    /** Each thread's {@link SlimProduct}, reused: splitting one across threads allocates nothing. */
    private static final ThreadLocal<SlimProduct> SLIM = ThreadLocal.withInitial(SlimProduct::new);

    /**
     * A product with k = 1 or n = 1 shared among threads by the rows of C, as in {@link GemmKernels}: pieces are
     * multiples of {@link GemmKernels#SLIM_ALIGN} long, a multiple of every float vector length too, so each element
     * falls into a vector loop's body or tail exactly as it would unsplit.
     */
    private static final class SlimProduct implements RangeLoop {
        private boolean overwrite;
        private boolean transposeA;
        private boolean transposeB;
        private int m;
        private int n;
        private int k;
        private float[] a;
        private int aOff;
        private float[] b;
        private int bOff;
        private float[] c;
        private int cOff;

        void multiply(boolean overwrite, boolean transposeA, boolean transposeB, int m, int n, int k, float[] a,
                      int aOff, float[] b, int bOff, float[] c, int cOff) {
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
            if (!GemmKernels.runRanges(this, m, GemmKernels.SLIM_ALIGN)) {
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
     * C += op(A) op(B) for k = 1, n = 1 or m = 1: rows [from, to) of C when k = 1 or n = 1, else its columns; see
     * {@link GemmKernels#slim}. With {@code overwrite} (k = 1 only) C = op(A) op(B).
     */
    static void slim(boolean overwrite, boolean transposeA, boolean transposeB, int m, int n, int k, float[] a,
                     int aOff, float[] b, int bOff, float[] c, int cOff, int from, int to) {
        FloatVectorKernels kernels = GemmEngines.FLOAT_VECTOR;
        if (k == 1) {
            // c_ij += a_i b_j: one axpy per row of C
            for (int i = from; i < to; i++) {
                if (overwrite) {
                    kernels.scaleInto(a[aOff + i], b, bOff, c, cOff + i * n, n);
                } else {
                    kernels.axpy(a[aOff + i], b, bOff, c, cOff + i * n, n);
                }
            }
        } else if (n == 1) {
            // c_i += Σ_p a_ip b_p: a dot product per row of A, or an axpy per p over Aᵀ's contiguous rows
            if (!transposeA) {
                kernels.dotRows(a, aOff + from * k, k, to - from, b, bOff, k, c, cOff + from);
            } else {
                kernels.axpyRows(b, bOff, a, aOff + from, m, k, c, cOff + from, to - from);
            }
        } else if (!transposeB) {
            // m = 1, c_j += Σ_p a_p b_pj: an axpy per p over B's contiguous rows (a bias gradient)
            kernels.axpyRows(a, aOff, b, bOff + from, n, k, c, cOff + from, to - from);
        } else {
            // c_j += Σ_p a_p b_jp: a dot product per row of B (x·y = y·x to the bit)
            kernels.dotRows(b, bOff + from * k, k, to - from, a, aOff, k, c, cOff + from);
        }
    }

    /** C += op(A) op(B) by the plain loops, whatever the shape: i-p-j where B's rows are contiguous, else dot products. */
    static void plain(boolean transposeA, boolean transposeB, int m, int n, int k,
                      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        // op(A)_ip = a[aOff + i * rowStride + p * pStride]
        int rowStride = transposeA ? 1 : k;
        int pStride = transposeA ? m : 1;
        if (!transposeB) {
            for (int i = 0; i < m; i++) {
                int cRow = cOff + i * n;
                for (int p = 0; p < k; p++) {
                    float aip = a[aOff + i * rowStride + p * pStride];
                    int bRow = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bRow + j];
                    }
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                int cRow = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    int bRow = bOff + j * k;
                    float sum = 0.0f;
                    for (int p = 0; p < k; p++) {
                        sum += a[aOff + i * rowStride + p * pStride] * b[bRow + p];
                    }
                    c[cRow + j] += sum;
                }
            }
        }
    }

    private static void scale(float beta, float[] c, int cOff, int length) {
        if (beta == 0.0f) {
            Arrays.fill(c, cOff, cOff + length, 0.0f);
        } else if (beta != 1.0f) {
            for (int i = cOff; i < cOff + length; i++) {
                c[i] *= beta;
            }
        }
    }
}
