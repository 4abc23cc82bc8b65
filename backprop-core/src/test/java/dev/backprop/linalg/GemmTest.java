package dev.backprop.linalg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every GEMM variant against a naive triple loop: c_ij = Σ_p op(A)_ip op(B)_pj + beta c_ij. */
class GemmTest {
    private static final double[] BETAS = {0.0, 1.0, -0.75};

    /** One way of computing C = op(A) op(B) + beta C. */
    private enum Variant {
        PLAIN, JAVA_ENGINE, BEST_ENGINE, JAVA_ENGINE_SPLIT, BEST_ENGINE_SPLIT, BEST_ENGINE_PACKED, ENTRY_POINT,
        /** The machine's OpenBLAS, when it loaded (checked only then, and never given an empty product). */
        NATIVE;

        void run(boolean tA, boolean tB, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                 double beta, double[] c, int cOff) {
            if (this == ENTRY_POINT) {
                Gemm.gemm(tA, tB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
                return;
            }
            if (this == NATIVE) {
                GemmEngines.NATIVE.gemm(tA, tB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
                return;
            }
            scale(beta, c, cOff, m * n);
            switch (this) {
                case PLAIN -> GemmKernels.plain(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                case JAVA_ENGINE -> GemmEngines.JAVA.multiply(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff, 0, m);
                case BEST_ENGINE -> GemmEngines.BEST.multiply(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff, 0, m);
                case JAVA_ENGINE_SPLIT -> split(GemmEngines.JAVA, tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                case BEST_ENGINE_SPLIT -> split(GemmEngines.BEST, tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                case BEST_ENGINE_PACKED -> packed(GemmEngines.BEST, tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                default -> throw new AssertionError(this);
            }
        }

        /** As a two-thread run would: rows [0, h) then [h, m) with h aligned as the pool aligns it. */
        private static void split(GemmEngine e, boolean tA, boolean tB, int m, int n, int k, double[] a, int aOff,
                                  double[] b, int bOff, double[] c, int cOff) {
            int h = Math.min(m, e.rowAlignment());
            e.multiply(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff, 0, h);
            e.multiply(tA, tB, m, n, k, a, aOff, b, bOff, c, cOff, h, m);
        }

        /** As the pool does: op(B) packed once unit by unit, then two row ranges (plain multiply if no packing). */
        private static void packed(GemmEngine e, boolean tA, boolean tB, int m, int n, int k, double[] a, int aOff,
                                   double[] b, int bOff, double[] c, int cOff) {
            int units = e.packUnits(n, k);
            if (units == 0) {
                split(e, tA, tB, m, n, k, a, aOff, b, bOff, c, cOff);
                return;
            }
            double[] packed = new double[e.packedLength(n, k)];
            for (int u = units - 1; u >= 0; u--) {
                e.pack(tB, n, k, b, bOff, packed, u);
            }
            int h = Math.min(m, e.rowAlignment());
            e.multiplyPacked(tA, m, n, k, a, aOff, packed, c, cOff, 0, h);
            e.multiplyPacked(tA, m, n, k, a, aOff, packed, c, cOff, h, m);
        }

        private static void scale(double beta, double[] c, int cOff, int length) {
            for (int i = cOff; i < cOff + length; i++) {
                c[i] = beta == 0.0 ? 0.0 : beta * c[i];
            }
        }
    }

    @AfterEach
    void restoreThreads() {
        Gemm.setThreads(GemmKernels.defaultThreads());
    }

    @Test
    void everyVariantMatchesTheNaiveLoopOnAllSmallShapes() {
        List<int[]> shapes = new ArrayList<>();
        for (int m = 0; m <= 4; m++) {
            for (int n = 0; n <= 4; n++) {
                for (int k = 0; k <= 4; k++) {
                    shapes.add(new int[]{m, n, k});
                }
            }
        }
        checkAll(shapes);
    }

    @Test
    void everyVariantMatchesTheNaiveLoopOnOddLargerShapes() {
        // edges of micro-tiles, k beyond one block (256), n beyond one column block (512), prime sizes
        checkAll(List.of(new int[]{13, 17, 9}, new int[]{9, 31, 33}, new int[]{17, 16, 300}, new int[]{33, 47, 5},
                new int[]{8, 530, 3}, new int[]{101, 23, 257}, new int[]{5, 8, 600}, new int[]{64, 64, 64}, new int[]{37, 1, 300},
                new int[]{300, 40, 1}, new int[]{70, 3, 90}, new int[]{1, 70, 300},
                // the engine's direct path (whole 16-column panels, k <= 256), with and without a row remainder
                new int[]{37, 32, 40}, new int[]{64, 48, 256}, new int[]{16, 16, 32}));
    }

    private static void checkAll(List<int[]> shapes) {
        SplittableRandom random = new SplittableRandom(42);
        for (int[] shape : shapes) {
            for (boolean tA : new boolean[]{false, true}) {
                for (boolean tB : new boolean[]{false, true}) {
                    for (double beta : BETAS) {
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

    private static void check(Variant v, boolean tA, boolean tB, int m, int n, int k, double beta,
                              SplittableRandom random) {
        int aOff = 3;
        int bOff = 1;
        int cOff = 2;
        double[] a = randoms(aOff + m * k + 2, random);
        double[] b = randoms(bOff + k * n + 1, random);
        double[] c = randoms(cOff + m * n + 3, random);
        if (beta == 0.0 && c.length > cOff) {
            c[cOff] = Double.NaN; // ignored when beta = 0, as in BLAS
        }
        double[] expected = c.clone();
        naive(tA, tB, m, n, k, a, aOff, b, bOff, beta, expected, cOff);
        double[] actual = c.clone();
        v.run(tA, tB, m, n, k, a, aOff, b, bOff, beta, actual, cOff);
        String what = v + " tA=" + tA + " tB=" + tB + " m=" + m + " n=" + n + " k=" + k + " beta=" + beta;
        double tolerance = 1e-13 * (k + 1);
        for (int i = 0; i < c.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
                assertThat(actual[i]).as(what + " at " + i).isCloseTo(expected[i], offset(tolerance));
            }
        }
    }

    /** The definition, one element at a time. */
    private static void naive(boolean tA, boolean tB, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                              double beta, double[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (int p = 0; p < k; p++) {
                    double aip = tA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    double bpj = tB ? b[bOff + j * k + p] : b[bOff + p * n + j];
                    sum += aip * bpj;
                }
                int at = cOff + i * n + j;
                c[at] = sum + (beta == 0.0 ? 0.0 : beta * c[at]);
            }
        }
    }

    private static double[] randoms(int length, SplittableRandom random) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = 2.0 * random.nextDouble() - 1.0;
        }
        return x;
    }

    @Test
    void resultsAreBitIdenticalWhateverTheThreadCount() {
        SplittableRandom random = new SplittableRandom(7);
        int m = 200;
        int n = 96;
        int k = 300; // m n k above the parallel threshold
        for (boolean tA : new boolean[]{false, true}) {
            for (boolean tB : new boolean[]{false, true}) {
                double[] a = randoms(m * k, random);
                double[] b = randoms(k * n, random);
                double[] reference = null;
                for (int threads : new int[]{1, 2, 3}) {
                    Gemm.setThreads(threads);
                    double[] c = new double[m * n];
                    // the Java engines: native OpenBLAS, when loaded, runs on its own threads
                    GemmKernels.gemm(GemmEngines.BEST, tA, tB, m, n, k, a, 0, b, 0, 0.0, c, 0);
                    if (reference == null) {
                        reference = c;
                    } else {
                        assertThat(Arrays.equals(c, reference)).as("threads=" + threads).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void slimProductsSharedAmongThreadsGiveTheSameBits() {
        SplittableRandom random = new SplittableRandom(9);
        // k = 1 (δ Wᵀ of a one-output layer), n = 1 (its forward pass and Aᵀ δ): each above the threshold from which
        // they are split, with lengths that leave partial vectors at the end; m = 1 (a bias gradient) never is
        int[][] shapes = {{701, 603, 1}, {701, 1, 603}, {1, 701, 603}};
        for (int[] s : shapes) {
            for (boolean tA : new boolean[]{false, true}) {
                for (boolean tB : new boolean[]{false, true}) {
                    for (double beta : new double[]{0.0, 1.0}) {
                        int m = s[0];
                        int n = s[1];
                        int k = s[2];
                        double[] a = randoms(m * k, random);
                        double[] b = randoms(k * n, random);
                        double[] c0 = randoms(m * n, random);
                        c0[0] = beta == 0.0 ? Double.NaN : c0[0];
                        double[] expected = c0.clone();
                        naive(tA, tB, m, n, k, a, 0, b, 0, beta, expected, 0);
                        double[] reference = null;
                        for (int threads : new int[]{1, 2, 3}) {
                            Gemm.setThreads(threads);
                            double[] c = c0.clone();
                            Gemm.gemm(tA, tB, m, n, k, a, 0, b, 0, beta, c, 0);
                            String what = m + "x" + n + "x" + k + " tA=" + tA + " tB=" + tB + " beta=" + beta;
                            if (reference == null) {
                                reference = c;
                                for (int i = 0; i < c.length; i++) {
                                    assertThat(c[i]).as(what).isCloseTo(expected[i], offset(1e-12));
                                }
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
    void largeProductsGoToOpenBlasWhenItIsInstalled() {
        assumeTrue(GemmEngines.NATIVE != null, "libopenblas.so.0 is not installed (apt-get install libopenblas0)");
        assertThat(Gemm.engine()).startsWith("native:libopenblas.so.0+");
        SplittableRandom random = new SplittableRandom(5);
        int m = 130;
        int n = 120;
        int k = 110; // above the native threshold
        for (boolean tA : new boolean[]{false, true}) {
            for (boolean tB : new boolean[]{false, true}) {
                double[] a = randoms(m * k + 4, random);
                double[] b = randoms(k * n + 4, random);
                double[] c = randoms(m * n + 4, random);
                double[] expected = c.clone();
                naive(tA, tB, m, n, k, a, 3, b, 1, 1.0, expected, 2);
                double[] viaNative = c.clone();
                GemmEngines.NATIVE.gemm(tA, tB, m, n, k, a, 3, b, 1, 1.0, viaNative, 2);
                double[] viaEntryPoint = c.clone();
                Gemm.gemm(tA, tB, m, n, k, a, 3, b, 1, 1.0, viaEntryPoint, 2);
                assertThat(Arrays.equals(viaEntryPoint, viaNative)).as("tA=" + tA + " tB=" + tB).isTrue();
                for (int i = 0; i < c.length; i++) {
                    assertThat(viaEntryPoint[i]).isCloseTo(expected[i], offset(1e-12));
                }
            }
        }
    }

    @Test
    void sharedPackingGivesTheSameBitsAsPrivatePacking() {
        SplittableRandom random = new SplittableRandom(11);
        GemmEngine e = GemmEngines.BEST;
        for (int[] s : new int[][]{{40, 37, 300}, {17, 600, 9}, {64, 64, 64}, {37, 32, 40}}) {
            for (boolean tA : new boolean[]{false, true}) {
                for (boolean tB : new boolean[]{false, true}) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    double[] a = randoms(m * k, random);
                    double[] b = randoms(k * n, random);
                    double[] expected = new double[m * n];
                    e.multiply(tA, tB, m, n, k, a, 0, b, 0, expected, 0, 0, m);
                    double[] actual = new double[m * n];
                    Variant.BEST_ENGINE_PACKED.run(tA, tB, m, n, k, a, 0, b, 0, 0.0, actual, 0);
                    assertThat(Arrays.equals(actual, expected)).as(e.name() + " " + m + "x" + n + "x" + k).isTrue();
                }
            }
        }
    }

    @Test
    void directProductsGiveThePackedBitsPlusTheBiasAddedAfterwards() {
        // W2's forward (256 x 64 x 32) and weight gradient (32 x 64 x 256, A transposed) shapes and a row remainder
        SplittableRandom random = new SplittableRandom(12);
        GemmEngine e = GemmEngines.BEST;
        for (int[] s : new int[][]{{256, 64, 32}, {32, 64, 256}, {45, 32, 100}}) {
            for (boolean tA : new boolean[]{false, true}) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                double[] a = randoms(m * k, random);
                double[] b = randoms(k * n, random);
                double[] bias = randoms(n + 2, random);
                double[] packed = new double[m * n];
                Variant.BEST_ENGINE_PACKED.run(tA, false, m, n, k, a, 0, b, 0, 0.0, packed, 0);
                double[] viaGemm = randoms(m * n, random); // beta = 0 ignores what was there
                Gemm.gemm(tA, false, m, n, k, a, 0, b, 0, 0.0, viaGemm, 0);
                assertThat(Arrays.equals(viaGemm, packed)).as(e.name() + " tA=" + tA + " " + m + "x" + n + "x" + k)
                        .isTrue();
                if (tA) {
                    continue;
                }
                double[] expected = packed.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        expected[i * n + j] += bias[2 + j];
                    }
                }
                double[] actual = new double[m * n];
                boolean done = Gemm.gemmPlusBias(m, n, k, a, 0, b, 0, bias, 2, actual, 0);
                if (e.direct(false, n, k) && (long) m * n * k < GemmKernels.PARALLEL_WORK) {
                    assertThat(done).isTrue();
                    assertThat(Arrays.equals(actual, expected)).as("with bias " + m + "x" + n + "x" + k).isTrue();
                } else {
                    assertThat(done).isFalse();
                    assertThat(actual).containsOnly(0.0);
                }
            }
        }
        assertThat(Gemm.gemmPlusBias(300, 64, 300, new double[90_000], 0, new double[19_200], 0, new double[64], 0,
                new double[19_200], 0)).as("k beyond one block").isFalse();
        assertThatThrownBy(() -> Gemm.gemmPlusBias(2, 16, 2, new double[4], 0, new double[32], 0, new double[15], 0,
                new double[32], 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias needs 16");
    }

    @Test
    void rowKernelsGiveTheBitsOfOneCallPerRow() {
        // axpyRows keeps sums in registers across rows (blocks of 64 rows): every element must still get exactly the
        // bits of one axpy call per row, tails and leftover rows included
        SplittableRandom random = new SplittableRandom(13);
        VectorKernels kernels = GemmEngines.VECTOR;
        for (int length : new int[]{1, 7, 8, 15, 16, 33, 64, 100}) {
            for (int rows : new int[]{1, 3, 4, 5, 9, 70, 130}) {
                int stride = length + 3;
                double[] s = randoms(rows + 2, random);
                double[] x = randoms(2 + rows * stride, random);
                double[] y0 = randoms(length + 1, random);
                double[] expected = y0.clone();
                for (int p = 0; p < rows; p++) {
                    kernels.axpy(s[2 + p], x, 2 + p * stride, expected, 1, length);
                }
                double[] actual = y0.clone();
                kernels.axpyRows(s, 2, x, 2, stride, rows, actual, 1, length);
                assertThat(Arrays.equals(actual, expected)).as("axpyRows length=" + length + " rows=" + rows).isTrue();

            }
        }
    }

    @Test
    void refusesShapesThatDoNotFit() {
        double[] a = new double[6];
        assertThatThrownBy(() -> Gemm.gemm(false, false, 2, 3, 4, a, 0, a, 0, 0.0, a, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A needs 8 values");
        assertThatThrownBy(() -> Gemm.gemm(false, false, -1, 3, 4, a, 0, a, 0, 0.0, a, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=-1");
        assertThatThrownBy(() -> Gemm.setThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsItsEngine() {
        assertThat(Gemm.engine()).matches("(native:[^+]+\\+)?(java|vector-\\d+)");
        assertThat(Gemm.threads()).isPositive();
    }

    @Test
    void namedProductsAreGemmWithTheirFlagsToTheBit() {
        SplittableRandom random = new SplittableRandom(14);
        for (int m = 0; m <= 4; m++) {
            for (int n = 0; n <= 4; n++) {
                for (int k = 0; k <= 4; k++) {
                    double[] a = randoms(2 + m * k, random);
                    double[] b = randoms(1 + k * n, random);
                    double[] start = randoms(3 + m * n, random);
                    boolean[][] flags = {{false, false}, {false, false}, {true, false}, {false, true}};
                    for (int product = 0; product < 4; product++) {
                        double beta = product == 1 ? 1.0 : 0.0;
                        assertThat(named(product, m, n, k, a, b, start)).as("product %d", product).isEqualTo(
                                flagged(flags[product][0], flags[product][1], beta, m, n, k, a, b, start));
                    }
                }
            }
        }
        assertThatThrownBy(() -> Gemm.multiplyTransposeB(2, 3, 4, new double[8], 0, new double[11], 0,
                new double[6], 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("B needs 12 values");
    }

    /** Product 0 multiply, 1 multiplyAdd, 2 multiplyTransposeA, 3 multiplyTransposeB, on a copy of start. */
    private static double[] named(int product, int m, int n, int k, double[] a, double[] b, double[] start) {
        double[] c = start.clone();
        switch (product) {
            case 0 -> Gemm.multiply(m, n, k, a, 2, b, 1, c, 3);
            case 1 -> Gemm.multiplyAdd(m, n, k, a, 2, b, 1, c, 3);
            case 2 -> Gemm.multiplyTransposeA(m, n, k, a, 2, b, 1, c, 3);
            default -> Gemm.multiplyTransposeB(m, n, k, a, 2, b, 1, c, 3);
        }
        return c;
    }

    private static double[] flagged(boolean tA, boolean tB, double beta, int m, int n, int k, double[] a, double[] b,
                                    double[] start) {
        double[] c = start.clone();
        Gemm.gemm(tA, tB, m, n, k, a, 2, b, 1, beta, c, 3);
        return c;
    }
}
