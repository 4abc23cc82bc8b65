package dev.backprop.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorGemm} in single precision: the same packed GEMM (KC x NC blocks of op(B) in panels of NR = 2 vectors,
 * MC-row blocks of op(A) in panels of MR rows, an MR x NR register tile of fused multiply-adds), on {@link FloatVector}s
 * that hold twice as many numbers as the double engine's, so a tile covers twice the columns for the same registers
 * and each c_ij is an FMA chain in float, as BLAS {@code sgemm} accumulates it. The same guarantee: every c_ij is summed
 * the same way wherever its tile lies, whatever the row range or thread count. The tile has 8 rows on 512-bit
 * vectors (32 registers: 16 accumulators, two B vectors, one broadcast) and 4 on narrower ones (16 registers), chosen
 * by the vectors' width rather than their lane count, since AVX2 holds 8 floats in a register file of 16.
 *
 * <p>Only {@link GemmEngines} refers to this class, by name, so the library loads without the module.
 * Legend: i rows of C, j columns, p the shared index; r an A panel, q a B panel.
 */
final class FloatVectorGemm implements FloatGemmEngine {
    // the double engine's block sizes (in floats the blocks take half the bytes); not tuned for float on their own,
    // since one thread already ran at the core's FMA peak with them. System properties allow tuning elsewhere
    static final int KC = Integer.getInteger("backprop.sgemm.kc", 256);
    static final int MC = Integer.getInteger("backprop.sgemm.mc", 48);
    static final int NC = Integer.getInteger("backprop.sgemm.nc", 512);

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows per micro-tile: 8 with 512-bit vectors (32 registers), else 4. */
    static final int MR = S.vectorBitSize() >= 512 ? 8 : 4;
    /** Columns per micro-tile: two vectors. */
    static final int NR = 2 * L;

    /** What a direct product without bias adds to its sums: zeros (+0 + s = s for every sum s). */
    private static final float[] NO_BIAS = new float[2 * L];

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** Packing buffers of one thread, sized for the largest blocks once; Bᵀ for direct products grown as needed. */
    private static final class Workspace {
        final float[] packedA = new float[(MC + MR) * KC];
        final float[] packedB = new float[(NC + NR) * KC];
        final float[] edge = new float[MR * NR];
        float[] transposedB = new float[0];
    }

    @Override
    public int rowAlignment() {
        return MR;
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    public void multiply(boolean transposeA, boolean transposeB, int m, int n, int k,
                         float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int rowFrom, int rowTo) {
        Workspace w = WORKSPACE.get();
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            for (int j0 = 0; j0 < n; j0 += NC) {
                int nc = Math.min(NC, n - j0);
                packB(transposeB, n, k, b, bOff, p0, kc, j0, nc, w.packedB, 0);
                for (int i0 = rowFrom; i0 < rowTo; i0 += MC) {
                    int mc = Math.min(MC, rowTo - i0);
                    packA(transposeA, m, k, a, aOff, i0, mc, p0, kc, w.packedA);
                    tiles(w, kc, mc, i0, j0, nc, w.packedB, 0, c, cOff, n);
                }
            }
        }
    }

    /**
     * Whether a product runs without packing A: one block of p (k &le; KC, so each c_ij is one FMA chain as in the
     * packed kernel), whole panels of columns, and 512-bit vectors (32 registers). op(B) = B is read in place (its
     * rows contiguous, so a tile's two vectors load straight from it); op(B) = Bᵀ (δ Wᵀ) is first transposed whole
     * into a buffer, k n values that every one of the m / 4 row tiles then reads. For small products such as W2's, packing A costs as
     * much as the multiply-adds it serves (docs/performance.md, "Direct products").
     */
    @Override
    public boolean direct(boolean transposeB, int n, int k) {
        return k <= KC && n % NR == 0 && MR == 8;
    }

