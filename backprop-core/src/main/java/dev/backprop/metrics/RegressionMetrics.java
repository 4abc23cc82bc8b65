package dev.backprop.metrics;

import dev.backprop.linalg.Matrix;

/**
 * How far predictions are from targets, in the target's own units, over all rows and output columns:
 * MSE = mean (y - ŷ)², RMSE = √MSE, MAE = mean |y - ŷ|, R² = 1 - Σ(y - ŷ)² / Σ(y - ȳ)² with ȳ each column's mean
 * (R² is NaN when every target is the same, since it then measures nothing).
 *
 * @param mse  mean squared error
 * @param rmse root mean squared error
 * @param mae  mean absolute error
 * @param r2   coefficient of determination
 */
public record RegressionMetrics(double mse, double rmse, double mae, double r2) {

    /**
     * Compares {@code predicted} with {@code target}.
     *
     * @param predicted predictions, n x k; not modified
     * @param target    true values, the same shape; not modified
     * @return the metrics
     * @throws IllegalArgumentException if the shapes differ or there are no rows
     */
    public static RegressionMetrics of(Matrix predicted, Matrix target) {
        if (predicted.rows() != target.rows() || predicted.cols() != target.cols()) {
            throw new IllegalArgumentException("predictions are " + predicted.shape() + " but targets are "
                    + target.shape());
        }
        int n = target.rows();
        int k = target.cols();
        if (n == 0) {
            throw new IllegalArgumentException("there are no rows to evaluate");
        }
        double[] y = target.toArray();
        double[] yhat = predicted.toArray();
        double[] mean = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                mean[j] += y[i * k + j] / n;
            }
        }
        double squared = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < n * k; i++) {
            double r = y[i] - yhat[i];
            squared += r * r;
            absolute += Math.abs(r);
            double d = y[i] - mean[i % k];
            total += d * d;
        }
        double mse = squared / (n * k);
        return new RegressionMetrics(mse, Math.sqrt(mse), absolute / (n * k),
                total == 0 ? Double.NaN : 1 - squared / total);
    }

    /**
     * The rows of {@code predicted} holding a value that is not a finite number: inputs far outside the training
     * range overflowed the network's sums there, and every mean over the rows is NaN or infinite because of them.
     *
     * @param predicted predictions, n x k; not modified
     * @return how many of the n rows hold an infinite or NaN prediction
     */
    public static int notFiniteRows(Matrix predicted) {
        int rows = 0;
        for (int i = 0; i < predicted.rows(); i++) {
            for (int t = 0; t < predicted.cols(); t++) {
                if (!Double.isFinite(predicted.get(i, t))) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }
}
