package dev.backprop.linalg;

/** a_i = 1 / (1 + e^(-z_i)) on a slice; see {@link Elementwise#logistic}. */
interface LogisticKernel {
    void apply(double[] z, double[] a, int from, int to);

    /** The scalar loop: {@code Math.exp} per element. */
    LogisticKernel SCALAR = (z, a, from, to) -> {
        for (int i = from; i < to; i++) {
            a[i] = 1.0 / (1.0 + Math.exp(-z[i]));
        }
    };
}
