package dev.backprop.nn;

import dev.backprop.linalg.Elementwise;

import java.util.Locale;

/**
 * An activation function f and its derivative f'.
 *
 * <p>Each works on a slice {@code [from, to)} of flat arrays so a whole batch is one call. Derivatives are computed
 * from the activation a = f(z) where that is exact and cheaper (sigmoid: f'(z) = a (1 - a); tanh: 1 - a²), from z
 * where it must be (relu). Every function except {@link #SOFTMAX} is element-wise; softmax normalises a whole row, so
 * {@link #applyRows} is the call a layer makes, and its derivative is taken together with the loss (see
 * {@link Loss#outputDelta}).
 *
 * <p>NaN in gives NaN out for every function; ±∞ gives the element-wise functions' limits.
 */
public enum Activation {
    /**
     * The seed's f(z) = 1 / (1 + e^-z). Evaluated so that it never overflows: for z &lt; 0 as e^z / (1 + e^z). At
     * z = ±1000 it gives exactly 1 or 0 and a zero derivative; NaN in gives NaN out.
     */
    SIGMOID("sigmoid") {
        /**
         * Through {@link Elementwise#logistic}, vectorised when the JDK Vector API is present: a scalar
         * {@code Math.exp} per element would cost more than all of a small network's products. Training and
         * prediction share this path, so they agree to the bit.
         */
        @Override
        public void apply(double[] z, double[] a, int from, int to) {
            Elementwise.logistic(z, a, from, to);
        }

        @Override
        public void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                double ai = a[i];
                delta[i] *= ai * (1.0 - ai);
            }
        }

        @Override
        public void apply(float[] z, float[] a, int from, int to) {
            Elementwise.logistic(z, a, from, to);
        }

        @Override
        public void multiplyByDerivative(float[] z, float[] a, float[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                float ai = a[i];
                delta[i] *= ai * (1.0f - ai);
            }
        }
    },
    /** f(z) = tanh z = (e^z - e^-z) / (e^z + e^-z), onto (-1, 1); f'(z) = 1 - a². */
    TANH("tanh") {
        @Override
        public void apply(double[] z, double[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = Math.tanh(z[i]);
            }
        }

        @Override
        public void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                double ai = a[i];
                delta[i] *= 1.0 - ai * ai;
            }
        }

        /** tanh of the float widened to double, rounded back to float: within one float ulp of tanh z. */
        @Override
        public void apply(float[] z, float[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = (float) Math.tanh(z[i]);
            }
        }

        @Override
        public void multiplyByDerivative(float[] z, float[] a, float[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                float ai = a[i];
                delta[i] *= 1.0f - ai * ai;
            }
        }
    },
    /** f(z) = max(0, z); f'(z) = 1 for z &gt; 0, else 0 (0 at the kink z = 0). */
    RELU("relu") {
        @Override
        public void apply(double[] z, double[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = Math.max(0.0, z[i]);
            }
        }

        @Override
        public void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!(z[i] > 0.0)) {
                    delta[i] = z[i] == z[i] ? 0.0 : Double.NaN;
                }
            }
        }

        @Override
        public void apply(float[] z, float[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = Math.max(0.0f, z[i]);
            }
        }

        @Override
        public void multiplyByDerivative(float[] z, float[] a, float[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!(z[i] > 0.0f)) {
                    delta[i] = z[i] == z[i] ? 0.0f : Float.NaN;
                }
            }
        }
    },
    /**
     * f(z) = z for z &gt; 0, else {@value #LEAKY_SLOPE} z (Maas, Hannun and Ng, "Rectifier nonlinearities improve
     * neural network acoustic models", ICML 2013); f'(z) = 1 for z &gt; 0, else {@value #LEAKY_SLOPE}.
     */
    LEAKY_RELU("leaky-relu") {
        @Override
        public void apply(double[] z, double[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                double zi = z[i];
                a[i] = zi > 0.0 ? zi : LEAKY_SLOPE * zi;
            }
        }

        @Override
        public void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!(z[i] > 0.0)) {
                    delta[i] *= z[i] == z[i] ? LEAKY_SLOPE : Double.NaN;
                }
            }
        }

        @Override
        public void apply(float[] z, float[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                float zi = z[i];
                a[i] = zi > 0.0f ? zi : LEAKY_SLOPE_FLOAT * zi;
            }
        }

        @Override
        public void multiplyByDerivative(float[] z, float[] a, float[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!(z[i] > 0.0f)) {
                    delta[i] *= z[i] == z[i] ? LEAKY_SLOPE_FLOAT : Float.NaN;
                }
            }
        }
    },
    /** f(z) = z, the identity, for regression outputs; f'(z) = 1. */
    LINEAR("linear") {
        @Override
        public void apply(double[] z, double[] a, int from, int to) {
            if (a != z) {
                System.arraycopy(z, from, a, from, to - from);
            }
        }

        @Override
        public void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to) {
            // f' = 1: delta is unchanged.
        }

        @Override
        public void apply(float[] z, float[] a, int from, int to) {
            if (a != z) {
                System.arraycopy(z, from, a, from, to - from);
            }
        }

        @Override
        public void multiplyByDerivative(float[] z, float[] a, float[] delta, int from, int to) {
            // f' = 1: delta is unchanged.
        }
    },
    /**
     * softmax(z)_o = e^(z_o - max z) / Σ_k e^(z_k - max z), a probability distribution over one row of outputs.
     * Subtracting the row's maximum changes nothing mathematically and keeps every exponent ≤ 0, so it never
     * overflows. Not element-wise: {@link #apply} treats its slice as one row, {@link #applyRows} normalises each row.
     * Only for output layers, paired with {@link Loss#CATEGORICAL_CROSS_ENTROPY}.
     */
    SOFTMAX("softmax") {
        @Override
        public void apply(double[] z, double[] a, int from, int to) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                max = Math.max(max, z[i]);
            }
            double sum = 0.0;
            for (int i = from; i < to; i++) {
                double e = Math.exp(z[i] - max);
                a[i] = e;
                sum += e;
            }
            for (int i = from; i < to; i++) {
                a[i] /= sum;
            }
        }

        @Override
        public void applyRows(double[] z, double[] a, int fromRow, int toRow, int cols) {
            for (int i = fromRow; i < toRow; i++) {
                apply(z, a, i * cols, (i + 1) * cols);
            }
        }

        /**
         * The slice is one row: δ_o ← a_o (δ_o - Σ_k a_k δ_k), the product with softmax's Jacobian
         * ∂a_k/∂z_o = a_k (1[k = o] - a_o).
         */
        @Override
        public void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to) {
            double dot = 0.0;
            for (int i = from; i < to; i++) {
                dot += a[i] * delta[i];
            }
            for (int i = from; i < to; i++) {
                delta[i] = a[i] * (delta[i] - dot);
            }
        }

        /** The float form: the maximum, each e^(z - max) and the row's sum in float. */
        @Override
        public void apply(float[] z, float[] a, int from, int to) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                max = Math.max(max, z[i]);
            }
            float sum = 0.0f;
            for (int i = from; i < to; i++) {
                float e = (float) Math.exp(z[i] - max);
                a[i] = e;
                sum += e;
            }
            for (int i = from; i < to; i++) {
                a[i] /= sum;
            }
        }

        @Override
        public void applyRows(float[] z, float[] a, int fromRow, int toRow, int cols) {
            for (int i = fromRow; i < toRow; i++) {
                apply(z, a, i * cols, (i + 1) * cols);
            }
        }

        @Override
        public void multiplyByDerivative(float[] z, float[] a, float[] delta, int from, int to) {
            float dot = 0.0f;
            for (int i = from; i < to; i++) {
                dot += a[i] * delta[i];
            }
            for (int i = from; i < to; i++) {
                delta[i] = a[i] * (delta[i] - dot);
            }
        }

        @Override
        public boolean elementWise() {
            return false;
        }
    };

    /** The slope of {@link #LEAKY_RELU} for z ≤ 0. */
    public static final double LEAKY_SLOPE = 0.01;
    /** {@link #LEAKY_SLOPE} as the float32 passes use it. */
    private static final float LEAKY_SLOPE_FLOAT = (float) LEAKY_SLOPE;

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /**
     * a_i = f(z_i) for i in [from, to); for {@link #SOFTMAX} the slice is one row. z is not modified; a is (it may be
     * z itself).
     *
     * @param z    pre-activations; read in [from, to)
     * @param a    receives f(z) in [from, to); may be the same array as {@code z}
     * @param from first index, inclusive
     * @param to   last index, exclusive; {@code from ≤ to ≤ min(z.length, a.length)}
     */
    public abstract void apply(double[] z, double[] a, int from, int to);

    /**
     * a = f(z) on rows [fromRow, toRow) of a block with one row per example: element-wise functions apply to every
     * value, {@link #SOFTMAX} to each row. z is not modified; a is. Rows are independent, so a batch can be shared
     * among threads by rows: each row gets the same bits whichever range it falls in.
     *
     * @param z       pre-activations, row-major with {@code cols} columns from index 0
     * @param a       receives f(z) in the same layout, in those rows only; may be the same array as {@code z}
     * @param fromRow the first row, inclusive; {@code >= 0}
     * @param toRow   the end row, exclusive; {@code >= fromRow}
     * @param cols    number of columns (units per example), {@code >= 0}
     */
    public void applyRows(double[] z, double[] a, int fromRow, int toRow, int cols) {
        apply(z, a, fromRow * cols, toRow * cols);
    }

    /**
     * delta_i = delta_i * f'(z_i) for i in [from, to), given a_i = f(z_i): the chain-rule step through this
     * activation, fused so backpropagation needs no array for f'. For {@link #SOFTMAX} the slice is one row and the
     * step is the product with its Jacobian. z and a are not modified; delta is.
     *
     * @param z     pre-activations; read in [from, to) (only relu and leaky relu need them)
     * @param a     activations f(z) in the same positions; read in [from, to)
     * @param delta ∂J/∂a on entry, ∂J/∂z on return, in [from, to)
     * @param from  first index, inclusive
     * @param to    last index, exclusive
     */
    public abstract void multiplyByDerivative(double[] z, double[] a, double[] delta, int from, int to);

    /**
     * {@link #apply(double[], double[], int, int)} in float32: a_i = f(z_i) computed and rounded in float (sigmoid
     * through {@link Elementwise#logistic(float[], float[], int, int)}; tanh and softmax's exponentials as the
     * double function of the float rounded back).
     *
     * @param z    pre-activations; read in [from, to)
     * @param a    receives f(z) in [from, to); may be the same array as {@code z}
     * @param from first index, inclusive
     * @param to   last index, exclusive
     */
    public abstract void apply(float[] z, float[] a, int from, int to);

    /**
     * {@link #applyRows(double[], double[], int, int, int)} in float32.
     *
     * @param z       pre-activations, row-major with {@code cols} columns from index 0
     * @param a       receives f(z) in those rows; may be the same array as {@code z}
     * @param fromRow the first row, inclusive
     * @param toRow   the end row, exclusive
     * @param cols    number of columns
     */
    public void applyRows(float[] z, float[] a, int fromRow, int toRow, int cols) {
        apply(z, a, fromRow * cols, toRow * cols);
    }

    /**
     * {@link #multiplyByDerivative(double[], double[], double[], int, int)} in float32: δ_i ← δ_i f'(z_i), each
     * product rounded to float.
     *
     * @param z     pre-activations; read in [from, to)
     * @param a     activations f(z); read in [from, to)
     * @param delta ∂J/∂a on entry, ∂J/∂z on return, in [from, to)
     * @param from  first index, inclusive
     * @param to    last index, exclusive
     */
    public abstract void multiplyByDerivative(float[] z, float[] a, float[] delta, int from, int to);

    /**
     * Whether f acts on each value alone; false only for {@link #SOFTMAX}, which may only be an output.
     *
     * @return true if f(z)_i depends on z_i alone, so {@link #apply} may be called on any slice
     */
    public boolean elementWise() {
        return true;
    }

    /**
     * The name used on the command line and in model files, e.g. {@code "sigmoid"}.
     *
     * @return the lower-case, hyphenated name; {@link #fromId} maps it back to this constant
     */
    public String id() {
        return id;
    }

    /**
     * The activation named {@code id} (case-insensitive; {@code _} may stand for {@code -}).
     *
     * @param id an activation name such as {@code "relu"} or {@code "LEAKY_RELU"}; not null
     * @return the matching constant
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static Activation fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT).replace('_', '-');
        for (Activation f : values()) {
            if (f.id.equals(wanted)) {
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
}
