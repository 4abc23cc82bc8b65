package dev.backprop.train;

import dev.backprop.data.ColumnRanges;
import dev.backprop.data.Dataset;
import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Loss;

import java.util.List;
import java.util.Locale;

/**
 * What the loss asks of the targets: the cross-entropies read them as probabilities, so every value must lie in
 * [0, 1], for categorical cross-entropy each row must sum to 1 (one-hot, or a distribution) within
 * {@value #SUM_TOLERANCE}, and they are not scaled; the squared errors take any finite target, scaled as the inputs
 * are. Checked once before training, on rows in this JVM ({@code check}) or from their ranges ({@link #scaling}).
 */
public final class TargetCheck {
    /** How far a row's targets may sum from 1 for categorical cross-entropy. */
    public static final double SUM_TOLERANCE = 1e-6;

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

    /**
     * The targets' scaling for {@code loss}, fitted on the training targets themselves (a standard scaling needs
     * their means and deviations, not only their ranges): none for the cross-entropies, otherwise {@code method}'s.
     *
     * @param method  the configured scaling
     * @param loss    the network's loss
     * @param targets the training targets; not modified
     * @param names   the targets' names, for the message
     * @return the scaling the trainer applies to the targets
     * @throws IllegalArgumentException if a cross-entropy target lies outside [0, 1], naming the column
     */
    public static Scaling scaling(ScalingMethod method, Loss loss, Matrix targets, List<String> names) {
        return loss.crossEntropy() ? scaling(method, loss, ColumnRanges.of(targets), names)
                : Scaling.fit(method, targets);
    }

    /**
     * The targets' scaling for {@code loss}: none for the cross-entropies, otherwise {@code method}'s.
     *
     * @param method the configured scaling
     * @param loss   the network's loss
     * @param ranges the training targets' ranges
     * @param names  the targets' names, for the message
     * @return the scaling the trainer applies to the targets
     * @throws IllegalArgumentException if a cross-entropy target lies outside [0, 1], naming the column
     */
    public static Scaling scaling(ScalingMethod method, Loss loss, ColumnRanges ranges, List<String> names) {
        if (!loss.crossEntropy()) {
            return Scaling.fit(method, ranges);
        }
        double[] min = ranges.min();
        double[] max = ranges.max();
        for (int j = 0; j < min.length; j++) {
            if (!(min[j] >= 0 && max[j] <= 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s needs targets in [0, 1] but column %s has values from %s to %s", loss.id(),
                        names.get(j), min[j], max[j]));
            }
        }
        return Scaling.none(min.length);
    }

    /**
     * Checks that rows held elsewhere were scaled as a run with {@code scaling} scales them, and that their targets
     * suit {@code loss}.
     *
     * @throws IllegalArgumentException if the inputs or targets were scaled otherwise, or the targets do not suit
     *                                  the loss
     */
    static void check(ScalingMethod scaling, Loss loss, RemoteRows.Description data) {
        if (data.inputScaling().method() != scaling) {
            throw new IllegalArgumentException("the data was packed with scaling " + data.inputScaling().method().id()
                    + " but this trainer scales by " + scaling.id());
        }
        // A standard scaling comes from the targets' moments, which their ranges do not give: its method is checked.
        boolean standard = scaling == ScalingMethod.STANDARD && !loss.crossEntropy();
        Scaling expected = standard ? null : scaling(scaling, loss, data.targetRanges(), data.targetNames());
        ScalingMethod needed = standard ? ScalingMethod.STANDARD : expected.method();
        if (standard ? data.outputScaling().method() != needed : !expected.equals(data.outputScaling())) {
            throw new IllegalArgumentException("the data was packed with targets scaled by "
                    + data.outputScaling().method().id() + " but loss " + loss.id() + " needs them scaled by "
                    + needed.id() + ": pack it for this loss");
        }
        if (loss == Loss.CATEGORICAL_CROSS_ENTROPY && data.targetSumError() > SUM_TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs one-hot targets (each row sums "
                    + "to 1) but some row's sum is off by %s", loss.id(), data.targetSumError()));
        }
    }
}
