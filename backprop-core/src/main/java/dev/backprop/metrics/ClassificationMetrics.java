package dev.backprop.metrics;

import dev.backprop.linalg.Matrix;

import java.util.List;

/**
 * How well predicted class probabilities match true classes. The predicted class of a row is the one with the highest
 * probability (the first on ties). Per class c: precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = their
 * harmonic mean; a class never predicted (or never present) has precision (or recall) 0, as scikit-learn reports with
 * {@code zero_division=0}. Log loss = -(1/n) Σ log p(true class), with p clipped to [1e-15, 1] so one confident
 * mistake is large but finite.
 *
 * @param classes   class names, in output order
 * @param confusion counts[actual][predicted]
 * @param accuracy  the fraction of rows whose predicted class is the true one
 * @param precision per class
 * @param recall    per class
 * @param f1        per class
 * @param logLoss   mean negative log-probability of the true class
 */
public record ClassificationMetrics(List<String> classes, long[][] confusion, double accuracy, double[] precision,
                                    double[] recall, double[] f1, double logLoss) {
    private static final double CLIP = 1e-15;

    /**
     * Scores {@code probabilities} (n x k) against {@code actual} class indices (n; -1 marks a class unseen in
     * training, which counts as an error and with probability {@value #CLIP} in the log loss).
     *
     * @param classes       the class names, one per column of {@code probabilities}
     * @param probabilities predicted class probabilities, n x k; not modified
     * @param actual        the true class index of each row, in [-1, k); not modified
     * @return the metrics
     * @throws IllegalArgumentException if the shapes disagree or there are no rows
     */
    public static ClassificationMetrics of(List<String> classes, Matrix probabilities, int[] actual) {
        int n = probabilities.rows();
        int k = classes.size();
        if (probabilities.cols() != k || actual.length != n) {
            throw new IllegalArgumentException("probabilities are " + probabilities.shape() + " for " + k
                    + " classes and " + actual.length + " rows");
        }
        if (n == 0) {
            throw new IllegalArgumentException("there are no rows to evaluate");
        }
        long[][] confusion = new long[k][k];
        long correct = 0;
        double logLoss = 0;
        for (int i = 0; i < n; i++) {
            int predicted = argmax(probabilities, i);
            int truth = actual[i];
            if (truth >= 0) {
                confusion[truth][predicted]++;
                correct += truth == predicted ? 1 : 0;
            }
            double p = truth >= 0 ? probabilities.get(i, truth) : 0;
            logLoss -= Math.log(Math.min(1, Math.max(CLIP, p)));
        }
        double[] precision = new double[k];
        double[] recall = new double[k];
        double[] f1 = new double[k];
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long predictedC = 0;
            long actualC = 0;
            for (int o = 0; o < k; o++) {
                predictedC += confusion[o][c];
                actualC += confusion[c][o];
            }
            precision[c] = predictedC == 0 ? 0 : (double) tp / predictedC;
            recall[c] = actualC == 0 ? 0 : (double) tp / actualC;
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
        }
        return new ClassificationMetrics(List.copyOf(classes), confusion, (double) correct / n, precision, recall, f1,
                logLoss / n);
    }

    /**
     * The index of the largest value in row i (the first on ties).
     *
     * @param m a matrix with at least one column
     * @param i a row index
     * @return the column index in [0, m.cols()); a NaN is never chosen unless it is in column 0
     */
    public static int argmax(Matrix m, int i) {
        int best = 0;
        for (int c = 1; c < m.cols(); c++) {
            if (m.get(i, c) > m.get(i, best)) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The unweighted mean of the per-class F1 scores.
     *
     * @return macro-F1 in [0, 1]
     */
    public double macroF1() {
        double sum = 0;
        for (double v : f1) {
            sum += v;
        }
        return sum / f1.length;
    }
}
