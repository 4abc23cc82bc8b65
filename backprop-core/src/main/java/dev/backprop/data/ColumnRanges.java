package dev.backprop.data;

import dev.backprop.linalg.Matrix;

import java.util.Arrays;

/**
 * Each column's smallest value, largest value and largest absolute value over some rows: all that
 * {@link Scaling#fit(ScalingMethod, ColumnRanges)} reads from training data. {@link #of} finds them in a matrix; a
 * distributed trainer, which never holds the matrix, finds them with its own aggregations (min and max do not depend
 * on the order of the rows) and fits the same scaling. The arrays are the caller's, not copied.
 *
 * @param min    each column's smallest value
 * @param max    each column's largest value
 * @param maxAbs each column's largest absolute value
 */
public record ColumnRanges(double[] min, double[] max, double[] maxAbs) {
    /**
     * The ranges of the columns of {@code data}; all zeros when it has no rows. A NaN value makes its column's
     * ranges NaN.
     *
     * @param data the values, one column per scaled quantity; not modified
     * @return the ranges
     */
    public static ColumnRanges of(Matrix data) {
        int cols = data.cols();
        double[] min = new double[cols];
        double[] max = new double[cols];
        double[] maxAbs = new double[cols];
        if (data.rows() > 0) {
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            Arrays.fill(maxAbs, Double.NEGATIVE_INFINITY);
            // Read in place: copying the data only to read it would allocate its size once more.
            for (int i = 0; i < data.rows(); i++) {
                for (int j = 0; j < cols; j++) {
                    double v = data.get(i, j);
                    min[j] = Math.min(min[j], v);
                    max[j] = Math.max(max[j], v);
                    maxAbs[j] = Math.max(maxAbs[j], Math.abs(v));
                }
            }
        }
        return new ColumnRanges(min, max, maxAbs);
    }

    /**
     * The number of columns.
     *
     * @return ≥ 0
     */
    public int columns() {
        return min.length;
    }
}