    /**
     * Without packing A: 4 x NR tiles read their A values where they lie (row i of A, or column i of Aᵀ) and load
     * their B vectors from B's rows (or Bᵀ's, transposed first); rows past the last whole tile go one at a time. Each
     * c_ij is bias_j (or 0) + the FMA chain over p from 0, as {@link #kernel8} adds its tile to a C cleared to zeros:
     * the same bits as packed.
     */
    @Override
    public void multiplyInto(boolean transposeA, boolean transposeB, int m, int n, int k, float[] a, int aOff,
                             float[] b, int bOff, float[] bias, int biasOff, float[] c, int cOff) {
        if (transposeB) {
            Workspace w = WORKSPACE.get();
            if (w.transposedB.length < k * n) {
                w.transposedB = new float[k * n];
            }
            transpose(b, bOff, n, k, w.transposedB);
            b = w.transposedB;
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

    /** One unit per panel of NR columns: the panel for every block of p. */
    @Override
    public int packUnits(int n, int k) {
        return (n + NR - 1) / NR;
    }

    /** All of op(B), block of p after block of p; within a block, panel after panel (kc x NR each). */
    @Override
    public int packedLength(int n, int k) {
        return Math.multiplyExact(k, packUnits(n, k) * NR);
    }

    @Override
    public void pack(boolean transposeB, int n, int k, float[] b, int bOff, float[] packed, int unit) {
        int width = packUnits(n, k) * NR;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            int j = unit * NR;
            // panel q of the block starting at p0 sits at p0 * width + q * kc * NR; packB packs panels from its
            // first one, so point it at this unit's panel as if it were the block's first
            packB(transposeB, n, k, b, bOff, p0, kc, j, Math.min(NR, n - j), packed, p0 * width + unit * kc * NR);
        }
    }

    @Override
    public void multiplyPacked(boolean transposeA, int m, int n, int k, float[] a, int aOff, float[] packed,
                               float[] c, int cOff, int rowFrom, int rowTo) {
        Workspace w = WORKSPACE.get();
        int width = packUnits(n, k) * NR;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            for (int i0 = rowFrom; i0 < rowTo; i0 += MC) {
                int mc = Math.min(MC, rowTo - i0);
                packA(transposeA, m, k, a, aOff, i0, mc, p0, kc, w.packedA);
                tiles(w, kc, mc, i0, 0, n, packed, p0 * width, c, cOff, n);
            }
        }
    }

    /** Every micro-tile of the block rows [i0, i0+mc) x columns [j0, j0+nc), B panels from {@code pb[pbAt]}. */
    private static void tiles(Workspace w, int kc, int mc, int i0, int j0, int nc, float[] pb, int pbAt,
                              float[] c, int cOff, int n) {
        for (int q = 0; q * NR < nc; q++) {
            int j = j0 + q * NR;
            int bPanel = pbAt + q * kc * NR;
            for (int r = 0; r * MR < mc; r++) {
                int i = i0 + r * MR;
                int aPanel = r * kc * MR;
                if (i + MR <= i0 + mc && j + NR <= j0 + nc) {
                    kernel(kc, w.packedA, aPanel, pb, bPanel, c, cOff + i * n + j, n);
                } else {
                    java.util.Arrays.fill(w.edge, 0.0f);
                    kernel(kc, w.packedA, aPanel, pb, bPanel, w.edge, 0, NR);
                    addEdge(w.edge, Math.min(MR, i0 + mc - i), Math.min(NR, j0 + nc - j), c, cOff + i * n + j, n);
                }
            }
        }
    }

    private static void addEdge(float[] edge, int rows, int cols, float[] c, int cAt, int ldc) {
        for (int ii = 0; ii < rows; ii++) {
            for (int jj = 0; jj < cols; jj++) {
                c[cAt + ii * ldc + jj] += edge[ii * NR + jj];
            }
        }
    }

