/**
 * Scores of predictions against targets: {@link dev.backprop.metrics.RegressionMetrics} for numbers,
 * {@link dev.backprop.metrics.ClassificationMetrics} (accuracy, per-class precision, recall and F1, log loss,
 * confusion matrix) for classes. Immutable.
 */
package dev.backprop.metrics;
