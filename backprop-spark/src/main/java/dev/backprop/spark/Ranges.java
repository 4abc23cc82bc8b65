package dev.backprop.spark;

import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.nn.Loss;

import java.util.List;
import java.util.Locale;

/**
 * Each column's min, max and max |x| over the training rows, found by Spark aggregations: all {@link Scaling#fit}
 * reads from a matrix, so the scalings built here equal the core's on the same values (min and max do not depend on
 * the order of the rows).
 *
 * @param min    each column's smallest value
 * @param max    each column's largest value
 * @param maxAbs each column's largest absolute value
 */
record Ranges(double[] min, double[] max, double[] maxAbs) {
    /** The scaling {@code method} fits on these columns, as {@link Scaling#fit} would. */
    Scaling scaling(ScalingMethod method) {
        return switch (method) {
            case MINMAX -> Scaling.of(method, min, max);
            case MAX -> Scaling.of(method, new double[maxAbs.length], maxAbs);
            case NONE -> Scaling.none(min.length);
        };
    }

    /**
     * The target scaling for {@code loss}: none for the cross-entropies, whose targets are probabilities, as the
     * core's trainer does; otherwise {@code method}'s.
     *
     * @throws IllegalArgumentException if a cross-entropy target lies outside [0, 1], naming the column
     */
    Scaling targetScaling(ScalingMethod method, Loss loss, List<String> names) {
        if (!loss.crossEntropy()) {
            return scaling(method);
        }
        for (int j = 0; j < min.length; j++) {
            if (!(min[j] >= 0 && max[j] <= 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s needs targets in [0, 1] but column %s has values from %s to %s", loss.id(),
                        names.get(j), min[j], max[j]));
            }
        }
        return Scaling.none(min.length);
    }
}
