package dev.backprop.linalg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every single-precision GEMM variant against the definition computed in double: a float product accumulated in float
 * over k terms may differ from the exact c_ij by at most γ_{k+2} (Σ_p |op(A)_ip op(B)_pj| + |beta c_ij|), with
 * γ_n = n u / (1 − n u) and u = 2⁻²⁴ (Higham, "Accuracy and Stability of Numerical Algorithms", §3.1; the 2 covers
 * adding a block's sum into C and the beta term). The double reference's own error is 2⁻²⁹ times smaller.
 */
class FloatGemmTest {
    private static final float[] BETAS = {0.0f, 1.0f, -0.75f};
    private static final double U = 0x1p-24;

    /** One way of computing C = op(A) op(B) + beta C in float. */
    private enum Variant {
        PLAIN, JAVA_ENGINE, BEST_ENGINE, JAVA_ENGINE_SPLIT, BEST_ENGINE_SPLIT, BEST_ENGINE_PACKED, JAVA_DISPATCH,
        ENTRY_POINT,
        /** The machine's OpenBLAS sgemm, when it loaded (checked only then, and never given an empty product). */
        NATIVE;

        void run(boolean tA, boolean tB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                 float beta, float[] c, int cOff) {
            switch (this) {
                case ENTRY_POINT -> Gemm.gemm(tA, tB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
                case NATIVE -> GemmEngines.NATIVE.gemm(tA, tB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
                case JAVA_DISPATCH -> FloatGemmKernels.gemm(GemmEngines.FLOAT_JAVA, tA, tB, m, n, k, a, aOff, b, bOff,
                        beta, c, cOff);
                default -> {
                    scale(beta, c, cOff, m * n);
                    engineRun(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                }
            }
        }

        private void engineRun(boolean tA, boolean tB, int m, int n, int k, float[] a, int aOff, float[] b,
                               int bOff, float[] c, int cOff) {
            FloatGemmEngine java = GemmEngines.FLOAT_JAVA;
            FloatGemmEngine best = GemmEngines.FLOAT_BEST;
            switch (this) {
                case PLAIN -> FloatGemmKernels.plain(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                case JAVA_ENGINE -> java.multiply(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff, 0, m);
                case BEST_ENGINE -> best.multiply(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff, 0, m);
                case JAVA_ENGINE_SPLIT -> split(java, tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                case BEST_ENGINE_SPLIT -> split(best, tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                case BEST_ENGINE_PACKED -> packed(best, tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                default -> throw new AssertionError(this);
            }
        }

        /** As a two-thread run would: rows [0, h) then [h, m) with h aligned as the pool aligns it. */
        private static void split(FloatGemmEngine e, boolean tA, boolean tB, int m, int n, int k, float[] a,
                                  int aOff, float[] b, int bOff, float[] c, int cOff) {
            int h = Math.min(m, e.rowAlignment());
            e.multiply(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff, 0, h);
            e.multiply(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff, h, m);
        }

        /** As the pool does: op(B) packed once unit by unit, then two row ranges (plain split if no packing). */
        private static void packed(FloatGemmEngine e, boolean tA, boolean tB, int m, int n, int k, float[] a,
                                   int aOff, float[] b, int bOff, float[] c, int cOff) {
            int units = e.packUnits(n, k);
            if (units == 0) {
                split(e, tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                return;
            }
            float[] packed = new float[e.packedLength(n, k)];
            for (int u = units - 1; u >= 0; u--) {
                e.pack(tB, n, k, b, bOff, packed, u);
            }
            int h = Math.min(m, e.rowAlignment());
            e.multiplyPacked(tA, m, n, k, a, aOff, packed, c, cOff, 0, h);
            e.multiplyPacked(tA, m, n, k, a, aOff, packed, c, cOff, h, m);
        }

        private static void scale(float beta, float[] c, int cOff, int length) {
            for (int i = cOff; i < cOff + length; i++) {
                c[i] = beta == 0.0f ? 0.0f : beta * c[i];
            }
        }
    }

    @AfterEach
    void restoreThreads() {
        Gemm.setThreads(GemmKernels.defaultThreads());
    }

    @Test
    void everyVariantIsWithinFloatRoundingOfTheDoubleReferenceOnAllSmallShapes() {
        List<int[]> shapes = new ArrayList<>();
        for (int m = 0; m <= 4; m++) {
            for (int n = 0; n <= 4; n++) {
                for (int k = 0; k <= 4; k++) {
                    shapes.add(new int[] {m, n, k});
                }
            }
        }
        checkAll(shapes);
    }

    @Test
    void everyVariantIsWithinFloatRoundingOfTheDoubleReferenceOnLargerShapes() {
        // micro-tile edges (8 x 32 tiles at 512 bits), k beyond one block (256), n beyond one column block (512),
        // slim shapes (k, n or m = 1), the direct path (whole 32-column panels, k <= 256) with a row remainder, a
        // product above the parallel threshold, primes
        checkAll(List.of(new int[] {13, 17, 9}, new int[] {9, 31, 33}, new int[] {17, 16, 300},
                new int[] {33, 47, 5}, new int[] {8, 530, 3}, new int[] {101, 23, 257}, new int[] {5, 8, 600},
                new int[] {64, 64, 64}, new int[] {37, 1, 300}, new int[] {300, 40, 1}, new int[] {70, 3, 90},
                new int[] {1, 70, 300}, new int[] {37, 32, 40}, new int[] {64, 64, 256}, new int[] {16, 96, 32},
                new int[] {70, 100, 160}));
    }

    private static void checkAll(List<int[]> shapes) {
        SplittableRandom random = new SplittableRandom(42);
        for (int[] shape : shapes) {
            for (boolean tA : new boolean[] {false, true}) {
                for (boolean tB : new boolean[] {false, true}) {
                    for (float beta : BETAS) {
                        for (Variant v : Variant.values()) {
                            boolean empty = shape[0] == 0 || shape[1] == 0 || shape[2] == 0;
                            if (v == Variant.NATIVE && (GemmEngines.NATIVE == null || empty)) {
                                continue;
                            }
                            check(v, tA, tB, shape[0], shape[1], shape[2], beta, random);
                        }
                    }
                }
            }
        }
    }

    private static void check(Variant v, boolean tA, boolean tB, int m, int n, int k, float beta,
                              SplittableRandom random) {
        int aOff = 3;
        int bOff = 1;
        int cOff = 2;
        float[] a = randoms(aOff + m * k + 2, random);
        float[] b = randoms(bOff + k * n + 1, random);
        float[] c = randoms(cOff + m * n + 3, random);
        if (beta == 0.0f && c.length > cOff) {
            c[cOff] = Float.NaN; // ignored when beta = 0, as in BLAS
        }
        float[] actual = c.clone();
        v.run(tA, tB, m, n, k, a, aOff, b, bOff, beta, actual, cOff);
        String what = v + " tA=" + tA + " tB=" + tB + " m=" + m + " n=" + n + " k=" + k + " beta=" + beta;
        assertWithinRounding(what, tA, tB, m, n, k, a, aOff, b, bOff, beta, c, cOff, actual);
    }

    /**
     * Checks every element of {@code actual} (C after the product) against the double definition within
     * γ_{k+2} (Σ|a b| + |beta c|); elements outside C must keep their old bits.
     */
    private static void assertWithinRounding(String what, boolean tA, boolean tB, int m, int n, int k, float[] a,
                                             int aOff, float[] b, int bOff, float beta, float[] c, int cOff,
                                             float[] actual) {
        double gamma = (k + 2) * U / (1 - (k + 2) * U);
        for (int idx = 0; idx < c.length; idx++) {
            int local = idx - cOff;
            if (local < 0 || local >= m * n) {
                assertThat(Float.floatToRawIntBits(actual[idx])).as(what + " outside C at " + idx)
                        .isEqualTo(Float.floatToRawIntBits(c[idx]));
                continue;
            }
            int i = local / n;
            int j = local % n;
            double sum = 0.0;
            double magnitude = 0.0;
            for (int p = 0; p < k; p++) {
                double aip = tA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                double bpj = tB ? b[bOff + j * k + p] : b[bOff + p * n + j];
                sum += aip * bpj;
                magnitude += Math.abs(aip * bpj);
            }
            double old = beta == 0.0f ? 0.0 : (double) beta * c[idx];
            double expected = sum + old;
            double bound = gamma * (magnitude + Math.abs(old));
            double error = Math.abs(actual[idx] - expected);
            if (!(error <= bound)) {
                assertThat(error).as(what + " at (" + i + ", " + j + "): " + actual[idx] + " vs " + expected)
                        .isLessThanOrEqualTo(bound);
            }
        }
    }

    private static float[] randoms(int length, SplittableRandom random) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (2.0 * random.nextDouble() - 1.0);
        }
        return x;
    }

    @Test
    void accumulatesInFloatAsSgemmDoes() {
        // 1 + 2⁻²⁴ + ... : in float each small term is lost against the 1 (round to even), in double they would add up
        int k = 64;
        float[] a = new float[k];
        float[] b = new float[k * 16];
        Arrays.fill(a, 1.0f);
        for (int j = 0; j < 16; j++) {
            b[j] = 1.0f;
            for (int p = 1; p < k; p++) {
                b[p * 16 + j] = 0x1p-24f;
            }
        }
        float[] c = new float[16];
        Gemm.multiply(1, 16, k, a, 0, b, 0, c, 0);
        assertThat(c).containsOnly(1.0f);
    }

    @Test
    void resultsAreBitIdenticalWhateverTheThreadCount() {
        SplittableRandom random = new SplittableRandom(7);
        int m = 200;
        int n = 96;
        int k = 300; // m n k above the parallel threshold
        for (FloatGemmEngine engine : new FloatGemmEngine[] {GemmEngines.FLOAT_BEST, GemmEngines.FLOAT_JAVA}) {
            for (boolean tA : new boolean[] {false, true}) {
                for (boolean tB : new boolean[] {false, true}) {
                    float[] a = randoms(m * k, random);
                    float[] b = randoms(k * n, random);
                    float[] reference = null;
                    for (int threads : new int[] {1, 2, 3}) {
                        Gemm.setThreads(threads);
                        float[] c = new float[m * n];
                        // the Java engines: native OpenBLAS, when loaded, runs on its own threads
                        FloatGemmKernels.gemm(engine, tA, tB, m, n, k, a, 0, b, 0, 0.0f, c, 0);
                        if (reference == null) {
                            reference = c;
                        } else {
                            assertThat(Arrays.equals(c, reference)).as(engine.name() + " threads=" + threads)
                                    .isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void slimProductsSharedAmongThreadsGiveTheSameBits() {
        SplittableRandom random = new SplittableRandom(9);
        // k = 1 and n = 1 above the size from which they are split, lengths leaving partial vectors; m = 1 never is
        int[][] shapes = {{701, 603, 1}, {701, 1, 603}, {1, 701, 603}};
        for (int[] s : shapes) {
            for (boolean tA : new boolean[] {false, true}) {
                for (boolean tB : new boolean[] {false, true}) {
                    for (float beta : new float[] {0.0f, 1.0f}) {
                        int m = s[0];
                        int n = s[1];
                        int k = s[2];
                        float[] a = randoms(m * k, random);
                        float[] b = randoms(k * n, random);
                        float[] c0 = randoms(m * n, random);
                        c0[0] = beta == 0.0f ? Float.NaN : c0[0];
                        float[] reference = null;
                        String what = m + "x" + n + "x" + k + " tA=" + tA + " tB=" + tB + " beta=" + beta;
                        for (int threads : new int[] {1, 2, 3}) {
                            Gemm.setThreads(threads);
                            float[] c = c0.clone();
                            Gemm.gemm(tA, tB, m, n, k, a, 0, b, 0, beta, c, 0);
                            if (reference == null) {
                                reference = c;
                                assertWithinRounding(what, tA, tB, m, n, k, a, 0, b, 0, beta, c0, 0, c);
                            } else {
                                assertThat(Arrays.equals(c, reference)).as(what + " threads=" + threads).isTrue();
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void largeProductsGoToOpenBlasSgemmOnlyAboveItsThreshold() {
        assumeTrue(GemmEngines.NATIVE != null, "libopenblas.so.0 is not installed (apt-get install libopenblas0)");
        SplittableRandom random = new SplittableRandom(5);
        int m = 130;
        int n = 120;
        int k = 110; // above the double native threshold; the float one depends on the vectors' width
        boolean toNative = (long) m * n * k >= FloatGemmKernels.NATIVE_WORK;
        assertThat(FloatGemmKernels.takesNative(m, n, k)).isEqualTo(toNative);
        if (GemmEngines.FLOAT_BEST.rowAlignment() >= 8 && System.getProperty("backprop.nativeWorkFloat") == null) {
            assertThat(toNative).as("512-bit float engine keeps large products").isFalse();
        }
        for (boolean tA : new boolean[] {false, true}) {
            for (boolean tB : new boolean[] {false, true}) {
                float[] a = randoms(m * k + 4, random);
                float[] b = randoms(k * n + 4, random);
                float[] c = randoms(m * n + 4, random);
                float[] expected = c.clone();
                if (toNative) {
                    GemmEngines.NATIVE.gemm(tA, tB, m, n, k, a, 3, b, 1, 1.0f, expected, 2);
                } else {
                    FloatGemmKernels.gemm(GemmEngines.FLOAT_BEST, tA, tB, m, n, k, a, 3, b, 1, 1.0f, expected, 2);
                }
                float[] viaEntryPoint = c.clone();
                Gemm.gemm(tA, tB, m, n, k, a, 3, b, 1, 1.0f, viaEntryPoint, 2);
                assertThat(Arrays.equals(viaEntryPoint, expected)).as("tA=" + tA + " tB=" + tB).isTrue();
                assertWithinRounding("entry point", tA, tB, m, n, k, a, 3, b, 1, 1.0f, c, 2, viaEntryPoint);
            }
        }
    }

    @Test
    void sharedPackingGivesTheSameBitsAsPrivatePacking() {
        SplittableRandom random = new SplittableRandom(11);
        FloatGemmEngine e = GemmEngines.FLOAT_BEST;
        for (int[] s : new int[][] {{40, 37, 300}, {17, 600, 9}, {64, 64, 64}, {37, 32, 40}}) {
            for (boolean tA : new boolean[] {false, true}) {
                for (boolean tB : new boolean[] {false, true}) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    float[] a = randoms(m * k, random);
                    float[] b = randoms(k * n, random);
                    float[] expected = new float[m * n];
                    e.multiply(tA, tB, m, n, k, a, 0, b, 0, expected, 0, 0, m);
                    float[] actual = new float[m * n];
                    Variant.BEST_ENGINE_PACKED.run(tA, tB, m, n, k, a, 0, b, 0, 0.0f, actual, 0);
                    assertThat(Arrays.equals(actual, expected)).as(e.name() + " " + m + "x" + n + "x" + k).isTrue();
                }
            }
        }
    }

    @Test
    void directProductsGiveThePackedBitsPlusTheBiasAddedAfterwards() {
        // W2's forward (256 x 64 x 32) and weight gradient (32 x 64 x 256, A transposed) shapes and a row remainder;
        // each also with B transposed (δ Wᵀ), which must give the same bits since op(B) is the same matrix
        SplittableRandom random = new SplittableRandom(12);
        FloatGemmEngine e = GemmEngines.FLOAT_BEST;
        int directs = 0;
        for (int[] s : new int[][] {{256, 64, 32}, {32, 64, 256}, {45, 32, 100}}) {
            for (boolean tA : new boolean[] {false, true}) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                float[] a = randoms(m * k, random);
                float[] b = randoms(k * n, random);
                float[] bias = randoms(n + 2, random);
                float[] packed = new float[m * n];
                Variant.BEST_ENGINE_PACKED.run(tA, false, m, n, k, a, 0, b, 0, 0.0f, packed, 0);
                float[] viaGemm = randoms(m * n, random); // beta = 0 ignores what was there
                Gemm.gemm(tA, false, m, n, k, a, 0, b, 0, 0.0f, viaGemm, 0);
                assertThat(Arrays.equals(viaGemm, packed)).as(e.name() + " tA=" + tA + " " + m + "x" + n + "x" + k)
                        .isTrue();
                // δ Wᵀ: B stored n x k, transposed whole before the direct tiles read it
                float[] bt = new float[n * k];
                for (int p = 0; p < k; p++) {
                    for (int j = 0; j < n; j++) {
                        bt[j * k + p] = b[p * n + j];
                    }
                }
                float[] viaTransposed = randoms(m * n, random);
                Gemm.gemm(tA, true, m, n, k, a, 0, bt, 0, 0.0f, viaTransposed, 0);
                assertThat(Arrays.equals(viaTransposed, packed)).as("B transposed, tA=" + tA + " " + m + "x" + n
                        + "x" + k).isTrue();
                if (tA) {
                    continue;
                }
                float[] expected = packed.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        expected[i * n + j] += bias[2 + j];
                    }
                }
                float[] actual = new float[m * n];
                boolean done = Gemm.gemmPlusBias(m, n, k, a, 0, b, 0, bias, 2, actual, 0);
                if (e.direct(false, n, k) && (long) m * n * k < GemmKernels.PARALLEL_WORK) {
                    directs++;
                    assertThat(done).isTrue();
                    assertThat(Arrays.equals(actual, expected)).as("with bias " + m + "x" + n + "x" + k).isTrue();
                } else {
                    assertThat(done).isFalse();
                    assertThat(actual).containsOnly(0.0f);
                }
            }
        }
        if (e instanceof FloatVectorGemm && FloatVectorGemm.MR == 8) {
            assertThat(directs).as("products taken directly on 512-bit vectors").isEqualTo(3);
        }
        assertThat(Gemm.gemmPlusBias(300, 64, 300, new float[90_000], 0, new float[19_200], 0, new float[64], 0,
                new float[19_200], 0)).as("k beyond one block").isFalse();
        assertThatThrownBy(() -> Gemm.gemmPlusBias(2, 32, 2, new float[4], 0, new float[64], 0, new float[31], 0,
                new float[64], 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias needs 32");
    }

    @Test
    void nanAndInfinityPropagateIntoTheElementsTheyTouch() {
        // one NaN in A's row 1 and one +∞ in B's column 2: C's row 1 is NaN, column 2 is ±∞ or NaN, the rest finite
        SplittableRandom random = new SplittableRandom(15);
        for (int[] s : new int[][] {{4, 4, 4}, {40, 64, 30}, {64, 96, 64}, {200, 96, 300}, {130, 120, 110}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (Variant v : Variant.values()) {
                if (v == Variant.NATIVE && GemmEngines.NATIVE == null) {
                    continue;
                }
                float[] a = randoms(m * k, random);
                float[] b = randoms(k * n, random);
                a[1 * k + 3] = Float.NaN;
                b[3 * n + 2] = Float.POSITIVE_INFINITY;
                float[] c = new float[m * n];
                v.run(false, false, m, n, k, a, 0, b, 0, 0.0f, c, 0);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float cij = c[i * n + j];
                        String at = v + " " + m + "x" + n + "x" + k + " (" + i + ", " + j + ")";
                        if (i == 1) {
                            assertThat(cij).as(at).isNaN();
                        } else if (j == 2) {
                            assertThat(Float.isInfinite(cij) || Float.isNaN(cij)).as(at + ": " + cij).isTrue();
                        } else {
                            assertThat(Float.isFinite(cij)).as(at + ": " + cij).isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowKernelsGiveTheBitsOfOneCallPerRow() {
        // axpyRows and dotRows run several rows side by side: each must give exactly the bits of one axpy or dot per row
        SplittableRandom random = new SplittableRandom(13);
        FloatVectorKernels kernels = GemmEngines.FLOAT_VECTOR;
        for (int length : new int[] {1, 7, 8, 15, 16, 33, 64, 100, 131}) {
            for (int rows : new int[] {1, 3, 4, 5, 9, 70, 130}) {
                int stride = length + 3;
                float[] s = randoms(rows + 2, random);
                float[] x = randoms(2 + rows * stride, random);
                float[] y0 = randoms(length + 1, random);
                float[] expected = y0.clone();
                for (int p = 0; p < rows; p++) {
                    kernels.axpy(s[2 + p], x, 2 + p * stride, expected, 1, length);
                }
                float[] actual = y0.clone();
                kernels.axpyRows(s, 2, x, 2, stride, rows, actual, 1, length);
                assertThat(Arrays.equals(actual, expected)).as("axpyRows length=" + length + " rows=" + rows).isTrue();
                // dotRows: one dot product per row of x against s, side by side, each with dot's bits
                float[] dots = randoms(rows + 1, random);
                float[] expectedDots = dots.clone();
                for (int p = 0; p < rows; p++) {
                    expectedDots[1 + p] += kernels.dot(x, 2 + p * stride, y0, 0, length);
                }
                kernels.dotRows(x, 2, stride, rows, y0, 0, length, dots, 1);
                assertThat(Arrays.equals(dots, expectedDots)).as("dotRows length=" + length + " rows=" + rows).isTrue();
            }
        }
    }

    @Test
    void namedProductsAreGemmWithTheirFlagsToTheBit() {
        SplittableRandom random = new SplittableRandom(14);
        for (int[] s : new int[][] {{3, 4, 2}, {40, 64, 32}, {70, 100, 160}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = randoms(2 + m * k, random);
            float[] b = randoms(1 + k * n, random);
            float[] start = randoms(3 + m * n, random);
            float[][] named = new float[4][];
            for (int product = 0; product < 4; product++) {
                named[product] = start.clone();
            }
            Gemm.multiply(m, n, k, a, 2, b, 1, named[0], 3);
            Gemm.multiplyAdd(m, n, k, a, 2, b, 1, named[1], 3);
            Gemm.multiplyTransposeA(m, n, k, a, 2, b, 1, named[2], 3);
            Gemm.multiplyTransposeB(m, n, k, a, 2, b, 1, named[3], 3);
            boolean[][] flags = {{false, false}, {false, false}, {true, false}, {false, true}};
            for (int product = 0; product < 4; product++) {
                float[] flagged = start.clone();
                Gemm.gemm(flags[product][0], flags[product][1], m, n, k, a, 2, b, 1, product == 1 ? 1.0f : 0.0f,
                        flagged, 3);
                assertThat(named[product]).as("product %d of %dx%dx%d", product, m, n, k).isEqualTo(flagged);
            }
        }
        assertThatThrownBy(() -> Gemm.multiplyTransposeB(2, 3, 4, new float[8], 0, new float[11], 0,
                new float[6], 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("B needs 12 values");
    }
}
