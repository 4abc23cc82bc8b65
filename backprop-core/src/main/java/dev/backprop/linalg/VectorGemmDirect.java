package dev.backprop.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorGemm}'s products without packing, in double precision: op(B) = B only, in 8 x NR tiles. The float
 * engine's differ ({@link FloatVectorGemmDirect}: op(B) = Bᵀ too, 4-row tiles, the bias from an array of zeros), so
 * these stay out of the shared template. Legend: i rows of C, j columns, p the shared index.
 */
final class VectorGemmDirect {
    private static final VectorSpecies<Double> S = VectorGemm.S;
    private static final int L = VectorGemm.L;
    private static final int NR = VectorGemm.NR;

    private VectorGemmDirect() {
    }

    /**
     * Whether a product runs without packing: op(B) = B (its rows contiguous, so a tile's two vectors load straight
     * from it), one block of p (k &le; KC, so each c_ij is one FMA chain as in the packed kernel), whole panels of
     * columns, and 8-row tiles. For small products such as W2's, packing costs as much as the multiply-adds it serves
     * (docs/performance.md, "Direct products").
     */
    static boolean accepts(boolean transposeB, int n, int k) {
        return !transposeB && k <= VectorGemm.KC && n % NR == 0 && VectorGemm.MR == 8;
    }

    /**
     * Without packing, for a shape {@link #accepts} takes (so op(B) = B: transposeB is false): 8 x NR tiles read
     * their A values where they lie (row i of A, or column i of Aᵀ) and load their B vectors from B's rows; rows past
     * the last whole tile go one at a time. Each c_ij is bias_j (or 0) + the FMA chain over p from 0, as
     * {@link VectorGemm}'s packed kernel adds its tile to a C cleared to zeros: the same bits as packed.
     */
    static void multiplyInto(boolean transposeA, boolean transposeB, int m, int n, int k, double[] a, int aOff,
                             double[] b, int bOff, double[] bias, int biasOff, double[] c, int cOff) {
        // op(A)_ip = a[aOff + i * rowStride + p * pStride]
        int rowStride = transposeA ? 1 : k;
        int pStride = transposeA ? m : 1;
        int i = 0;
        for (; i + 8 <= m; i += 8) {
            for (int j = 0; j < n; j += NR) {
                direct8(k, a, aOff + i * rowStride, rowStride, pStride, b, bOff + j, n, bias, biasOff + j,
                        c, cOff + i * n + j, n);
            }
        }
        for (; i < m; i++) {
            for (int j = 0; j < n; j += NR) {
                direct1(k, a, aOff + i * rowStride, pStride, b, bOff + j, n, bias, biasOff + j, c, cOff + i * n + j);
            }
        }
    }

    /**
     * C tile (8 x 2L at c[cAt]) = bias[biasAt..] (zero if null) on every row + A rows (a[aAt + ii·rs + p·ps]) times
     * B columns (b[bAt + p·ldb], 2L wide).
     */
    private static void direct8(int k, double[] a, int aAt, int rs, int ps, double[] b, int bAt, int ldb,
                                double[] bias, int biasAt, double[] c, int cAt, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c40 = c00;
        DoubleVector c41 = c00;
        DoubleVector c50 = c00;
        DoubleVector c51 = c00;
        DoubleVector c60 = c00;
        DoubleVector c61 = c00;
        DoubleVector c70 = c00;
        DoubleVector c71 = c00;
        for (int p = 0; p < k; p++) {
            int bp = bAt + p * ldb;
            int ap = aAt + p * ps;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ap + rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[ap + 2 * rs]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[ap + 3 * rs]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[ap + 4 * rs]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[ap + 5 * rs]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, a[ap + 6 * rs]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, a[ap + 7 * rs]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        DoubleVector base0 = bias == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, bias, biasAt);
        DoubleVector base1 = bias == null ? base0 : DoubleVector.fromArray(S, bias, biasAt + L);
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
        at += ldc;
        base0.add(c40).intoArray(c, at);
        base1.add(c41).intoArray(c, at + L);
        at += ldc;
        base0.add(c50).intoArray(c, at);
        base1.add(c51).intoArray(c, at + L);
        at += ldc;
        base0.add(c60).intoArray(c, at);
        base1.add(c61).intoArray(c, at + L);
        at += ldc;
        base0.add(c70).intoArray(c, at);
        base1.add(c71).intoArray(c, at + L);
    }

    /** One row of {@link #direct8}: C (1 x 2L at c[cAt]) = bias (or 0) + A row (a[aAt + p·ps]) times B columns. */
    private static void direct1(int k, double[] a, int aAt, int ps, double[] b, int bAt, int ldb, double[] bias,
                                int biasAt, double[] c, int cAt) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        for (int p = 0; p < k; p++) {
            int bp = bAt + p * ldb;
            DoubleVector x = DoubleVector.broadcast(S, a[aAt + p * ps]);
            c0 = x.fma(DoubleVector.fromArray(S, b, bp), c0);
            c1 = x.fma(DoubleVector.fromArray(S, b, bp + L), c1);
        }
        DoubleVector base0 = bias == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, bias, biasAt);
        DoubleVector base1 = bias == null ? base0 : DoubleVector.fromArray(S, bias, biasAt + L);
        base0.add(c0).intoArray(c, cAt);
        base1.add(c1).intoArray(c, cAt + L);
    }
}