    /**
     * Packs op(A)[i0..i0+mc) x [p0..p0+kc) into panels of MR rows: panel r holds, for each p, MR consecutive values
     * op(A)_{i0+r·MR+ii, p0+p}, zero past row i0+mc.
     */
    private static void packA(boolean transposeA, int m, int k, float[] a, int aOff, int i0, int mc, int p0, int kc,
                              float[] packed) {
        for (int r = 0; r * MR < mc; r++) {
            int base = r * kc * MR;
            int rows = Math.min(MR, mc - r * MR);
            int iStart = i0 + r * MR;
            if (transposeA) {
                // a_ip = a[aOff + p*m + i]: the MR values of one p are contiguous
                for (int p = 0; p < kc; p++) {
                    int from = aOff + (p0 + p) * m + iStart;
                    int to = base + p * MR;
                    for (int ii = 0; ii < rows; ii++) {
                        packed[to + ii] = a[from + ii];
                    }
                    for (int ii = rows; ii < MR; ii++) {
                        packed[to + ii] = 0.0f;
                    }
                }
            } else {
                for (int ii = 0; ii < MR; ii++) {
                    if (ii < rows) {
                        int from = aOff + (iStart + ii) * k + p0;
                        for (int p = 0; p < kc; p++) {
                            packed[base + p * MR + ii] = a[from + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            packed[base + p * MR + ii] = 0.0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[p0..p0+kc) x [j0..j0+nc) into panels of NR columns from {@code packed[packedAt]}: panel q holds, for
     * each p, NR consecutive values op(B)_{p0+p, j0+q·NR+jj}, zero past column j0+nc.
     */
    private static void packB(boolean transposeB, int n, int k, float[] b, int bOff, int p0, int kc, int j0, int nc,
                              float[] packed, int packedAt) {
        for (int q = 0; q * NR < nc; q++) {
            int base = packedAt + q * kc * NR;
            int cols = Math.min(NR, nc - q * NR);
            int jStart = j0 + q * NR;
            if (!transposeB) {
                // b_pj = b[bOff + p*n + j]: the NR values of one p are contiguous
                for (int p = 0; p < kc; p++) {
                    int from = bOff + (p0 + p) * n + jStart;
                    int to = base + p * NR;
                    System.arraycopy(b, from, packed, to, cols);
                    for (int jj = cols; jj < NR; jj++) {
                        packed[to + jj] = 0.0f;
                    }
                }
            } else {
                for (int jj = 0; jj < NR; jj++) {
                    if (jj < cols) {
                        int from = bOff + (jStart + jj) * k + p0;
                        for (int p = 0; p < kc; p++) {
                            packed[base + p * NR + jj] = b[from + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            packed[base + p * NR + jj] = 0.0f;
                        }
                    }
                }
            }
        }
    }

    private static void kernel(int kc, float[] pa, int aAt, float[] pb, int bAt, float[] c, int cAt, int ldc) {
        if (MR == 8) {
            kernel8(kc, pa, aAt, pb, bAt, c, cAt, ldc);
        } else {
            kernel4(kc, pa, aAt, pb, bAt, c, cAt, ldc);
        }
    }

    /** C tile (8 x 2L at c[cAt], row stride ldc) += A panel (8 x kc) B panel (kc x 2L). */
    private static void kernel8(int kc, float[] pa, int aAt, float[] pb, int bAt, float[] c, int cAt, int ldc) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        for (int p = 0; p < kc; p++) {
            int bp = bAt + p * NR;
            int ap = aAt + p * 8;
            FloatVector b0 = FloatVector.fromArray(S, pb, bp);
            FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
            FloatVector x = FloatVector.broadcast(S, pa[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, pa[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, pa[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, pa[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, pa[ap + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, pa[ap + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, pa[ap + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, pa[ap + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        int at = cAt;
        FloatVector.fromArray(S, c, at).add(c00).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c01).intoArray(c, at + L);
        at += ldc;
        FloatVector.fromArray(S, c, at).add(c10).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c11).intoArray(c, at + L);
        at += ldc;
        FloatVector.fromArray(S, c, at).add(c20).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c21).intoArray(c, at + L);
        at += ldc;
        FloatVector.fromArray(S, c, at).add(c30).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c31).intoArray(c, at + L);
        at += ldc;
        FloatVector.fromArray(S, c, at).add(c40).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c41).intoArray(c, at + L);
        at += ldc;
        FloatVector.fromArray(S, c, at).add(c50).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c51).intoArray(c, at + L);
        at += ldc;
        FloatVector.fromArray(S, c, at).add(c60).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c61).intoArray(c, at + L);
        at += ldc;
        FloatVector.fromArray(S, c, at).add(c70).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c71).intoArray(c, at + L);
    }

    /** C tile (4 x 2L) += A panel (4 x kc) B panel (kc x 2L): the tile for machines with 16 vector registers. */
    private static void kernel4(int kc, float[] pa, int aAt, float[] pb, int bAt, float[] c, int cAt, int ldc) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int p = 0; p < kc; p++) {
            int bp = bAt + p * NR;
            int ap = aAt + p * 4;
            FloatVector b0 = FloatVector.fromArray(S, pb, bp);
            FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
            FloatVector x = FloatVector.broadcast(S, pa[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, pa[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, pa[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, pa[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        int at = cAt;
        FloatVector.fromArray(S, c, at).add(c00).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c01).intoArray(c, at + L);
        at += ldc;
        FloatVector.fromArray(S, c, at).add(c10).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c11).intoArray(c, at + L);
        at += ldc;
        FloatVector.fromArray(S, c, at).add(c20).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c21).intoArray(c, at + L);
        at += ldc;
        FloatVector.fromArray(S, c, at).add(c30).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(c31).intoArray(c, at + L);
    }
}
