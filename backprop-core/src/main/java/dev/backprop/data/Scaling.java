package dev.backprop.data;

import dev.backprop.linalg.Matrix;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A per-column affine map fitted on training data and stored in the model, so prediction scales new data exactly as
 * training did. Immutable.
 *
 * <ul>
 *   <li>{@link ScalingMethod#MINMAX}: x' = (x - min) / (max - min), training data onto [0, 1].</li>
 *   <li>{@link ScalingMethod#MAX}: x' = x / max, where max is the column's largest absolute value.</li>
 *   <li>{@link ScalingMethod#STANDARD}: x' = (x - mean) / sd, with the training rows' mean and population standard
 *       deviation sd = √(Σ (x - mean)² / n), as scikit-learn's StandardScaler.</li>
 *   <li>{@link ScalingMethod#NONE}: x' = x.</li>
 * </ul>
 * A constant column has max - min = 0 (or max = 0, or sd = 0); it is divided by 1 instead, so it maps to 0 (minmax,
 * standard) or stays as it is (max) rather than to NaN. A range too wide for a double (max - min beyond 1.8e308, as for -1e308 and 1e308)
 * is computed on halved values, x' = (x/2 - min/2) / (max/2 - min/2), rather than dividing by infinity; so is a
 * standard scaling whose sd is 2^1000 or more, x' = (x/2 - mean/2) / (sd/2), since there x - mean can overflow (a
 * range past 1.8e308 over n ≤ 2^31 rows has sd ≥ range / √(2n) > 2^1000). Halving both sides is exact, so either
 * way the values are those of the plain formula wherever it does not overflow. New data
 * outside the training range maps outside [0, 1]; it is not clipped. Serializable, so that a distributed trainer can
 * ship it to its workers (the serialized form is no storage format: the model file is).
 *
 * @serial exclude
 */
public final class Scaling implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The binary exponent from which a standard deviation marks values whose difference from the mean can overflow. */
    private static final int HALVED_SD_EXPONENT = 1000;
    private final ScalingMethod method;
    private final double[] min;
    private final double[] max;
    private final double[] mean;
    private final double[] sd;

    private Scaling(ScalingMethod method, double[] min, double[] max, double[] mean, double[] sd) {
        this.method = method;
        this.min = min;
        this.max = max;
        this.mean = mean;
        this.sd = sd;
    }

    private Scaling(ScalingMethod method, double[] min, double[] max) {
        this(method, min, max, new double[min.length], new double[min.length]);
    }

    /**
     * The identity map on {@code columns} columns.
     *
     * @param columns the number of columns, ≥ 0
     * @return a scaling of method {@link ScalingMethod#NONE}
     */
    public static Scaling none(int columns) {
        return new Scaling(ScalingMethod.NONE, new double[columns], new double[columns]);
    }

    /**
     * A scaling with stored ranges, as read from a model file. For {@code MAX} only {@code max} is used.
     *
     * @param method how to scale: minmax, max or none ({@link #standard} makes a standard one)
     * @param min    each column's minimum; copied
     * @param max    each column's maximum (largest absolute value for {@code MAX}); copied
     * @return the scaling
     * @throws IllegalArgumentException if the arrays differ in length or hold a non-finite value, or for
     *                                  {@code STANDARD}
     */
    public static Scaling of(ScalingMethod method, double[] min, double[] max) {
        if (method == ScalingMethod.STANDARD) {
            throw new IllegalArgumentException("a standard scaling is made of means and standard deviations");
        }
        if (min.length != max.length) {
            throw new IllegalArgumentException("scaling has " + min.length + " minima but " + max.length + " maxima");
        }
        for (int j = 0; j < min.length; j++) {
            if (!Double.isFinite(min[j]) || !Double.isFinite(max[j])) {
                throw new IllegalArgumentException("scaling range of column " + j + " is not finite");
            }
        }
        return new Scaling(method, min.clone(), max.clone());
    }

    /**
     * A standard scaling with stored means and standard deviations, as read from a model file.
     *
     * @param mean each column's training mean; copied
     * @param sd   each column's training standard deviation, ≥ 0; copied
     * @return the scaling
     * @throws IllegalArgumentException if the arrays differ in length, hold a non-finite value or a negative sd
     */
    public static Scaling standard(double[] mean, double[] sd) {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException("scaling has " + mean.length + " means but " + sd.length
                    + " standard deviations");
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j]) || !Double.isFinite(sd[j]) || sd[j] < 0) {
                throw new IllegalArgumentException("scaling of column " + j + " needs a finite mean and a finite "
                        + "standard deviation >= 0");
            }
        }
        return new Scaling(ScalingMethod.STANDARD, new double[mean.length], new double[mean.length], mean.clone(),
                sd.clone());
    }

    /**
     * Fits {@code method} on the columns of {@code data}.
     *
     * @param method how to scale
     * @param data   the training values, one column per scaled quantity; not modified
     * @return the scaling fitted on every row of {@code data}
     */
    public static Scaling fit(ScalingMethod method, Matrix data) {
        return switch (method) {
            case NONE -> none(data.cols());
            case STANDARD -> {
                ColumnMoments moments = ColumnMoments.of(data);
                yield new Scaling(method, new double[data.cols()], new double[data.cols()], moments.mean(),
                        moments.sd());
            }
            default -> fit(method, ColumnRanges.of(data));
        };
    }

    /**
     * Fits {@code method} on columns with these ranges over the training rows: the scaling
     * {@link #fit(ScalingMethod, Matrix)} fits on a matrix whose ranges they are.
     *
     * @param method how to scale
     * @param ranges the training values' ranges; not modified
     * @return the scaling
     * @throws IllegalArgumentException for {@code STANDARD}, which needs means and standard deviations
     */
    public static Scaling fit(ScalingMethod method, ColumnRanges ranges) {
        return switch (method) {
            case MINMAX -> new Scaling(method, ranges.min().clone(), ranges.max().clone());
            case MAX -> new Scaling(method, new double[ranges.columns()], ranges.maxAbs().clone());
            case STANDARD -> throw new IllegalArgumentException("standard scaling needs the columns' means and "
                    + "standard deviations, which their ranges do not give");
            case NONE -> none(ranges.columns());
        };
    }

    /**
     * How values are scaled: none, min-max to [0, 1], division by the largest absolute value, or z-scores.
     *
     * @return the method, never null
     */
    public ScalingMethod method() {
        return method;
    }

    /**
     * The number of columns this scaling applies to.
     *
     * @return ≥ 0
     */
    public int columns() {
        return min.length;
    }

    /**
     * A copy of the fitted minima (zeros for {@code MAX} and {@code NONE}).
     *
     * @return a new array of {@link #columns()} values
     */
    public double[] min() {
        return min.clone();
    }

    /**
     * A copy of the fitted maxima (largest absolute values for {@code MAX}; zeros for {@code NONE}).
     *
     * @return a new array of {@link #columns()} values
     */
    public double[] max() {
        return max.clone();
    }

    /**
     * A copy of the fitted means (zeros but for {@code STANDARD}).
     *
     * @return a new array of {@link #columns()} values
     */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * A copy of the fitted standard deviations (zeros but for {@code STANDARD}).
     *
     * @return a new array of {@link #columns()} values
     */
    public double[] standardDeviation() {
        return sd.clone();
    }

    /**
     * Column j's pre-factor s in x' = (x s - o) / d: 1, or 1/2 for a min-max range that overflows a double or a
     * standard deviation of 2^1000 or more, which are scaled on halved values (x · 0.5 and x / 2 are the same double).
     *
     * @param j the column, in [0, {@link #columns()})
     * @return 1 or 0.5
     */
    public double factor(int j) {
        return halved(j) ? 0.5 : 1.0;
    }

    /**
     * Column j's offset o in x' = (x s - o) / d: min (minmax), the mean (standard), each halved on halved values, or
     * 0.
     *
     * @param j the column, in [0, {@link #columns()})
     * @return o, finite
     */
    public double offset(int j) {
        return switch (method) {
            case MINMAX -> halved(j) ? min[j] / 2 : min[j];
            case STANDARD -> halved(j) ? mean[j] / 2 : mean[j];
            case MAX, NONE -> 0.0;
        };
    }

    /**
     * Column j's divisor d in x' = (x s - o) / d: max - min (max/2 - min/2 on halved values), max, the standard
     * deviation (sd/2 on halved values), or 1 (also for a constant column).
     *
     * @param j the column, in [0, {@link #columns()})
     * @return d, finite and nonzero
     */
    public double divisor(int j) {
        if (halved(j)) {
            return method == ScalingMethod.STANDARD ? sd[j] / 2 : max[j] / 2 - min[j] / 2;
        }
        double d = switch (method) {
            case MINMAX -> max[j] - min[j];
            case MAX -> max[j];
            case STANDARD -> sd[j];
            case NONE -> 1.0;
        };
        return d == 0.0 ? 1.0 : d;
    }

    /**
     * Whether column j is scaled on halved values (exact at that size): a min-max range that overflows a double, or a
     * standard deviation of 2^1000 or more.
     */
    private boolean halved(int j) {
        return switch (method) {
            case MINMAX -> Double.isInfinite(max[j] - min[j]);
            case STANDARD -> Math.getExponent(sd[j]) >= HALVED_SD_EXPONENT;
            case MAX, NONE -> false;
        };
    }

    /**
     * x' for every value of {@code data}.
     *
     * @param data values in the data's own units, one column per scaled column; not modified
     * @return a new matrix of the same shape; NaN stays NaN
     * @throws IllegalArgumentException if the column counts differ
     */
    public Matrix apply(Matrix data) {
        return Matrix.wrap(data.rows(), data.cols(), applyToArray(data));
    }

    /**
     * x' for every value of {@code data}, as {@link #apply(Matrix)} gives them, in a new row-major array: the one
     * copy a trainer keeps.
     *
     * @param data values in the data's own units, one column per scaled column; not modified
     * @return a new array of rows x cols values, row-major; NaN stays NaN
     * @throws IllegalArgumentException if the column counts differ
     */
    public double[] applyToArray(Matrix data) {
        return new ColumnAffine(this).forward(data);
    }

    /**
     * x' for every value of the row-major {@code values}, as {@link #apply(Matrix)} gives them, written over them: for
     * a caller that owns the array (see {@link Matrix#release()}) and needs no copy.
     *
     * @param values rows of {@link #columns()} values each, row-major, in the data's own units; modified
     * @throws IllegalArgumentException if the length is not a multiple of the column count
     */
    public void applyInPlace(double[] values) {
        new ColumnAffine(this).forwardInPlace(values);
    }

    /**
     * The inverse map, x = (x' d + o) / s, taking network outputs back to the data's own units.
     *
     * @param scaled scaled values, such as network outputs; not modified
     * @return a new matrix of the same shape; NaN stays NaN
     * @throws IllegalArgumentException if the column counts differ
     */
    public Matrix invert(Matrix scaled) {
        return Matrix.wrap(scaled.rows(), scaled.cols(), new ColumnAffine(this).inverse(scaled));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scaling s && method == s.method && Arrays.equals(min, s.min) && Arrays.equals(max, s.max)
                && Arrays.equals(mean, s.mean) && Arrays.equals(sd, s.sd);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, Arrays.hashCode(min), Arrays.hashCode(max), Arrays.hashCode(mean),
                Arrays.hashCode(sd));
    }

    @Override
    public String toString() {
        return "Scaling(" + method.id() + ")";
    }
}
