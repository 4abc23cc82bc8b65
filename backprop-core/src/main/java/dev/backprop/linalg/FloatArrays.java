package dev.backprop.linalg;

/**
 * Moving values between the two precisions' arrays: doubles rounded to the nearest float (float32's data, θ and
 * inputs), floats widened to doubles (exact: every float is a double), for the places where a float32 pass meets the
 * double world (checkpoints, listeners, model files, a cluster's double rows).
 */
public final class FloatArrays {
    private FloatArrays() {
    }

    /**
     * values[from, from + count) rounded to float into out[0, count).
     *
     * @param values the doubles; not modified
     * @param from   the first index read
     * @param out    receives the floats from index 0
     * @param count  how many
     * @return {@code out}
     * @throws ArrayIndexOutOfBoundsException if a range does not fit its array
     */
    public static float[] round(double[] values, int from, float[] out, int count) {
        for (int i = 0; i < count; i++) {
            out[i] = (float) values[from + i];
        }
        return out;
    }

    /**
     * A new array of {@code values} rounded to float.
     *
     * @param values the doubles; not modified
     * @return a new array of the same length
     */
    public static float[] rounded(double[] values) {
        return round(values, 0, new float[values.length], values.length);
    }

    /**
     * values[0, count) widened (exactly) into out[0, count).
     *
     * @param values the floats; not modified
     * @param out    receives the doubles from index 0
     * @param count  how many
     * @return {@code out}
     * @throws ArrayIndexOutOfBoundsException if a range does not fit its array
     */
    public static double[] widen(float[] values, double[] out, int count) {
        for (int i = 0; i < count; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /**
     * A new array of {@code values} widened (exactly) to double.
     *
     * @param values the floats; not modified
     * @return a new array of the same length
     */
    public static double[] widened(float[] values) {
        return widen(values, new double[values.length], values.length);
    }
}
