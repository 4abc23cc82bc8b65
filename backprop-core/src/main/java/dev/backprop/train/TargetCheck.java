package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.nn.Loss;

import java.util.Locale;

/**
 * Checks, once before training, that the targets suit the loss: the cross-entropies read them as probabilities, so
 * every value must lie in [0, 1], and for categorical cross-entropy each row must sum to 1 (one-hot, or a
 * distribution) within 1e-6. The squared errors take any finite target.
 */
final class TargetCheck {
    private static final double SUM_TOLERANCE = 1e-6;

    private TargetCheck() {
    }

    /**
     * @throws IllegalArgumentException naming the first offending row and column (1-based) and its value
     */
    static void check(Loss loss, Dataset data) {
        if (!loss.crossEntropy()) {
            return;
        }
        double[] y = data.y().toArray();
        int cols = data.y().cols();
        for (int i = 0; i < data.rows(); i++) {
            double sum = 0.0;
            for (int j = 0; j < cols; j++) {
                double v = y[i * cols + j];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s needs targets in [0, 1] but row %d, column %s is %s", loss.id(), i + 1,
                            data.targetNames().get(j), v));
                }
                sum += v;
            }
            if (loss == Loss.CATEGORICAL_CROSS_ENTROPY && Math.abs(sum - 1.0) > SUM_TOLERANCE) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s needs one-hot targets (each row sums to 1) but row %d sums to %s", loss.id(), i + 1,
                        sum));
            }
        }
    }
}
