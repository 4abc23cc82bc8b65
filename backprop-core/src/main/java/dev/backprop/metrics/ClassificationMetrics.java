package dev.backprop.metrics;

import dev.backprop.linalg.Matrix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well predicted class probabilities match true classes. The predicted class of a row is the one with the highest
 * probability (the first on ties). Per class c: precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = their
 * harmonic mean; a class never predicted (or never present) has precision (or recall) 0, as scikit-learn reports with
 * {@code zero_division=0}. Log loss = -(1/n) Σ log p(true class), with p clipped to [1e-15, 1] so one confident
 * mistake is large but finite.
 * <p>
 * A row whose probabilities hold a NaN (inputs so far outside the training range that the network's sums
 * overflowed) has no most probable class: it is <em>unanswered</em>, an error that predicts no class. It counts
 * against accuracy and its class's recall, in no column of the confusion matrix (but in {@link #unanswered()}), and
 * adds the log loss of probability 1e-15, as a confident mistake does.
 *
 * @param classes      class names: the model's, in output order, then any actual classes the model never saw
 * @param modelClasses how many of {@code classes} are the model's (the columns of its probabilities)
 * @param confusion    counts[actual][predicted], square over {@code classes}; an unanswered row is in no column
 * @param unanswered   per actual class, the rows with NaN probabilities, which predict no class
 * @param accuracy     the fraction of rows whose predicted class is the true one
 * @param precision    per class
 * @param recall       per class
 * @param f1           per class
 * @param logLoss      mean negative log-probability of the true class
 */
public record ClassificationMetrics(List<String> classes, int modelClasses, long[][] confusion, long[] unanswered,
                                    double accuracy, double[] precision, double[] recall, double[] f1,
                                    double logLoss) {
    private static final double CLIP = 1e-15;

    /**
     * Scores {@code probabilities} (n x k) against the true class name of each row. A name that is not one of the k
     * {@code classes} is a class the model never saw: each of its rows is an error (in accuracy, and with
     * probability {@value #CLIP} in the log loss), and the class is appended to {@link #classes()}, after the k model
     * classes and in order of first appearance, with its own row of the confusion matrix, an all-zero column
     * (nothing predicts it), precision, recall and F1 of 0, and its share of the macro F1.
     *
     * @param classes       the model's class names, one per column of {@code probabilities}
     * @param probabilities predicted class probabilities, n x k; not modified
     * @param actual        the true class name of each row, n non-null names; not modified
     * @return the metrics
     * @throws IllegalArgumentException if the shapes disagree, there are no rows, or a name is null
     */
    public static ClassificationMetrics of(List<String> classes, Matrix probabilities, String[] actual) {
        int n = probabilities.rows();
        int k = classes.size();
        if (probabilities.cols() != k || actual.length != n) {
            throw new IllegalArgumentException("probabilities are " + probabilities.shape() + " for " + k
                    + " classes and " + actual.length + " rows");
        }
        if (n == 0) {
            throw new IllegalArgumentException("there are no rows to evaluate");
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String name : classes) {
            index.putIfAbsent(name, index.size());
        }
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            if (actual[i] == null) {
                throw new IllegalArgumentException("row " + i + " has no class");
            }
            truth[i] = index.computeIfAbsent(actual[i], name -> index.size());
        }
        int all = index.size();
        long[][] confusion = new long[all][all];
        long[] unanswered = new long[all];
        long correct = 0;
        double logLoss = 0;
        for (int i = 0; i < n; i++) {
            if (answered(probabilities, i)) {
                int predicted = argmax(probabilities, i);
                confusion[truth[i]][predicted]++;
                correct += truth[i] == predicted ? 1 : 0;
                double p = truth[i] < k ? probabilities.get(i, truth[i]) : 0;
                logLoss -= Math.log(Math.min(1, Math.max(CLIP, p)));
            } else {
                unanswered[truth[i]]++;
                logLoss -= Math.log(CLIP);
            }
        }
        double[] precision = new double[all];
        double[] recall = new double[all];
        double[] f1 = new double[all];
        for (int c = 0; c < all; c++) {
            long tp = confusion[c][c];
            long predictedC = 0;
            long actualC = unanswered[c];
            for (int o = 0; o < all; o++) {
                predictedC += confusion[o][c];
                actualC += confusion[c][o];
            }
            precision[c] = predictedC == 0 ? 0 : (double) tp / predictedC;
            recall[c] = actualC == 0 ? 0 : (double) tp / actualC;
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
        }
        return new ClassificationMetrics(List.copyOf(index.keySet()), k, confusion, unanswered, (double) correct / n,
                precision, recall, f1, logLoss / n);
    }

    /**
     * Whether row i's probabilities are all numbers, so that it has a most probable class (a row with a NaN is
     * unanswered).
     *
     * @param probabilities class probabilities, one row per example; not modified
     * @param i             a row index
     * @return false if any of the row's probabilities is NaN
     */
    public static boolean answered(Matrix probabilities, int i) {
        for (int c = 0; c < probabilities.cols(); c++) {
            if (Double.isNaN(probabilities.get(i, c))) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many rows have NaN probabilities and so predict no class.
     *
     * @return the sum of {@link #unanswered()}
     */
    public long unansweredRows() {
        long sum = 0;
        for (long count : unanswered) {
            sum += count;
        }
        return sum;
    }

    /**
     * The rows of class {@code c}: its row of the confusion matrix and its unanswered rows.
     *
     * @param c an index into {@link #classes()}
     * @return the class's support
     */
    public long support(int c) {
        long support = unanswered[c];
        for (long count : confusion[c]) {
            support += count;
        }
        return support;
    }

    /**
     * The classes of {@link #classes()} that the model never saw (after its own), in order of first appearance.
     *
     * @return the unseen class names, empty when every actual class is one of the model's
     */
    public List<String> unseenClasses() {
        return classes.subList(modelClasses, classes.size());
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
     * Balanced accuracy: the mean of the per-class recalls over the classes that have rows, as scikit-learn's
     * {@code balanced_accuracy_score}; unlike accuracy it does not reward a model for always predicting the
     * majority class (that scores 1/k with k classes).
     *
     * @return in [0, 1]
     */
    public double balancedAccuracy() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < recall.length; c++) {
            if (support(c) > 0) {
                sum += recall[c];
                present++;
            }
        }
        return sum / present;
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
