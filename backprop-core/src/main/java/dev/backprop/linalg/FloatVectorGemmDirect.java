package dev.backprop.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatVectorGemm}'s products without packing A, in single precision: op(B) = B read in place or op(B) = Bᵀ
 * transposed first, in 4 x NR tiles, the bias (or zeros) loaded from an array. The double engine's differ
 * ({@link VectorGemmDirect}: op(B) = B only, 8-row tiles), so these stay out of the shared template. Legend: i rows
 * of C, j columns, p the shared index.
 */
final class FloatVectorGemmDirect {
    private static final VectorSpecies<Float> S = FloatVectorGemm.S;
    private static final int L = FloatVectorGemm.L;
    private static final int NR = FloatVectorGemm.NR;

    /** What a direct product without bias adds to its sums: zeros (+0 + s = s for every sum s). */
    private static final float[] NO_BIAS = new float[2 * L];

    /** Bᵀ of one thread's direct products, grown as needed. */
    private static final ThreadLocal<float[][]> TRANSPOSED_B = ThreadLocal.withInitial(() -> new float[1][0]);

    private FloatVectorGemmDirect() {
    }

    /**
     * Whether a product runs without packing A: one block of p (k &le; KC, so each c_ij is one FMA chain as in the
     * packed kernel), whole panels of columns, and 512-bit vectors (32 registers). op(B) = B is read in place (its
     * rows contiguous, so a tile's two vectors load straight from it); op(B) = Bᵀ (δ Wᵀ) is first transposed whole
     * into a buffer, k n values that every one of the m / 4 row tiles then reads. For small products such as W2's,
     * packing A costs as much as the multiply-adds it serves (docs/performance.md, "Direct products").
     */
    static boolean accepts(boolean transposeB, int n, int k) {
        return k <= FloatVectorGemm.KC && n % NR == 0 && FloatVectorGemm.MR == 8;
    }

    /**
     * Without packing A, for a shape {@link #accepts} takes: 4 x NR tiles read their A values where they lie (row i of
     * A, or column i of Aᵀ) and load their B vectors from B's rows (or Bᵀ's, transposed first); rows past the last
     * whole tile go one at a time. Each c_ij is bias_j (or 0) + the FMA chain over p from 0, as
     * {@link FloatVectorGemm}'s packed kernel adds its tile to a C cleared to zeros: the same bits as packed.
     */
    static void multiplyInto(boolean transposeA, boolean transposeB, int m, int n, int k, float[] a, int aOff,
                             float[] b, int bOff, float[] bias, int biasOff, float[] c, int cOff) {
        if (transposeB) {
            float[][] holder = TRANSPOSED_B.get();
            if (holder[0].length < k * n) {
                holder[0] = new float[k * n];
            }
            transpose(b, bOff, n, k, holder[0]);
            b = holder[0];
            bOff = 0;
        }
        // op(A)_ip = a[aOff + i * rowStride + p * pStride]
        int rowStride = transposeA ? 1 : k;
        int pStride = transposeA ? m : 1;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            for (int j = 0; j < n; j += NR) {
                direct4(k, a, aOff + i * rowStride, rowStride, pStride, b, bOff + j, n, bias, biasOff + j,
                        c, cOff + i * n + j, n);
            }
        }
        for (; i < m; i++) {
            for (int j = 0; j < n; j += NR) {
                direct1(k, a, aOff + i * rowStride, pStride, b, bOff + j, n, bias, biasOff + j, c, cOff + i * n + j);
            }
        }
    }

    /** to[p·n + j] = b[bOff + j·k + p]: B (n x k) transposed into k rows of n. */
    private static void transpose(float[] b, int bOff, int n, int k, float[] to) {
        for (int j = 0; j < n; j++) {
            int row = bOff + j * k;
            for (int p = 0; p < k; p++) {
                to[p * n + j] = b[row + p];
            }
        }
    }

    /**
     * C tile (4 x 2L at c[cAt]) = bias[biasAt..] (if not null) on every row + A rows (a[aAt + ii·rs + p·ps]) times
     * B columns (b[bAt + p·ldb], 2L wide). Four rows rather than the packed kernel's eight: with eight, C2 compiled
     * this method without its vector intrinsics in some JVMs (every vector then an allocated object, the product a
     * hundred times slower), and a bias added by a helper ran that helper as C1 code in others; the B vectors are
     * loaded twice as often, from L1.
     */
    private static void direct4(int k, float[] a, int aAt, int rs, int ps, float[] b, int bAt, int ldb,
                                float[] bias, int biasAt, float[] c, int cAt, int ldc) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int p = 0; p < k; p++) {
            int bp = bAt + p * ldb;
            int ap = aAt + p * ps;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ap + rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ap + 2 * rs]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ap + 3 * rs]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        // the bias, or zeros (+0 + s = s), added as the tile is stored; both loaded from an array, so that no vector
        // depends on a condition
        float[] base = bias == null ? NO_BIAS : bias;
        int baseAt = bias == null ? 0 : biasAt;
        FloatVector base0 = FloatVector.fromArray(S, base, baseAt);
        FloatVector base1 = FloatVector.fromArray(S, base, baseAt + L);
        int at = cAt;
        base0.add(c00).intoArray(c, at);
        base1.add(c01).intoArray(c, at + L);
        at += ldc;
        base0.add(c10).intoArray(c, at);
        base1.add(c11).intoArray(c, at + L);
        at += ldc;
        base0.add(c20).intoArray(c, at);
        base1.add(c21).intoArray(c, at + L);
        at += ldc;
        base0.add(c30).intoArray(c, at);
        base1.add(c31).intoArray(c, at + L);
    }

    /** One row of {@link #direct4}: C (1 x 2L at c[cAt]) = bias (or 0) + A row (a[aAt + p·ps]) times B columns. */
    private static void direct1(int k, float[] a, int aAt, int ps, float[] b, int bAt, int ldb, float[] bias,
                                int biasAt, float[] c, int cAt) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        for (int p = 0; p < k; p++) {
            int bp = bAt + p * ldb;
            FloatVector x = FloatVector.broadcast(S, a[aAt + p * ps]);
            c0 = x.fma(FloatVector.fromArray(S, b, bp), c0);
            c1 = x.fma(FloatVector.fromArray(S, b, bp + L), c1);
        }
        float[] base = bias == null ? NO_BIAS : bias;
        int baseAt = bias == null ? 0 : biasAt;
        FloatVector.fromArray(S, base, baseAt).add(c0).intoArray(c, cAt);
        FloatVector.fromArray(S, base, baseAt + L).add(c1).intoArray(c, cAt + L);
    }
}
