package dev.backprop.nn;

import java.util.Locale;

/**
 * An element-wise activation function f and its derivative f'.
 *
 * <p>Each works on a slice {@code [from, to)} of flat arrays so a whole batch is one call. Derivatives are computed
 * from the activation a = f(z) where that is exact and cheaper (sigmoid: f'(z) = a (1 - a)).
 */
public enum Activation {
    /**
     * The seed's f(z) = 1 / (1 + e^-z). Evaluated so that it never overflows: for z &lt; 0 as e^z / (1 + e^z). At
     * z = ±1000 it gives exactly 1 or 0 and a zero derivative; NaN in gives NaN out.
     */
    SIGMOID("sigmoid") {
        @Override
        public void apply(double[] z, double[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = sigmoid(z[i]);
            }
        }

        @Override
        public void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                double ai = a[i];
                delta[i] *= ai * (1.0 - ai);
            }
        }
    };

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** a_i = f(z_i) for i in [from, to). z is not modified; a is (it may be z itself). */
    public abstract void apply(double[] z, double[] a, int from, int to);

    /**
     * delta_i = delta_i * f'(z_i) for i in [from, to), given a_i = f(z_i): the chain-rule step through this
     * activation, fused so backpropagation needs no array for f'. z and a are not modified; delta is.
     */
    public abstract void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to);

    /** f'(z) at one point, for tests and explanations; training uses {@link #multiplyByDerivative}. */
    public double derivative(double z) {
        double[] zs = {z};
        double[] a = new double[1];
        apply(zs, a, 0, 1);
        double[] d = {1.0};
        multiplyByDerivative(zs, a, d, 0, 1);
        return d[0];
    }

    /** The name used on the command line and in model files, e.g. {@code "sigmoid"}. */
    public String id() {
        return id;
    }

    /**
     * The activation named {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static Activation fromId(String id) {
        for (Activation f : values()) {
            if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "' (allowed: " + allowed() + ")");
    }

    static String allowed() {
        StringBuilder sb = new StringBuilder();
        for (Activation f : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.id);
        }
        return sb.toString();
    }

    /** The logistic function, stable for any finite or infinite z. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}
