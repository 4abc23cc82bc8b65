package dev.backprop.linalg;

/**
 * The library's one matrix-multiply path: every layer's forward and backward pass goes through it, so making it fast
 * in one place makes all of training fast.
 *
 * <p>Backpropagation needs three products, each with an entry point of its own:
 * <ul>
 *   <li>{@code Z = A W} (forward: activations times weights): {@link #multiply},</li>
 *   <li>{@code dW = Aᵀ δ} (weight gradient): {@link #multiplyTransposeA},</li>
 *   <li>{@code δ_below = δ Wᵀ} (error sent down a layer): {@link #multiplyTransposeB}.</li>
 * </ul>
 * All of them, and {@link #multiplyAdd} (C += A B), are {@link #gemm} with its flags fixed: the same kernels and the
 * same bits. Matrices are row-major, contiguous, and addressed by an array and an offset so a layer's weights can be
 * used where they sit inside one flat parameter vector. Legend for the loops: i indexes rows of C, j columns of C, p
 * the shared dimension.
 */
public final class Gemm {
    private Gemm() {
    }

    /**
     * C = op(A) op(B) + beta C, where op(X) is X or Xᵀ; c_ij = Σ_p op(A)_ip op(B)_pj + beta c_ij.
     *
     * <p>op(A) is m x k: A is stored m x k, or k x m when {@code transposeA}. op(B) is k x n: B is stored k x n,
     * or n x k when {@code transposeB}. C is m x n. A and B are not modified; C is. With {@code beta == 0} the old
     * contents of C are ignored (even NaN), as in BLAS. NaN or infinity in A or B propagates into the elements of C
     * it contributes to, following IEEE arithmetic. Thread-safe as long as no other call writes the same part of C.
     *
     * @param transposeA whether op(A) = Aᵀ, that is A is stored k x m, rather than A (stored m x k)
     * @param transposeB whether op(B) = Bᵀ, that is B is stored n x k, rather than B (stored k x n)
     * @param m          rows of op(A) and of C; {@code >= 0}
     * @param n          columns of op(B) and of C; {@code >= 0}
     * @param k          the shared dimension summed over: columns of op(A), rows of op(B); {@code >= 0}. With
     *                   {@code k == 0} the product is zero and C becomes beta C
     * @param a          holds A row-major from {@code aOffset} (m x k values, stored as op(A) says); not modified
     * @param aOffset    index in {@code a} of A's element (0, 0); {@code >= 0}
     * @param b          holds B row-major from {@code bOffset} (k x n values); not modified
     * @param bOffset    index in {@code b} of B's element (0, 0); {@code >= 0}
     * @param beta       the factor on C's old contents: 0 overwrites C, 1 accumulates into it
     * @param c          holds C (m x n, row-major) from {@code cOffset}; those m x n values are overwritten with
     *                   the result, the rest of the array is not touched. May not overlap A or B
     * @param cOffset    index in {@code c} of C's element (0, 0); {@code >= 0}
     * @throws IllegalArgumentException if a size is negative or an array is too short for its offset and shape
     */
    public static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                            double[] a, int aOffset, double[] b, int bOffset,
                            double beta, double[] c, int cOffset) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sizes must be >= 0 but were m=" + m + " n=" + n + " k=" + k);
        }
        checkFits("A", a.length, aOffset, (long) m * k);
        checkFits("B", b.length, bOffset, (long) k * n);
        checkFits("C", c.length, cOffset, (long) m * n);
        GemmKernels.gemm(transposeA, transposeB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset);
    }

    /**
     * C = A B, c_ij = Σ_p a_ip b_pj: {@link #gemm} without transposes and with beta = 0. A is m x k, B is k x n, C is
     * m x n, all row-major from their offsets. A and B are not modified; the m x n values of C are overwritten (its
     * old contents ignored, even NaN). NaN or infinity in A or B propagates as IEEE arithmetic says.
     *
     * @param m       rows of A and C; {@code >= 0}
     * @param n       columns of B and C; {@code >= 0}
     * @param k       columns of A, rows of B; {@code >= 0} (0 makes C zero)
     * @param a       holds A from {@code aOffset}; not modified
     * @param aOffset index in {@code a} of A's element (0, 0); {@code >= 0}
     * @param b       holds B from {@code bOffset}; not modified
     * @param bOffset index in {@code b} of B's element (0, 0); {@code >= 0}
     * @param c       receives C from {@code cOffset}; the rest of the array is not touched. May not overlap A or B
     * @param cOffset index in {@code c} of C's element (0, 0); {@code >= 0}
     * @throws IllegalArgumentException if a size is negative or an array is too short for its offset and shape
     */
    public static void multiply(int m, int n, int k, double[] a, int aOffset, double[] b, int bOffset,
                                double[] c, int cOffset) {
        gemm(false, false, m, n, k, a, aOffset, b, bOffset, 0.0, c, cOffset);
    }

    /**
     * C += A B, c_ij = c_ij + Σ_p a_ip b_pj: {@link #gemm} without transposes and with beta = 1. Shapes and offsets as
     * in {@link #multiply}; A and B are not modified, C is.
     *
     * @param m       rows of A and C; {@code >= 0}
     * @param n       columns of B and C; {@code >= 0}
     * @param k       columns of A, rows of B; {@code >= 0} (0 leaves C as it was)
     * @param a       holds A (m x k) from {@code aOffset}; not modified
     * @param aOffset index in {@code a} of A's element (0, 0); {@code >= 0}
     * @param b       holds B (k x n) from {@code bOffset}; not modified
     * @param bOffset index in {@code b} of B's element (0, 0); {@code >= 0}
     * @param c       holds C (m x n) from {@code cOffset}, which the product is added to. May not overlap A or B
     * @param cOffset index in {@code c} of C's element (0, 0); {@code >= 0}
     * @throws IllegalArgumentException if a size is negative or an array is too short for its offset and shape
     */
    public static void multiplyAdd(int m, int n, int k, double[] a, int aOffset, double[] b, int bOffset,
                                   double[] c, int cOffset) {
        gemm(false, false, m, n, k, a, aOffset, b, bOffset, 1.0, c, cOffset);
    }

    /**
     * C = Aᵀ B, c_ij = Σ_p a_pi b_pj: {@link #gemm} with {@code transposeA} and beta = 0. A is stored k x m, B k x n,
     * C is m x n, all row-major from their offsets. A and B are not modified; the m x n values of C are overwritten.
     *
     * @param m       columns of A, rows of C; {@code >= 0}
     * @param n       columns of B and C; {@code >= 0}
     * @param k       rows of A and B, summed over; {@code >= 0} (0 makes C zero)
     * @param a       holds A (k x m) from {@code aOffset}; not modified
     * @param aOffset index in {@code a} of A's element (0, 0); {@code >= 0}
     * @param b       holds B (k x n) from {@code bOffset}; not modified
     * @param bOffset index in {@code b} of B's element (0, 0); {@code >= 0}
     * @param c       receives C from {@code cOffset}; the rest of the array is not touched. May not overlap A or B
     * @param cOffset index in {@code c} of C's element (0, 0); {@code >= 0}
     * @throws IllegalArgumentException if a size is negative or an array is too short for its offset and shape
     */
    public static void multiplyTransposeA(int m, int n, int k, double[] a, int aOffset, double[] b, int bOffset,
                                          double[] c, int cOffset) {
        gemm(true, false, m, n, k, a, aOffset, b, bOffset, 0.0, c, cOffset);
    }

    /**
     * C = A Bᵀ, c_ij = Σ_p a_ip b_jp: {@link #gemm} with {@code transposeB} and beta = 0. A is m x k, B is stored
     * n x k, C is m x n, all row-major from their offsets. A and B are not modified; the m x n values of C are
     * overwritten.
     *
     * @param m       rows of A and C; {@code >= 0}
     * @param n       rows of B, columns of C; {@code >= 0}
     * @param k       columns of A and B, summed over; {@code >= 0} (0 makes C zero)
     * @param a       holds A (m x k) from {@code aOffset}; not modified
     * @param aOffset index in {@code a} of A's element (0, 0); {@code >= 0}
     * @param b       holds B (n x k) from {@code bOffset}; not modified
     * @param bOffset index in {@code b} of B's element (0, 0); {@code >= 0}
     * @param c       receives C from {@code cOffset}; the rest of the array is not touched. May not overlap A or B
     * @param cOffset index in {@code c} of C's element (0, 0); {@code >= 0}
     * @throws IllegalArgumentException if a size is negative or an array is too short for its offset and shape
     */
    public static void multiplyTransposeB(int m, int n, int k, double[] a, int aOffset, double[] b, int bOffset,
                                          double[] c, int cOffset) {
        gemm(false, true, m, n, k, a, aOffset, b, bOffset, 0.0, c, cOffset);
    }

    /**
     * C = A B + 1 biasᵀ, the layer's z = a W + b, in one pass over C when the engine can add the bias as it stores
     * each tile (small products, whose C passes cost as much as the multiply-adds); otherwise does nothing and
     * returns false, and the caller multiplies with {@link #multiply} and adds the bias in a pass of its own. Each
     * c_ij = (Σ_p a_ip b_pj) + bias_j, the sum rounded before the bias is added (numpy's {@code a @ W + b}): the same
     * bits as {@link #multiply} followed by adding the bias. A, B and bias are not modified.
     *
     * @param m       rows of A and C; {@code >= 0}
     * @param n       columns of B and C, and the bias's length; {@code >= 0}
     * @param k       columns of A, rows of B; {@code >= 0}
     * @param a       holds A (m x k, row-major) from {@code aOffset}
     * @param aOffset index in {@code a} of A's element (0, 0)
     * @param b       holds B (k x n, row-major) from {@code bOffset}
     * @param bOffset index in {@code b} of B's element (0, 0)
     * @param bias    holds the n biases from {@code biasOffset}
     * @param biasOffset index in {@code bias} of the first bias
     * @param c       receives C (m x n, row-major) from {@code cOffset} when this returns true; untouched otherwise
     * @param cOffset index in {@code c} of C's element (0, 0)
     * @return whether C was computed
     * @throws IllegalArgumentException if a size is negative or an array is too short for its offset and shape
     */
    public static boolean gemmPlusBias(int m, int n, int k, double[] a, int aOffset, double[] b, int bOffset,
                                       double[] bias, int biasOffset, double[] c, int cOffset) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sizes must be >= 0 but were m=" + m + " n=" + n + " k=" + k);
        }
        checkFits("A", a.length, aOffset, (long) m * k);
        checkFits("B", b.length, bOffset, (long) k * n);
        checkFits("bias", bias.length, biasOffset, n);
        checkFits("C", c.length, cOffset, (long) m * n);
        return GemmKernels.gemmPlusBias(m, n, k, a, aOffset, b, bOffset, bias, biasOffset, c, cOffset);
    }

    /**
     * {@link #gemm} in single precision: the same contract with float operands, each c_ij accumulated in float as BLAS
     * {@code sgemm} accumulates it. Results are the same for every thread count. The same choice of kernels by shape,
     * on float versions of each, except that the machine's OpenBLAS ({@code sgemm}) takes large products only where
     * the Vector API's vectors are narrower than 512 bits: with 512-bit vectors the float engine is as fast as any
     * BLAS kernel can be (system property {@code backprop.nativeWorkFloat}, a number of multiply-adds, sets the size
     * from which OpenBLAS is used anyway).
     *
     * @param transposeA whether A is stored k x m
     * @param transposeB whether B is stored n x k
     * @param m          rows of op(A) and of C; {@code >= 0}
     * @param n          columns of op(B) and of C; {@code >= 0}
     * @param k          the shared dimension; {@code >= 0}
     * @param a          holds A from {@code aOffset}; not modified
     * @param aOffset    index in {@code a} of A's element (0, 0)
     * @param b          holds B from {@code bOffset}; not modified
     * @param bOffset    index in {@code b} of B's element (0, 0)
     * @param beta       the factor on C's old contents: 0 overwrites C, 1 accumulates into it
     * @param c          holds C (m x n) from {@code cOffset}; overwritten with the result. May not overlap A or B
     * @param cOffset    index in {@code c} of C's element (0, 0)
     * @throws IllegalArgumentException if a size is negative or an array is too short for its offset and shape
     */
    public static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                            float[] a, int aOffset, float[] b, int bOffset,
                            float beta, float[] c, int cOffset) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sizes must be >= 0 but were m=" + m + " n=" + n + " k=" + k);
        }
        checkFits("A", a.length, aOffset, (long) m * k);
        checkFits("B", b.length, bOffset, (long) k * n);
        checkFits("C", c.length, cOffset, (long) m * n);
        FloatGemmKernels.gemm(transposeA, transposeB, m, n, k, a, aOffset, b, bOffset, beta, c, cOffset);
    }

    /**
     * C = A B in single precision ({@link #multiply(int, int, int, double[], int, double[], int, double[], int)}).
     *
     * @param m       rows of A and C
     * @param n       columns of B and C
     * @param k       columns of A, rows of B
     * @param a       holds A from {@code aOffset}; not modified
     * @param aOffset index of A's element (0, 0)
     * @param b       holds B from {@code bOffset}; not modified
     * @param bOffset index of B's element (0, 0)
     * @param c       receives C from {@code cOffset}
     * @param cOffset index of C's element (0, 0)
     */
    public static void multiply(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                                float[] c, int cOffset) {
        gemm(false, false, m, n, k, a, aOffset, b, bOffset, 0.0f, c, cOffset);
    }

    /**
     * C += A B in single precision ({@link #multiplyAdd(int, int, int, double[], int, double[], int, double[], int)}).
     *
     * @param m       rows of A and C
     * @param n       columns of B and C
     * @param k       columns of A, rows of B
     * @param a       holds A from {@code aOffset}; not modified
     * @param aOffset index of A's element (0, 0)
     * @param b       holds B from {@code bOffset}; not modified
     * @param bOffset index of B's element (0, 0)
     * @param c       holds C from {@code cOffset}, which the product is added to
     * @param cOffset index of C's element (0, 0)
     */
    public static void multiplyAdd(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                                   float[] c, int cOffset) {
        gemm(false, false, m, n, k, a, aOffset, b, bOffset, 1.0f, c, cOffset);
    }

    /**
     * C = Aᵀ B in single precision
     * ({@link #multiplyTransposeA(int, int, int, double[], int, double[], int, double[], int)}).
     *
     * @param m       columns of A, rows of C
     * @param n       columns of B and C
     * @param k       rows of A and B
     * @param a       holds A (k x m) from {@code aOffset}; not modified
     * @param aOffset index of A's element (0, 0)
     * @param b       holds B (k x n) from {@code bOffset}; not modified
     * @param bOffset index of B's element (0, 0)
     * @param c       receives C from {@code cOffset}
     * @param cOffset index of C's element (0, 0)
     */
    public static void multiplyTransposeA(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                                          float[] c, int cOffset) {
        gemm(true, false, m, n, k, a, aOffset, b, bOffset, 0.0f, c, cOffset);
    }

    /**
     * C = A Bᵀ in single precision
     * ({@link #multiplyTransposeB(int, int, int, double[], int, double[], int, double[], int)}).
     *
     * @param m       rows of A and C
     * @param n       rows of B, columns of C
     * @param k       columns of A and B
     * @param a       holds A (m x k) from {@code aOffset}; not modified
     * @param aOffset index of A's element (0, 0)
     * @param b       holds B (n x k) from {@code bOffset}; not modified
     * @param bOffset index of B's element (0, 0)
     * @param c       receives C from {@code cOffset}
     * @param cOffset index of C's element (0, 0)
     */
    public static void multiplyTransposeB(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                                          float[] c, int cOffset) {
        gemm(false, true, m, n, k, a, aOffset, b, bOffset, 0.0f, c, cOffset);
    }

    /**
     * {@link #gemmPlusBias(int, int, int, double[], int, double[], int, double[], int, double[], int)} in single
     * precision: C = A B + 1 biasᵀ when the engine can add the bias as it stores C; false, having done nothing,
     * otherwise.
     *
     * @param m          rows of A and C
     * @param n          columns of B and C, and the bias's length
     * @param k          columns of A, rows of B
     * @param a          holds A from {@code aOffset}
     * @param aOffset    index of A's element (0, 0)
     * @param b          holds B from {@code bOffset}
     * @param bOffset    index of B's element (0, 0)
     * @param bias       holds the n biases from {@code biasOffset}
     * @param biasOffset index of the first bias
     * @param c          receives C from {@code cOffset} when this returns true
     * @param cOffset    index of C's element (0, 0)
     * @return whether C was computed
     */
    public static boolean gemmPlusBias(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset,
                                       float[] bias, int biasOffset, float[] c, int cOffset) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sizes must be >= 0 but were m=" + m + " n=" + n + " k=" + k);
        }
        checkFits("A", a.length, aOffset, (long) m * k);
        checkFits("B", b.length, bOffset, (long) k * n);
        checkFits("bias", bias.length, biasOffset, n);
        checkFits("C", c.length, cOffset, (long) m * n);
        return FloatGemmKernels.gemmPlusBias(m, n, k, a, aOffset, b, bOffset, bias, biasOffset, c, cOffset);
    }

    /**
     * How many threads (the caller included) large products are split across; see {@link #setThreads}.
     *
     * @return the thread count, {@code >= 1}
     */
    public static int threads() {
        return GemmKernels.threads();
    }

    /**
     * The most threads {@link #setThreads} starts: far more than any machine's cores (beyond them threads only wait,
     * and the results are the same), and few enough that starting them cannot exhaust the process's native threads.
     */
    public static final int MAX_THREADS = 1024;

    /**
     * Splits large products across {@code threads} threads, the caller included: {@code threads - 1} daemon workers
     * are started, the previous ones stopped. The default is the system property {@code backprop.threads}, else the
     * number of available processors. Results are bit-identical for every thread count: each element of C is summed
     * in the same order whichever thread computes it. Products below about a million multiply-adds always stay on the
     * calling thread. When the machine's OpenBLAS is loaded (see {@link #engine}), the products above that size run
     * on OpenBLAS's own threads instead ({@code OPENBLAS_NUM_THREADS}, default every core), which this setting does
     * not change. Affects every later {@link #gemm} in this JVM; call it before training starts, not while
     * another thread is multiplying.
     *
     * @param threads the number of threads, the caller included; 1 to {@link #MAX_THREADS}
     * @throws IllegalArgumentException if {@code threads} is outside 1 to {@link #MAX_THREADS}
     */
    public static void setThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1 to " + MAX_THREADS + " but was " + threads);
        }
        GemmKernels.setThreads(threads);
    }

    /**
     * The engines large products use, chosen once when the class loads.
     *
     * @return {@code "vector-512"} (JDK Vector API, 512-bit) and the like, or {@code "java"} (plain loops, used
     *         when the {@code jdk.incubator.vector} module is absent); prefixed with {@code "native:libopenblas.so.0+"}
     *         when the machine's OpenBLAS takes the largest products
     */
    public static String engine() {
        NativeBlas blas = GemmEngines.NATIVE;
        return (blas == null ? "" : blas.name() + "+") + GemmEngines.BEST.name();
    }

    private static void checkFits(String name, int arrayLength, int offset, long length) {
        if (offset < 0 || offset + length > arrayLength) {
            throw new IllegalArgumentException(name + " needs " + length + " values from offset " + offset
                    + " but its array has " + arrayLength);
        }
    }
}
