package dev.backprop.linalg;

import java.util.Arrays;

/**
 * Unchecked single-precision loops behind {@link Gemm}'s {@code float[]} entry points: native OpenBLAS {@code sgemm}
 * for products of at least {@link GemmKernels#NATIVE_WORK} multiply-adds when it is loaded, else plain loops that
 * accumulate in float, as BLAS {@code sgemm} does.
 */
final class FloatGemmKernels {
    private FloatGemmKernels() {
    }

    static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        if (GemmKernels.takesNative(m, n, k)) {
            GemmEngines.NATIVE.gemm(transposeA, transposeB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
            return;
        }
        scale(beta, c, cOff, m * n);
        if (k == 0 || m == 0 || n == 0) {
            return;
        }
        plain(transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff);
    }

    /** C += op(A) op(B) by the plain loops, whatever the shape. */
    static void plain(boolean transposeA, boolean transposeB, int m, int n, int k,
                      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * n;
            for (int j = 0; j < n; j++) {
                float sum = 0.0f;
                for (int p = 0; p < k; p++) {
                    float aip = transposeA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    float bpj = transposeB ? b[bOff + j * k + p] : b[bOff + p * n + j];
                    sum += aip * bpj;
                }
                c[cRow + j] += sum;
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
