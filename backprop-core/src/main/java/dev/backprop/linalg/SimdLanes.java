package dev.backprop.linalg;

/**
 * {@link SimdKernels}' arithmetic one lane at a time, in plain Java: for the same lane count L every result has the
 * same bits, because each element goes through the same exactly rounded operations in the same order (a fused
 * multiply-add is {@link Math#fma}, a vector's lane l is an accumulator of its own). Plain Java runs fast from the
 * first calls (the JIT's first compiler handles it well), while Vector API code is only fast once C2 has compiled it
 * and allocates an object per operation until then; {@link SimdKernels} hands its work here while
 * {@link ColdStart} says so.
 *
 * <p>Legend: L lanes per vector, i an element, p a row of a sum.
 */
final class SimdLanes implements VectorKernels {
    private final int lanes;

    /**
     * Loops with the bits of vectors of {@code lanes} doubles.
     *
     * @param lanes L, the lane count of the vectors whose bits these loops reproduce
     */
    SimdLanes(int lanes) {
        this.lanes = lanes;
    }

    /** {@link Exp#logistic} on every element, which {@link SimdKernels#logistic} reproduces lane by lane. */
    @Override
    public void logistic(double[] z, double[] a, int from, int to) {
        SCALAR.logistic(z, a, from, to);
    }

    /**
     * Two accumulators per lane, as {@link SimdKernels#dot}'s two vectors: lane l sums x_p y_p for p ≡ l and for
     * p ≡ l + L modulo 2L by FMA chains; then each lane's pair is added and the lanes summed in order, then the tail.
     */
    @Override
    public double dot(double[] x, int xOff, double[] y, int yOff, int length) {
        int width = 2 * lanes;
        if (length < width) {
            return SCALAR.dot(x, xOff, y, yOff, length);
        }
        int whole = length - length % width;
        double sum = 0.0;
        for (int lane = 0; lane < lanes; lane++) {
            double s0 = 0.0;
            double s1 = 0.0;
            for (int p = lane; p < whole; p += width) {
                s0 = Math.fma(x[xOff + p], y[yOff + p], s0);
                s1 = Math.fma(x[xOff + p + lanes], y[yOff + p + lanes], s1);
            }
            sum += s0 + s1;
        }
        for (int p = whole; p < length; p++) {
            sum += x[xOff + p] * y[yOff + p];
        }
        return sum;
    }

    /** y_i = fma(alpha, x_i, y_i) over the whole vectors, y_i + alpha x_i in the tail. */
    @Override
    public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int length) {
        int whole = whole(length);
        for (int i = 0; i < whole; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
        for (int i = whole; i < length; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** {@link #axpy} for each p in order: every y_i gets the same operations as in {@link SimdKernels#axpyRows}. */
    @Override
    public void axpyRows(double[] s, int sOff, double[] x, int xOff, int xStride, int count, double[] y, int yOff,
                         int length) {
        for (int p = 0; p < count; p++) {
            axpy(s[sOff + p], x, xOff + p * xStride, y, yOff, length);
        }
    }

    /** y_i = fma(alpha, x_i, +0) over the whole vectors, 0 + alpha x_i in the tail. */
    @Override
    public void scaleInto(double alpha, double[] x, int xOff, double[] y, int yOff, int length) {
        int whole = whole(length);
        for (int i = 0; i < whole; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], 0.0);
        }
        for (int i = whole; i < length; i++) {
            y[yOff + i] = 0.0 + alpha * x[xOff + i];
        }
    }

    /** The plain loop, whose steps {@link SimdKernels#descend} takes lane by lane (the largest change is a maximum). */
    @Override
    public double descend(double[] theta, double[] gradient, double eta, int from, int to) {
        return SCALAR.descend(theta, gradient, eta, from, to);
    }

    /** Elements of {@code length} in whole vectors: none when it is shorter than one. */
    private int whole(int length) {
        return length < lanes ? 0 : length - length % lanes;
    }
}
