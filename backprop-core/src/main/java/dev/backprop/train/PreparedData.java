package dev.backprop.train;

import dev.backprop.data.ColumnNames;
import dev.backprop.data.Dataset;
import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.model.Model;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Network;

import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * The data as training sees it: split into training and validation rows, scaling fitted on the training rows, both
 * parts scaled.
 *
 * <p>Scaling is fitted on the training rows (not the held-out ones) by the configured method, for the inputs and the
 * targets alike, and stored in the resulting {@link Model}: with min-max, training targets map onto [0, 1] exactly.
 * A sigmoid never reaches 0 or 1, so the smallest and largest training targets are approached but not hit; that is
 * the seed's setting (data normalised to [0, 1]) and costs a fraction of a unit on its example. Targets of the
 * cross-entropy losses are probabilities and are never scaled; they must lie in [0, 1], and for categorical
 * cross-entropy each row must sum to 1 (one-hot).
 *
 * @param training      the scaled training rows
 * @param validation    the scaled held-out rows, or null without a validation split
 * @param inputScaling  the inputs' scaling, fitted on the training rows
 * @param outputScaling the targets' scaling (none for the cross-entropies)
 * @param <A>           the array type of the run's {@link Format}: a float32 run's rows are rounded to float as they
 *                      are scaled, and no double copy of them is kept
 */
record PreparedData<A>(Examples<A> training, Examples<A> validation, Scaling inputScaling, Scaling outputScaling) {
    /**
     * Splits {@code data} by the configured fraction, fits the scalings on the training rows and scales both parts.
     * The rows a split selects are copies of their own, scaled where they lie; without a split the rows are
     * {@code data}'s, scaled into a copy, or where they lie if {@code inPlace} and their matrix releases its storage.
     *
     * @param inPlace whether {@code data}'s matrices are handed over: then {@link Matrix#release()} storage is scaled
     *                in place and {@code data} must not be used afterwards; otherwise {@code data} is not modified
     * @throws IllegalArgumentException if there are no rows, an input or target is NaN or infinite (or, for a
     *                                  float32 run without scaling, beyond float's range), a float32 run's row weight
     *                                  is beyond float's range, the targets do not suit the loss, or the split leaves
     *                                  a part empty
     */
    static <A> PreparedData<A> of(Format<A> format, TrainerConfig config, Architecture architecture, Dataset data,
                                  SplitMix splitting, boolean inPlace) {
        int n = data.rows();
        if (n == 0) {
            throw new IllegalArgumentException("the dataset has no rows");
        }
        // A NaN or infinity would train on silently, every loss NaN, and end as a "diverged" run of NaN weights; so
        // would a value a float32 run rounds to infinity, which only unscaled rows can hold (scaled ones are small).
        boolean unscaledFloats = config.precision() == Precision.FLOAT32 && config.scaling() == ScalingMethod.NONE;
        requireFinite(data.x(), data.inputNames(), "input", unscaledFloats);
        requireFinite(data.y(), data.targetNames(), "target", unscaledFloats);
        if (config.precision() == Precision.FLOAT32 && data.weights() != null) {
            requireFloatWeights(data.weights());
        }
        TargetCheck.check(architecture.loss(), data);
        RowSplit split = RowSplit.of(n, config.validationFraction(), splitting);
        Matrix trainingX = rows(data.x(), split.training());
        Matrix trainingY = rows(data.y(), split.training());
        Scaling inputScaling = Scaling.fit(config.scaling(), trainingX);
        Scaling outputScaling = TargetCheck.scaling(config.scaling(), architecture.loss(), trainingY,
                data.targetNames());
        boolean selected = split.validation().length > 0;
        Examples<A> training = Examples.of(format, scaled(inputScaling, trainingX, inPlace || selected),
                scaled(outputScaling, trainingY, inPlace || selected), weights(data.weights(), split.training()),
                split.training().length);
        Examples<A> validation = !selected ? null
                : Examples.of(format, scaled(inputScaling, rows(data.x(), split.validation()), true),
                        scaled(outputScaling, rows(data.y(), split.validation()), true),
                        weights(data.weights(), split.validation()), split.validation().length);
        return new PreparedData<>(training, validation, inputScaling, outputScaling);
    }

    /**
     * @param inFloat whether the values are rounded to float as they are (a float32 run without scaling)
     * @throws IllegalArgumentException naming the row (1-based), the column and the value of m's first non-finite
     *                                  value, or with {@code inFloat} of its first value beyond float's range
     */
    private static void requireFinite(Matrix m, List<String> names, String what, boolean inFloat) {
        int at = m.firstNonFinite();
        if (at >= 0) {
            int i = at / m.cols();
            int j = at % m.cols();
            throw new IllegalArgumentException("row " + (i + 1) + ", " + what + " " + ColumnNames.quoted(names.get(j))
                    + ", is " + m.get(i, j) + ": training needs finite inputs and targets");
        }
        int beyond = inFloat ? firstBeyondFloat(m.rows() * m.cols(), k -> m.get(k / m.cols(), k % m.cols())) : -1;
        if (beyond >= 0) {
            int i = beyond / m.cols();
            int j = beyond % m.cols();
            throw new IllegalArgumentException("row " + (i + 1) + ", " + what + " " + ColumnNames.quoted(names.get(j))
                    + ", is " + m.get(i, j) + ": a float32 run without scaling rounds it to infinity (floats reach "
                    + Float.MAX_VALUE + "); scale the data or train in float64");
        }
    }

    /**
     * Refuses a row weight a float32 run would round to infinity (weights are not scaled): the run's loss would be
     * infinite at once and end as "diverged".
     *
     * @throws IllegalArgumentException naming the first such weight's row (1-based) and value
     */
    private static void requireFloatWeights(double[] weights) {
        int i = firstBeyondFloat(weights.length, k -> weights[k]);
        if (i >= 0) {
            throw new IllegalArgumentException("row " + (i + 1) + "'s weight is " + weights[i] + ": a float32 run "
                    + "rounds it to infinity (floats reach " + Float.MAX_VALUE + "); divide the weights by a common "
                    + "factor or train in float64");
        }
    }

    /** The index of the first of {@code n} finite values that rounding to float makes infinite, or -1. */
    private static int firstBeyondFloat(int n, IntToDoubleFunction value) {
        for (int k = 0; k < n; k++) {
            if (Float.isInfinite((float) value.applyAsDouble(k))) {
                return k;
            }
        }
        return -1;
    }

    /** The model of {@code network} with these scalings and {@code data}'s column names. */
    Model model(Network network, Dataset data) {
        return new Model(network, data.inputNames(), data.targetNames(), inputScaling, outputScaling);
    }

    /**
     * {@code m}'s values scaled, row-major: in {@code m}'s own storage if {@code owned} and it releases it, else in a
     * copy. The same values either way.
     */
    private static double[] scaled(Scaling scaling, Matrix m, boolean owned) {
        double[] values = owned ? m.release() : null;
        if (values == null) {
            return scaling.applyToArray(m);
        }
        scaling.applyInPlace(values);
        return values;
    }

    /** The weights of the given rows, in that order; null for unweighted data. */
    private static double[] weights(double[] weights, int[] indices) {
        if (weights == null) {
            return null;
        }
        double[] out = new double[indices.length];
        for (int r = 0; r < indices.length; r++) {
            out[r] = weights[indices[r]];
        }
        return out;
    }

    /** The given rows of m, in that order; m itself when they are all of its rows in order. */
    private static Matrix rows(Matrix m, int[] indices) {
        if (indices.length == m.rows()) {
            return m;
        }
        return m.selectRows(indices);
    }
}
