package dev.backprop.linalg;

/**
 * One-dimensional kernels that have a Vector API version ({@link SimdKernels}) and a plain one ({@link #SCALAR}).
 * Each gives the same result for the same arguments every time; the two versions may differ in the last bits.
 */
interface VectorKernels {
    /** a_i = 1 / (1 + e^(-z_i)) for i in [from, to); see {@link Elementwise#logistic}. */
    void logistic(double[] z, double[] a, int from, int to);

    /** Σ_p x[xOff + p] y[yOff + p] for p &lt; length. */
    double dot(double[] x, int xOff, double[] y, int yOff, int length);

    /** y[yOff + i] += alpha x[xOff + i] for i &lt; length. */
    void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int length);

    /**
     * y[yOff + i] += Σ_p s[sOff + p] x[xOff + p·xStride + i] for i &lt; length, p from 0 to count − 1 in order: count
     * {@link #axpy} calls (alpha = s_p, x = row p), with the same bits, but free to keep y in registers across rows.
     */
    default void axpyRows(double[] s, int sOff, double[] x, int xOff, int xStride, int count, double[] y, int yOff,
                          int length) {
        for (int p = 0; p < count; p++) {
            axpy(s[sOff + p], x, xOff + p * xStride, y, yOff, length);
        }
    }

    /** y[yOff + i] = alpha x[xOff + i] for i &lt; length: the bits axpy gives into zeros (a zero product as +0). */
    void scaleInto(double alpha, double[] x, int xOff, double[] y, int yOff, int length);

    /** θ_i ← θ_i − (η g_i) for i in [from, to), each product and difference rounded; returns the largest |η g_i|. */
    double descend(double[] theta, double[] gradient, double eta, int from, int to);

    /** The plain-Java versions: {@link Exp} per element, a dot product in four interleaved partial sums. */
    VectorKernels SCALAR = new VectorKernels() {
        @Override
        public void logistic(double[] z, double[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = Exp.logistic(z[i]);
            }
        }

        @Override
        public double dot(double[] x, int xOff, double[] y, int yOff, int length) {
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
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
        public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int length) {
            for (int i = 0; i < length; i++) {
                y[yOff + i] += alpha * x[xOff + i];
            }
        }

        @Override
        public void scaleInto(double alpha, double[] x, int xOff, double[] y, int yOff, int length) {
            for (int i = 0; i < length; i++) {
                y[yOff + i] = 0.0 + alpha * x[xOff + i];
            }
        }

        @Override
        public double descend(double[] theta, double[] gradient, double eta, int from, int to) {
            double largest = 0.0;
            for (int i = from; i < to; i++) {
                double change = eta * gradient[i];
                theta[i] -= change;
                largest = Math.max(largest, Math.abs(change));
            }
            return largest;
        }
    };
}
