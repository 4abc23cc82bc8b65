package dev.backprop.linalg;

/**
 * {@link VectorKernels} in single precision, with a Vector API version ({@link FloatSimdKernels}) and a plain one
 * ({@link #SCALAR}). Sums and products are rounded to float at every step, as {@code sgemm} rounds them; the logistic
 * function and tanh are computed in double and rounded once (see
 * {@link Elementwise#logistic(float[], float[], int, int)}). Each gives the same result for the same arguments every
 * time; the two versions may differ in the last bits, except {@link #logistic}, {@link #tanh} and {@link #descend},
 * whose bits they share.
 */
interface FloatVectorKernels {
    /** a_i = (float) (1 / (1 + e^(-z_i))) for i in [from, to), e^x by {@link Exp}. */
    void logistic(float[] z, float[] a, int from, int to);

    /** a_i = (float) tanh(z_i) for i in [from, to), by {@link Exp#tanh}. */
    void tanh(float[] z, float[] a, int from, int to);

    /** Σ_p x[xOff + p] y[yOff + p] for p &lt; length, summed in float. */
    float dot(float[] x, int xOff, float[] y, int yOff, int length);

    /**
     * out[outOff + r] += {@link #dot}(x, xOff + r·xStride, y, yOff, length) for r &lt; rows, each with dot's bits:
     * the same dot products, free to run several rows side by side.
     */
    default void dotRows(float[] x, int xOff, int xStride, int rows, float[] y, int yOff, int length, float[] out,
                         int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] += dot(x, xOff + r * xStride, y, yOff, length);
        }
    }

    /** y[yOff + i] += alpha x[xOff + i] for i &lt; length. */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int length);

    /**
     * y[yOff + i] += Σ_p s[sOff + p] x[xOff + p·xStride + i] for i &lt; length, p from 0 to count − 1 in order: count
     * {@link #axpy} calls with the same bits (see {@link VectorKernels#axpyRows}).
     */
    default void axpyRows(float[] s, int sOff, float[] x, int xOff, int xStride, int count, float[] y, int yOff,
                          int length) {
        for (int p = 0; p < count; p++) {
            axpy(s[sOff + p], x, xOff + p * xStride, y, yOff, length);
        }
    }

    /** y[yOff + i] = alpha x[xOff + i] for i &lt; length: the bits axpy gives into zeros (a zero product as +0). */
    void scaleInto(float alpha, float[] x, int xOff, float[] y, int yOff, int length);

    /** θ_i ← θ_i − (η g_i) for i in [from, to), each product and difference rounded; returns the largest |η g_i|. */
    float descend(float[] theta, float[] gradient, float eta, int from, int to);

    /** The plain-Java versions: {@link Exp} per element, a dot product in four interleaved partial sums. */
    FloatVectorKernels SCALAR = new FloatVectorKernels() {
        @Override
        public void logistic(float[] z, float[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = Exp.floatLogistic(z[i]);
            }
        }

        @Override
        public void tanh(float[] z, float[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = Exp.floatTanh(z[i]);
            }
        }

        @Override
        public float dot(float[] x, int xOff, float[] y, int yOff, int length) {
            float s0 = 0.0f;
            float s1 = 0.0f;
            float s2 = 0.0f;
            float s3 = 0.0f;
            int p = 0;
            for (; p + 3 < length; p += 4) {
                s0 += x[xOff + p] * y[yOff + p];
                s1 += x[xOff + p + 1] * y[yOff + p + 1];
                s2 += x[xOff + p + 2] * y[yOff + p + 2];
                s3 += x[xOff + p + 3] * y[yOff + p + 3];
            }
            for (; p < length; p++) {
                s0 += x[xOff + p] * y[yOff + p];
            }
            return (s0 + s1) + (s2 + s3);
        }

        @Override
        public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int length) {
            for (int i = 0; i < length; i++) {
                y[yOff + i] += alpha * x[xOff + i];
            }
        }

        @Override
        public void scaleInto(float alpha, float[] x, int xOff, float[] y, int yOff, int length) {
            for (int i = 0; i < length; i++) {
                y[yOff + i] = 0.0f + alpha * x[xOff + i];
            }
        }

        @Override
        public float descend(float[] theta, float[] gradient, float eta, int from, int to) {
            float largest = 0.0f;
            for (int i = from; i < to; i++) {
                float change = eta * gradient[i];
                theta[i] -= change;
                largest = Math.max(largest, Math.abs(change));
            }
            return largest;
        }
    };
}
