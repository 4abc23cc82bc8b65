package dev.backprop.data;

import dev.backprop.linalg.Matrix;

/**
 * Each column's mean and population standard deviation over some rows: what a standard {@link Scaling} is fitted
 * from. The arrays are the caller's, not copied.
 *
 * @param mean each column's mean, mean_j = Σ_i x_ij / n
 * @param sd   each column's standard deviation, sd_j = √(Σ_i (x_ij - mean_j)² / n)
 */
record ColumnMoments(double[] mean, double[] sd) {
    /**
     * The moments of the columns of {@code data}, in two passes (the mean first, then the squared deviations from
     * it), so no cancellation; all zeros when it has no rows. A NaN value makes its column's moments NaN.
     *
     * @param data the values, one column per scaled quantity; not modified
     * @return the moments
     */
    static ColumnMoments of(Matrix data) {
        int n = data.rows();
        int cols = data.cols();
        double[] mean = new double[cols];
        double[] sd = new double[cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                mean[j] += data.get(i, j);
            }
        }
        for (int j = 0; j < cols; j++) {
            mean[j] = n == 0 ? 0 : mean[j] / n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                double d = data.get(i, j) - mean[j];
                sd[j] += d * d;
            }
        }
        for (int j = 0; j < cols; j++) {
            sd[j] = n == 0 ? 0 : Math.sqrt(sd[j] / n);
        }
        return new ColumnMoments(mean, sd);
    }
}
