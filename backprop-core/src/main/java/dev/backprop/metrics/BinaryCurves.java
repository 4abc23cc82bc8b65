package dev.backprop.metrics;

import java.util.Arrays;

/**
 * The ROC and precision-recall curves of a score for a two-class task, and the areas under them, computed as
 * scikit-learn computes {@code roc_curve}, {@code roc_auc_score}, {@code precision_recall_curve} and
 * {@code average_precision_score}. Rows are sorted by score, highest first; each distinct score t is a threshold
 * (a row is called positive when its score is ≥ t), and TP(t), FP(t) count the positive and negative rows at or above
 * it. With P positives and N negatives:
 * <ul>
 *   <li>ROC: false-positive rate FPR = FP/N against true-positive rate TPR = TP/P, from (0, 0) (a threshold above
 *       every score, +∞) through one point per threshold to (1, 1); AUC by the trapezoidal rule, which equals the
 *       probability that a random positive scores above a random negative, ties counting one half.</li>
 *   <li>Precision-recall: precision TP/(TP + FP) against recall TP/P, one point per threshold from the highest,
 *       then the point (recall 0, precision 1) that scikit-learn appends; its area is the average precision
 *       AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ over the thresholds from the highest (R₀ = 0), a step function with no interpolation.
 *       </li>
 * </ul>
 * Immutable apart from its arrays, which callers must not modify.
 *
 * @param rocThresholds    the ROC's thresholds: +∞, then each distinct score, highest first
 * @param falsePositiveRate FPR at each ROC threshold, non-decreasing from 0 to 1
 * @param truePositiveRate  TPR at each ROC threshold, non-decreasing from 0 to 1
 * @param rocAuc            the area under the ROC curve, in [0, 1]
 * @param prThresholds      each distinct score, highest first (the appended point has none)
 * @param precision         precision at each threshold of {@code prThresholds}, then 1
 * @param recall            recall at each threshold of {@code prThresholds}, then 0
 * @param averagePrecision  the area under the precision-recall curve as a step function, in [0, 1]
 */
public record BinaryCurves(double[] rocThresholds, double[] falsePositiveRate, double[] truePositiveRate,
                           double rocAuc, double[] prThresholds, double[] precision, double[] recall,
                           double averagePrecision) {
    /**
     * The curves of {@code score} against {@code positive}.
     *
     * @param score    each row's score for the positive class (a probability, or any number that grows with it);
     *                 not modified
     * @param positive whether each row is of the positive class; not modified
     * @return the curves and their areas
     * @throws IllegalArgumentException if the lengths differ, a score is NaN, or the rows are not of both classes
     *                                  (the curves need at least one positive and one negative)
     */
    public static BinaryCurves of(double[] score, boolean[] positive) {
        int n = score.length;
        if (positive.length != n) {
            throw new IllegalArgumentException(n + " scores but " + positive.length + " labels");
        }
        Integer[] order = new Integer[n];
        long positives = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(score[i])) {
                throw new IllegalArgumentException("the score of row " + (i + 1) + " is NaN");
            }
            order[i] = i;
            positives += positive[i] ? 1 : 0;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC and precision-recall curves need rows of both classes, but all "
                    + n + " are " + (positives == 0 ? "negative" : "positive"));
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        // One point per distinct score: the counts once every row with that score is in.
        double[] thresholds = new double[n];
        long[] tp = new long[n];
        long[] fp = new long[n];
        int points = 0;
        long tps = 0;
        long fps = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            tps += positive[i] ? 1 : 0;
            fps += positive[i] ? 0 : 1;
            if (r == n - 1 || score[order[r + 1]] != score[i]) {
                thresholds[points] = score[i];
                tp[points] = tps;
                fp[points] = fps;
                points++;
            }
        }
        double[] rocThresholds = new double[points + 1];
        double[] fpr = new double[points + 1];
        double[] tpr = new double[points + 1];
        rocThresholds[0] = Double.POSITIVE_INFINITY;
        double auc = 0;
        for (int t = 0; t < points; t++) {
            rocThresholds[t + 1] = thresholds[t];
            fpr[t + 1] = (double) fp[t] / negatives;
            tpr[t + 1] = (double) tp[t] / positives;
            auc += (fpr[t + 1] - fpr[t]) * (tpr[t + 1] + tpr[t]) / 2;
        }
        double[] precision = new double[points + 1];
        double[] recall = new double[points + 1];
        double ap = 0;
        double previousRecall = 0;
        for (int t = 0; t < points; t++) {
            precision[t] = (double) tp[t] / (tp[t] + fp[t]);
            recall[t] = (double) tp[t] / positives;
            ap += (recall[t] - previousRecall) * precision[t];
            previousRecall = recall[t];
        }
        precision[points] = 1;
        recall[points] = 0;
        return new BinaryCurves(rocThresholds, fpr, tpr, auc, Arrays.copyOf(thresholds, points), precision, recall,
                ap);
    }
}
