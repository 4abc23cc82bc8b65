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
 * distributed passes do the same in three more passes over the blocks, run only when {@link #overflowed} says so:
 * {@link #addLargestMagnitudes}, then {@link #addSums(double[], int, double[], double[])} and
 * {@link #addSquaredDeviations(double[], int, double[], double[], double[])} on the values divided by
 * {@link #divisors}, and {@link #rescaled(double[], double[], long, double[], ColumnMoments)}.
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
     * Whether a column's moments came out infinite or NaN (its sums overflowed, or it holds a NaN or an infinity).
     *
     * @return true if any column's mean or sd is not finite
     */
    public boolean overflowed() {
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j]) || !Double.isFinite(sd[j])) {
                return true;
            }
        }
        return false;
    }

    /**
     * For the passes after an overflow: raises each column's entry of {@code largest} to its largest |x_ij|. Only
     * {@code largest} is modified.
     *
     * @param x       the values, row-major with {@code largest.length} columns; not modified
     * @param rows    the rows of {@code x} to look at
     * @param largest one running maximum per column, starting at 0
     */
    public static void addLargestMagnitudes(double[] x, int rows, double[] largest) {
        int cols = largest.length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                largest[j] = Math.max(largest[j], Math.abs(x[i * cols + j]));
            }
        }
    }

    /**
     * Each column's divisor c_j: the power of two at or below its largest magnitude (as {@link #of(Matrix)} divides
     * by), or 1 for a column of zeros or one that holds an infinity or NaN (whose moments stay non-finite).
     *
     * @param largest each column's largest |x|; not modified
     * @return a new array of divisors
     */
    public static double[] divisors(double[] largest) {
        double[] c = new double[largest.length];
        for (int j = 0; j < c.length; j++) {
            c[j] = largest[j] > 0 && Double.isFinite(largest[j]) ? Math.scalb(1.0, Math.getExponent(largest[j])) : 1;
        }
        return c;
    }

    /**
     * {@link #addSums(double[], int, double[])} on the values divided by {@code divisors}: Σ_i x_ij / c_j, which
     * cannot overflow. Only {@code sums} is modified.
     *
     * @param x        the values, row-major with {@code sums.length} columns; not modified
     * @param rows     the rows of {@code x} to add
     * @param divisors each column's c_j, from {@link #divisors}; not modified
     * @param sums     one running sum per column
     */
    public static void addSums(double[] x, int rows, double[] divisors, double[] sums) {
        int cols = sums.length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sums[j] += x[i * cols + j] / divisors[j];
            }
        }
    }

    /**
     * {@link #addSquaredDeviations(double[], int, double[], double[])} on the values divided by {@code divisors}:
     * Σ_i (x_ij / c_j - m_j)² with m_j the mean of x_ij / c_j. Only {@code squares} is modified.
     *
     * @param x          the values, row-major with {@code squares.length} columns; not modified
     * @param rows       the rows of {@code x} to add
     * @param divisors   each column's c_j; not modified
     * @param scaledMean each column's mean of x / c_j over all rows; not modified
     * @param squares    one running sum per column
     */
    public static void addSquaredDeviations(double[] x, int rows, double[] divisors, double[] scaledMean,
                                            double[] squares) {
        int cols = squares.length;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double d = x[i * cols + j] / divisors[j] - scaledMean[j];
                squares[j] += d * d;
            }
        }
    }

    /**
     * Writes into {@code moments}, for each column whose moments were not finite, those found from its values divided
     * by c_j: mean_j = c_j · m_j and sd_j = c_j · √(squares_j / n), as {@link #of(Matrix)} does. The other columns
     * keep their moments.
     *
     * @param scaledMean each column's mean of x / c_j; not modified
     * @param squares    each column's Σ (x / c_j - m_j)²; not modified
     * @param n          the rows, ≥ 1
     * @param divisors   each column's c_j; not modified
     * @param moments    the moments of the first two passes; modified
     */
    public static void rescaled(double[] scaledMean, double[] squares, long n, double[] divisors,
                                ColumnMoments moments) {
        for (int j = 0; j < divisors.length; j++) {
            if (!Double.isFinite(moments.mean[j]) || !Double.isFinite(moments.sd[j])) {
                moments.mean[j] = scaledMean[j] * divisors[j];
                moments.sd[j] = Math.sqrt(squares[j] / n) * divisors[j];
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
