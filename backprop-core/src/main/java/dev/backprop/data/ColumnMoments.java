package dev.backprop.data;

import dev.backprop.linalg.Matrix;

/**
 * Each column's mean and population standard deviation over some rows: what a standard {@link Scaling} is fitted
 * from. {@link #of} finds them in a matrix in two passes (the mean first, then the squared deviations from it), so
 * no cancellation. A distributed trainer, which never holds the matrix, makes the same two passes over its blocks of
 * rows: {@link #addSums} into one array per block, the arrays added up, {@link #means}; then
 * {@link #addSquaredDeviations} likewise and {@link #of(double[], double[], long)}. The arrays are the caller's, not
 * copied.
 * <p>
 * Finite values always give a finite mean and sd, however large: the mean lies between the smallest and largest value
 * and the sd is at most the largest distance from it, but the sums that find them can overflow (Σ x past 1.8e308, or
 * a deviation past 1.3e154, whose square does). {@link #of(Matrix)} then finds that column's moments again from its
 * values divided by a power of two near their largest magnitude, exactly, and scales the results back. The
 * distributed passes do not, and leave such a column's moments infinite or NaN.
 *
 * @param mean each column's mean, mean_j = Σ_i x_ij / n
 * @param sd   each column's standard deviation, sd_j = √(Σ_i (x_ij - mean_j)² / n)
 */
public record ColumnMoments(double[] mean, double[] sd) {
    /**
     * The moments of the columns of {@code data}; all zeros when it has no rows. A NaN value makes its column's
     * moments NaN.
     *
     * @param data the values, one column per scaled quantity; not modified
     * @return the moments
     */
    public static ColumnMoments of(Matrix data) {
        // The two passes' sums in their order, read in place: a copy of the matrix would double a fit's memory.
        int n = data.rows();
        int cols = data.cols();
        double[] sums = new double[cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                sums[j] += data.get(i, j);
            }
        }
        double[] mean = means(sums, n);
        double[] squares = new double[cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                double d = data.get(i, j) - mean[j];
                squares[j] += d * d;
            }
        }
        ColumnMoments moments = of(mean, squares, n);
        for (int j = 0; j < cols; j++) {
            if (!Double.isFinite(moments.mean[j]) || !Double.isFinite(moments.sd[j])) {
                rescaled(data, j, moments);
            }
        }
        return moments;
    }

    /**
     * Column j's moments found again from x / c, with c the power of two at or below its largest magnitude, so that
     * neither Σ (x / c) nor any (x / c - mean / c)² can overflow; mean = c · Σ (x / c) / n and
     * sd = c · √(Σ (x / c - mean / c)² / n). Dividing by a power of two is exact (but for values under 2^-1022 c,
     * which add nothing at that scale). Written into {@code moments}; a column holding NaN or an infinity keeps its
     * non-finite moments.
     */
    private static void rescaled(Matrix data, int j, ColumnMoments moments) {
        int n = data.rows();
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(data.get(i, j)));
        }
        if (!Double.isFinite(maxAbs)) {
            return;
        }
        double c = Math.scalb(1.0, Math.getExponent(maxAbs));
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += data.get(i, j) / c;
        }
        double scaledMean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = data.get(i, j) / c - scaledMean;
            squares += d * d;
        }
        moments.mean[j] = scaledMean * c;
        moments.sd[j] = Math.sqrt(squares / n) * c;
    }

    /**
     * The first pass: adds each column's Σ_i x_ij into {@code sums}, row by row. Only {@code sums} is modified.
     *
     * @param x    the values, row-major with {@code sums.length} columns; not modified
     * @param rows the rows of {@code x} to add
     * @param sums one running sum per column
     */
    public static void addSums(double[] x, int rows, double[] sums) {
        int cols = sums.length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sums[j] += x[i * cols + j];
            }
        }
    }

    /**
     * The means from the first pass's sums over n rows.
     *
     * @param sums each column's Σ_i x_ij; not modified
     * @param n    the rows, ≥ 0
     * @return a new array of sums / n, zeros for n = 0
     */
    public static double[] means(double[] sums, long n) {
        double[] mean = new double[sums.length];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = n == 0 ? 0 : sums[j] / n;
        }
        return mean;
    }

    /**
     * The second pass: adds each column's Σ_i (x_ij - mean_j)² into {@code squares}, row by row. Only
     * {@code squares} is modified.
     *
     * @param x       the values, row-major with {@code squares.length} columns; not modified
     * @param rows    the rows of {@code x} to add
     * @param mean    the columns' means over all rows; not modified
     * @param squares one running sum per column
     */
    public static void addSquaredDeviations(double[] x, int rows, double[] mean, double[] squares) {
        int cols = squares.length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double d = x[i * cols + j] - mean[j];
                squares[j] += d * d;
            }
        }
    }

    /**
     * The moments from both passes' results over n rows.
     *
     * @param mean    the means; kept, not copied
     * @param squares each column's Σ_i (x_ij - mean_j)²; not modified
     * @param n       the rows, ≥ 0
     * @return the moments, sd_j = √(squares_j / n) (0 for n = 0)
     */
    public static ColumnMoments of(double[] mean, double[] squares, long n) {
        double[] sd = new double[squares.length];
        for (int j = 0; j < sd.length; j++) {
            sd[j] = n == 0 ? 0 : Math.sqrt(squares[j] / n);
        }
        return new ColumnMoments(mean, sd);
    }
}
