package dev.backprop.linalg;

/**
 * Unchecked loops behind {@link Gemm}. Each transpose case has its own loop so the innermost one always walks
 * contiguous memory (i-p-j order where B's rows are contiguous, dot products where they are not).
 */
final class GemmKernels {
    private GemmKernels() {
    }

    static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                     double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        scale(beta, c, cOff, m * n);
        if (k == 0) {
            return;
        }
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
