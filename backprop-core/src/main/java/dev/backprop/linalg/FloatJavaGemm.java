package dev.backprop.linalg;

/**
 * {@link JavaGemm} in single precision, summing in float: the pure-Java engine, four rows of C at a time, each updated
 * by axpy over a row of op(B) (c_i· += a_ip b_p·), an inner loop that C2 turns into SIMD code. op(B)'s rows are
 * contiguous when B is not transposed; otherwise each block of {@value #KC} rows of op(B) is first transposed into a
 * per-thread buffer. Every c_ij is summed in p order with separate multiply and add, whatever the blocking or row
 * range. Legend: i rows of C, j columns, p the shared index.
 */
final class FloatJavaGemm implements FloatGemmEngine {
    static final int KC = 256;

    private static final ThreadLocal<float[][]> PACKED_B = ThreadLocal.withInitial(() -> new float[1][0]);

    @Override
    public int rowAlignment() {
        return 4;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void multiply(boolean transposeA, boolean transposeB, int m, int n, int k,
                         float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int rowFrom, int rowTo) {
        float[] packed = transposeB ? buffer(Math.min(KC, k) * n) : null;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            float[] rowsOfB = b;
            int bBase = bOff + p0 * n;
            if (transposeB) {
                transposeInto(b, bOff, n, k, p0, kc, packed);
                rowsOfB = packed;
                bBase = 0;
            }
            // strides of op(A) in A's storage: a_ip = a[aOff + i*rowStride + p*colStride]
            int rowStride = transposeA ? 1 : k;
            int colStride = transposeA ? m : 1;
            int i = rowFrom;
            for (; i + 3 < rowTo; i += 4) {
                int c0 = cOff + i * n;
                int c1 = c0 + n;
                int c2 = c1 + n;
                int c3 = c2 + n;
                for (int p = 0; p < kc; p++) {
                    int ap = aOff + i * rowStride + (p0 + p) * colStride;
                    float a0 = a[ap];
                    float a1 = a[ap + rowStride];
                    float a2 = a[ap + 2 * rowStride];
                    float a3 = a[ap + 3 * rowStride];
                    int bp = bBase + p * n;
                    for (int j = 0; j < n; j++) {
                        float bpj = rowsOfB[bp + j];
                        c[c0 + j] += a0 * bpj;
                        c[c1 + j] += a1 * bpj;
                        c[c2 + j] += a2 * bpj;
                        c[c3 + j] += a3 * bpj;
                    }
                }
            }
            for (; i < rowTo; i++) {
                int ci = cOff + i * n;
                for (int p = 0; p < kc; p++) {
                    float aip = a[aOff + i * rowStride + (p0 + p) * colStride];
                    int bp = bBase + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * rowsOfB[bp + j];
                    }
                }
            }
        }
    }

    /** packed[p*n + j] = op(B)_{p0+p, j} = b[bOff + j*k + p0 + p] for p &lt; kc. */
    private static void transposeInto(float[] b, int bOff, int n, int k, int p0, int kc, float[] packed) {
        for (int j = 0; j < n; j++) {
            int bj = bOff + j * k + p0;
            for (int p = 0; p < kc; p++) {
                packed[p * n + j] = b[bj + p];
            }
        }
    }

    private static float[] buffer(int length) {
        float[][] holder = PACKED_B.get();
        if (holder[0].length < length) {
            holder[0] = new float[length];
        }
        return holder[0];
    }
}
