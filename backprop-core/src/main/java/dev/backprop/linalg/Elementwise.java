package dev.backprop.linalg;

/**
 * Element-wise kernels that, like {@link Gemm}, use the fastest engine available (the JDK Vector API when its module is
 * present, plain Java otherwise).
 */
public final class Elementwise {
    private Elementwise() {
    }

    /**
     * Where the first NaN or infinite value of {@code values} lies.
     *
     * @param values the values; not modified
     * @return its index, or -1 if every value is finite
     */
    public static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * a_i = 1 / (1 + e^(-z_i)) for i in [from, to). z is not modified; a is (it may be z itself). The formula never
     * overflows into NaN: z = -1000 gives exactly 0, z = +1000 exactly 1, NaN gives NaN. e^x is computed from exactly
     * rounded operations only (within 2 ulp of {@link Math#exp}), so every element gets the same bits whatever its
     * position, the engine, the thread count, or how far the JIT has compiled the code: same seed, same model.
     * Thread-safe as long as no other call writes the same part of a.
     *
     * @param z    the inputs; not modified
     * @param a    receives the outputs in [from, to), the rest untouched; may be {@code z} itself
     * @param from the first index, inclusive; {@code >= 0}
     * @param to   the end index, exclusive; {@code from <= to <= min(z.length, a.length)}
     * @throws ArrayIndexOutOfBoundsException if the slice does not fit both arrays
     */
    public static void logistic(double[] z, double[] a, int from, int to) {
        if (from < 0 || to > z.length || to > a.length || from > to) {
            throw new ArrayIndexOutOfBoundsException("slice [" + from + ", " + to + ") does not fit arrays of "
                    + z.length + " and " + a.length);
        }
        GemmEngines.VECTOR.logistic(z, a, from, to);
    }

    /**
     * The gradient-descent update θ_i ← θ_i − η g_i for i in [from, to), vectorised when the Vector API is present,
     * with the bits of the plain loop: the change η g_i is rounded, then subtracted (no fused multiply-add, as numpy
     * and the seed's W ← W − η ∂J/∂W compute it).
     *
     * @param theta    the parameters, updated in [from, to)
     * @param gradient the gradient, same layout; not modified
     * @param eta      the learning rate η
     * @param from     the first index, inclusive; {@code >= 0}
     * @param to       the end index, exclusive; {@code from <= to <= min(theta.length, gradient.length)}
     * @return the largest |η g_i| in the range (NaN if any is NaN; 0 for an empty range)
     * @throws ArrayIndexOutOfBoundsException if the range does not fit both arrays
     */
    public static double descend(double[] theta, double[] gradient, double eta, int from, int to) {
        if (from < 0 || to > theta.length || to > gradient.length || from > to) {
            throw new ArrayIndexOutOfBoundsException("range [" + from + ", " + to + ") does not fit arrays of "
                    + theta.length + " and " + gradient.length);
        }
        return GemmEngines.VECTOR.descend(theta, gradient, eta, from, to);
    }

    /**
     * {@link #logistic(double[], double[], int, int)} in single precision: a_i = 1 / (1 + e^(-z_i)) rounded to float,
     * the same bits whatever the engine, position or thread count, and for every float z_i the bits of the double
     * version's result rounded to float. Computed in double with the double version's steps (its series summed in an
     * order that takes fewer dependent steps, which changes no float result) and rounded once: within one ulp of the
     * correctly rounded value and nearly always equal to it (a float e^x in float steps would add one or two ulp of its
     * own). Vectorised when the Vector API is present, each vector's floats widened to double lanes.
     *
     * @param z    the inputs; not modified
     * @param a    receives the outputs in [from, to); may be {@code z} itself
     * @param from the first index, inclusive
     * @param to   the end index, exclusive
     * @throws ArrayIndexOutOfBoundsException if the slice does not fit both arrays
     */
    public static void logistic(float[] z, float[] a, int from, int to) {
        if (from < 0 || to > z.length || to > a.length || from > to) {
            throw new ArrayIndexOutOfBoundsException("slice [" + from + ", " + to + ") does not fit arrays of "
                    + z.length + " and " + a.length);
        }
        GemmEngines.FLOAT_VECTOR.logistic(z, a, from, to);
    }

    /**
     * a_i = tanh z_i for i in [from, to) in single precision, vectorised when the Vector API is present: computed in
     * double as (1 − e^(−2z)) / (1 + e^(−2z)) (its odd series for |z| &lt; 2⁻¹², ±1 beyond 20) and rounded once to
     * float, so within one ulp of the correctly rounded value (nearly always equal to it), and the same bits whatever
     * the engine, position or thread count. ±∞ give ±1, NaN gives NaN, −0 gives −0. Thread-safe as long as no other
     * call writes the same part of a.
     *
     * @param z    the inputs; not modified
     * @param a    receives the outputs in [from, to), the rest untouched; may be {@code z} itself
     * @param from the first index, inclusive; {@code >= 0}
     * @param to   the end index, exclusive; {@code from <= to <= min(z.length, a.length)}
     * @throws ArrayIndexOutOfBoundsException if the slice does not fit both arrays
     */
    public static void tanh(float[] z, float[] a, int from, int to) {
        if (from < 0 || to > z.length || to > a.length || from > to) {
            throw new ArrayIndexOutOfBoundsException("slice [" + from + ", " + to + ") does not fit arrays of "
                    + z.length + " and " + a.length);
        }
        GemmEngines.FLOAT_VECTOR.tanh(z, a, from, to);
    }

    /**
     * {@link #descend(double[], double[], double, int, int)} in single precision: θ_i ← θ_i − (η g_i), the product and
     * the difference each rounded to float.
     *
     * @param theta    the parameters, updated in [from, to)
     * @param gradient the gradient; not modified
     * @param eta      the learning rate η
     * @param from     the first index, inclusive
     * @param to       the end index, exclusive
     * @return the largest |η g_i| in the range (NaN if any is NaN; 0 for an empty range)
     * @throws ArrayIndexOutOfBoundsException if the range does not fit both arrays
     */
    public static double descend(float[] theta, float[] gradient, float eta, int from, int to) {
        if (from < 0 || to > theta.length || to > gradient.length || from > to) {
            throw new ArrayIndexOutOfBoundsException("range [" + from + ", " + to + ") does not fit arrays of "
                    + theta.length + " and " + gradient.length);
        }
        return GemmEngines.FLOAT_VECTOR.descend(theta, gradient, eta, from, to);
    }
}
