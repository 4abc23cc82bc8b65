package dev.backprop.nn;

import java.util.Locale;

/**
 * A training loss J over a batch of n examples ({@link #value}), and the error δ⁽ᴸ⁾ = ∂J/∂z⁽ᴸ⁾ it sends into the
 * output layer ({@link #outputDelta}): the two calls training makes, the same for every loss.
 *
 * <p>Legend: y targets, z the output layer's pre-activations (logits), ŷ = f(z) its activations, s = 1 for
 * {@link #SSE} and 1/n for every other loss (they are means over the n examples, like scikit-learn's). All arrays
 * are row-major, n rows by {@code outputs} columns; targets start at {@code target[targetOffset]}, the others at 0.
 *
 * <ul>
 *   <li>{@link #SSE}: J = Σ ½ (y - ŷ)², the seed's loss.</li>
 *   <li>{@link #MSE}: J = (1/n) Σ ½ (y - ŷ)².</li>
 *   <li>{@link #BINARY_CROSS_ENTROPY}: J = -(1/n) Σ [y log ŷ + (1 - y) log(1 - ŷ)] with ŷ = σ(z), one independent
 *       yes/no per output; computed from z as (1/n) Σ [max(z, 0) - z y + log(1 + e^-|z|)], which never takes
 *       the log of 0.</li>
 *   <li>{@link #CATEGORICAL_CROSS_ENTROPY}: J = -(1/n) Σ_i Σ_o y_io log ŷ_io with ŷ = softmax(z), one class per
 *       row; computed from z as (1/n) Σ_i Σ_o y_io (lse(z_i) - z_io) with lse(z) = max z + log Σ e^(z - max z).</li>
 * </ul>
 * The cross-entropies fold the output activation into their derivative: δ⁽ᴸ⁾ = (ŷ - y)/n directly, with no
 * f'(z) that could vanish when a sigmoid saturates. Each loss accepts only the output activations it is defined with
 * ({@link #checkOutput}).
 */
public enum Loss {
    /** J = Σ ½ (y - ŷ)², the seed's loss; ∂J/∂ŷ = -(y - ŷ). */
    SSE("sse") {
        @Override
        double scale(int n) {
            return 1.0;
        }
    },
    /** J = (1/n) Σ ½ (y - ŷ)²; ∂J/∂ŷ = -(y - ŷ) / n. */
    MSE("mse"),
    /** Binary cross-entropy of a sigmoid output, mean over rows; targets in [0, 1]. */
    BINARY_CROSS_ENTROPY("binary-cross-entropy") {
        @Override
        public double value(double[] z, double[] predicted, double[] target, int targetOffset, int n,
                            int outputs) {
            double sum = 0.0;
            for (int i = 0, len = n * outputs; i < len; i++) {
                sum += logistic(z[i], target[targetOffset + i]);
            }
            return sum * scale(n);
        }

        @Override
        double rowLoss(double[] z, double[] predicted, double[] target, int targetOffset, int row, int outputs) {
            double sum = 0.0;
            for (int o = 0, i = row * outputs; o < outputs; o++, i++) {
                sum += logistic(z[i], target[targetOffset + i]);
            }
            return sum;
        }

        /** δ = ∂J/∂z = (σ(z) - y)/n, exact for any target in [0, 1]. */
        @Override
        public void outputDelta(Activation output, double[] z, double[] predicted, double[] target,
                                int targetOffset, int n, int outputs, double[] delta) {
            double s = scale(n);
            for (int i = 0, len = n * outputs; i < len; i++) {
                delta[i] = (predicted[i] - target[targetOffset + i]) * s;
            }
        }

        @Override
        public double value(float[] z, float[] predicted, float[] target, int targetOffset, int n, int outputs) {
            double sum = 0.0;
            for (int i = 0, len = n * outputs; i < len; i++) {
                sum += logistic(z[i], target[targetOffset + i]);
            }
            return sum * scale(n);
        }

        @Override
        double rowLoss(float[] z, float[] predicted, float[] target, int targetOffset, int row, int outputs) {
            double sum = 0.0;
            for (int o = 0, i = row * outputs; o < outputs; o++, i++) {
                sum += logistic(z[i], target[targetOffset + i]);
            }
            return sum;
        }

        @Override
        public void outputDelta(Activation output, float[] z, float[] predicted, float[] target, int targetOffset,
                                int n, int outputs, float[] delta) {
            float s = (float) scale(n);
            for (int i = 0, len = n * outputs; i < len; i++) {
                delta[i] = (predicted[i] - target[targetOffset + i]) * s;
            }
        }

        @Override
        public void checkActivation(Activation output) {
            if (output != Activation.SIGMOID) {
                throw new IllegalArgumentException(id() + " needs a sigmoid output layer but it is "
                        + output.id() + " (softmax outputs use categorical-cross-entropy)");
            }
        }
    },
    /** Categorical cross-entropy of a softmax output, mean over rows; each target row a distribution (one-hot). */
    CATEGORICAL_CROSS_ENTROPY("categorical-cross-entropy") {
        @Override
        public double value(double[] z, double[] predicted, double[] target, int targetOffset, int n,
                            int outputs) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                int row = i * outputs;
                double lse = logSumExp(z, row, outputs);
                for (int o = 0; o < outputs; o++) {
                    sum += target[targetOffset + row + o] * (lse - z[row + o]);
                }
            }
            return sum * scale(n);
        }

        @Override
        double rowLoss(double[] z, double[] predicted, double[] target, int targetOffset, int row, int outputs) {
            int start = row * outputs;
            double lse = logSumExp(z, start, outputs);
            double sum = 0.0;
            for (int o = 0; o < outputs; o++) {
                sum += target[targetOffset + start + o] * (lse - z[start + o]);
            }
            return sum;
        }

        /**
         * δ_io = ∂J/∂z_io = (ŷ_io Σ_k y_ik - y_io)/n, which is (ŷ - y)/n when the target row sums to 1 (one-hot);
         * the general form keeps the gradient exact for any non-negative targets.
         */
        @Override
        public void outputDelta(Activation output, double[] z, double[] predicted, double[] target,
                                int targetOffset, int n, int outputs, double[] delta) {
            double s = scale(n);
            for (int i = 0; i < n; i++) {
                int row = i * outputs;
                double targetSum = 0.0;
                for (int o = 0; o < outputs; o++) {
                    targetSum += target[targetOffset + row + o];
                }
                for (int o = 0; o < outputs; o++) {
                    delta[row + o] = (predicted[row + o] * targetSum - target[targetOffset + row + o]) * s;
                }
            }
        }

        @Override
        public double value(float[] z, float[] predicted, float[] target, int targetOffset, int n, int outputs) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += rowLoss(z, predicted, target, targetOffset, i, outputs);
            }
            return sum * scale(n);
        }

        @Override
        double rowLoss(float[] z, float[] predicted, float[] target, int targetOffset, int row, int outputs) {
            int start = row * outputs;
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < outputs; o++) {
                max = Math.max(max, z[start + o]);
            }
            double sumExp = 0.0;
            for (int o = 0; o < outputs; o++) {
                sumExp += Math.exp(z[start + o] - max);
            }
            double lse = max + Math.log(sumExp);
            double sum = 0.0;
            for (int o = 0; o < outputs; o++) {
                sum += target[targetOffset + start + o] * (lse - z[start + o]);
            }
            return sum;
        }

        @Override
        public void outputDelta(Activation output, float[] z, float[] predicted, float[] target, int targetOffset,
                                int n, int outputs, float[] delta) {
            float s = (float) scale(n);
            for (int i = 0; i < n; i++) {
                int row = i * outputs;
                float targetSum = 0.0f;
                for (int o = 0; o < outputs; o++) {
                    targetSum += target[targetOffset + row + o];
                }
                for (int o = 0; o < outputs; o++) {
                    delta[row + o] = (predicted[row + o] * targetSum - target[targetOffset + row + o]) * s;
                }
            }
        }

        @Override
        public void checkActivation(Activation output) {
            if (output != Activation.SOFTMAX) {
                throw new IllegalArgumentException(id() + " needs a softmax output layer but it is " + output.id()
                        + " (a sigmoid output uses binary-cross-entropy)");
            }
        }

        @Override
        public void checkOutput(Activation output, int outputs) {
            checkActivation(output);
            if (outputs < 2) {
                throw new IllegalArgumentException("a softmax output needs at least 2 outputs (one per class) but has "
                        + outputs + "; for two classes use one sigmoid output with binary-cross-entropy");
            }
        }
    };

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /** One sigmoid output's cross-entropy from its logit z and target y: max(z, 0) - z y + log(1 + e^-|z|). */
    private static double logistic(double z, double y) {
        return Math.max(z, 0.0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** lse(z) = max z + log Σ e^(z - max z) over the {@code outputs} logits of one row from {@code start}. */
    private static double logSumExp(double[] z, int start, int outputs) {
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < outputs; o++) {
            max = Math.max(max, z[start + o]);
        }
        double sumExp = 0.0;
        for (int o = 0; o < outputs; o++) {
            sumExp += Math.exp(z[start + o] - max);
        }
        return max + Math.log(sumExp);
    }

    /** s: 1 for a sum over examples, 1/n for a mean (0 when n = 0). */
    double scale(int n) {
        return n == 0 ? 0.0 : 1.0 / n;
    }

    /**
     * Whether J is a mean over the examples (every loss but {@link #SSE}, which is the seed's sum).
     *
     * @return true for every loss except {@link #SSE}; a mean's gradient is divided by the batch size n
     */
    public boolean meanOverRows() {
        return this != SSE;
    }

    /**
     * Whether this is a cross-entropy, whose targets are probabilities (in [0, 1]; one-hot rows for categorical).
     *
     * @return true for {@link #BINARY_CROSS_ENTROPY} and {@link #CATEGORICAL_CROSS_ENTROPY}
     */
    public boolean crossEntropy() {
        return this == BINARY_CROSS_ENTROPY || this == CATEGORICAL_CROSS_ENTROPY;
    }

    /**
     * J given both the output layer's logits z and its activations ŷ = f(z): the squared errors read ŷ, the
     * cross-entropies read z, where they are stable (finite for every finite z, where log ŷ would reach log 0). No
     * array is modified.
     *
     * @param z            the output layer's pre-activations, n x outputs row-major from index 0
     * @param predicted    ŷ = f(z), same layout as {@code z}
     * @param target       y, n x outputs row-major from {@code targetOffset}
     * @param targetOffset index of the first target value in {@code target}, ≥ 0
     * @param n            number of examples (rows), ≥ 0
     * @param outputs      number of outputs (columns), ≥ 1
     * @return J, finite for finite z and valid targets; NaN if any input is NaN
     */
    public double value(double[] z, double[] predicted, double[] target, int targetOffset, int n, int outputs) {
        double sum = 0.0;
        for (int i = 0, len = n * outputs; i < len; i++) {
            double r = target[targetOffset + i] - predicted[i];
            sum += 0.5 * r * r;
        }
        return sum * scale(n);
    }

    /** ℓᵢ: row {@code row}'s term of J before the normalisation s (z and ŷ from index 0); WeightedLoss weighs it. */
    double rowLoss(double[] z, double[] predicted, double[] target, int targetOffset, int row, int outputs) {
        double sum = 0.0;
        for (int o = 0, i = row * outputs; o < outputs; o++, i++) {
            double r = target[targetOffset + i] - predicted[i];
            sum += 0.5 * r * r;
        }
        return sum;
    }

    /**
     * delta = δ⁽ᴸ⁾ = ∂J/∂z⁽ᴸ⁾, the error backpropagation starts from: ∂J/∂ŷ ∘ f'(z) for the squared errors (the
     * seed's -(y - ŷ) f'(z⁽³⁾)), (ŷ - y)/n for the cross-entropies. Only {@code delta} is modified.
     *
     * @param z            the output layer's pre-activations, n x outputs row-major from index 0
     * @param predicted    ŷ = f(z), same layout as {@code z}
     * @param target       y, n x outputs row-major from {@code targetOffset}
     * @param targetOffset index of the first target value in {@code target}, ≥ 0
     * @param n            number of examples (rows), ≥ 0
     * @param outputs      number of outputs (columns), ≥ 1
     * @param delta        receives δ⁽ᴸ⁾ in its first n x outputs values
     * @param output the output layer's activation f, one {@link #checkOutput} accepts
     */
    public void outputDelta(Activation output, double[] z, double[] predicted, double[] target, int targetOffset,
                            int n, int outputs, double[] delta) {
        double s = scale(n);
        for (int i = 0, len = n * outputs; i < len; i++) {
            delta[i] = -(target[targetOffset + i] - predicted[i]) * s;
        }
        output.multiplyByDerivative(z, predicted, delta, 0, n * outputs);
    }

    /**
     * {@link #value(double[], double[], double[], int, int, int)} of float arrays: each term computed in double from
     * the float values (exactly widened) and summed in double, so J is as accurate as the float32 network allows.
     *
     * @param z            the output layer's pre-activations, n x outputs row-major from index 0
     * @param predicted    ŷ = f(z), same layout as {@code z}
     * @param target       y, n x outputs row-major from {@code targetOffset}
     * @param targetOffset index of the first target value in {@code target}, ≥ 0
     * @param n            number of examples (rows), ≥ 0
     * @param outputs      number of outputs (columns), ≥ 1
     * @return J; NaN if any input is NaN
     */
    public double value(float[] z, float[] predicted, float[] target, int targetOffset, int n, int outputs) {
        double sum = 0.0;
        for (int i = 0, len = n * outputs; i < len; i++) {
            double r = (double) target[targetOffset + i] - predicted[i];
            sum += 0.5 * r * r;
        }
        return sum * scale(n);
    }

    /** ℓᵢ of float arrays, in double, as {@link #value(float[], float[], float[], int, int, int)} sums it. */
    double rowLoss(float[] z, float[] predicted, float[] target, int targetOffset, int row, int outputs) {
        double sum = 0.0;
        for (int o = 0, i = row * outputs; o < outputs; o++, i++) {
            double r = (double) target[targetOffset + i] - predicted[i];
            sum += 0.5 * r * r;
        }
        return sum;
    }

    /**
     * {@link #outputDelta(Activation, double[], double[], double[], int, int, int, double[])} in float32: δ⁽ᴸ⁾
     * computed and rounded in float, the normalisation s rounded to float.
     *
     * @param output       the output layer's activation f, one {@link #checkOutput} accepts
     * @param z            the output layer's pre-activations, n x outputs row-major from index 0
     * @param predicted    ŷ = f(z), same layout as {@code z}
     * @param target       y, n x outputs row-major from {@code targetOffset}
     * @param targetOffset index of the first target value in {@code target}, ≥ 0
     * @param n            number of examples (rows), ≥ 0
     * @param outputs      number of outputs (columns), ≥ 1
     * @param delta        receives δ⁽ᴸ⁾ in its first n x outputs values
     */
    public void outputDelta(Activation output, float[] z, float[] predicted, float[] target, int targetOffset,
                            int n, int outputs, float[] delta) {
        float s = (float) scale(n);
        for (int i = 0, len = n * outputs; i < len; i++) {
            delta[i] = -(target[targetOffset + i] - predicted[i]) * s;
        }
        output.multiplyByDerivative(z, predicted, delta, 0, n * outputs);
    }

    /**
     * Checks that this loss is defined for an output layer with activation {@code output} and {@code outputs}
     * units: binary cross-entropy needs sigmoid, categorical cross-entropy softmax (with at least 2 outputs), and
     * the squared errors take anything but softmax.
     *
     * @param output  the output layer's activation
     * @param outputs the output layer's number of units, ≥ 1
     * @throws IllegalArgumentException naming the loss and the activation if they do not go together
     */
    public void checkOutput(Activation output, int outputs) {
        checkActivation(output);
    }

    /**
     * {@link #checkOutput} without the count of outputs, for configurations made before the data is seen.
     *
     * @param output the output layer's activation
     * @throws IllegalArgumentException naming the loss and the activation if they do not go together
     */
    public void checkActivation(Activation output) {
        if (output == Activation.SOFTMAX) {
            throw new IllegalArgumentException("a softmax output needs the loss categorical-cross-entropy, not " + id);
        }
    }

    /**
     * The name used on the command line and in model files, e.g. {@code "sse"}.
     *
     * @return the lower-case, hyphenated name; {@link #fromId} maps it back to this constant
     */
    public String id() {
        return id;
    }

    /**
     * The loss named {@code id} (case-insensitive; {@code _} may stand for {@code -}; {@code bce} and {@code cce}
     * abbreviate the cross-entropies).
     *
     * @param id a loss name such as {@code "mse"} or {@code "BINARY_CROSS_ENTROPY"}; not null
     * @return the matching constant
     * @throws IllegalArgumentException naming the allowed values if there is none
     */
    public static Loss fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT).replace('_', '-');
        if (wanted.equals("bce")) {
            return BINARY_CROSS_ENTROPY;
        }
        if (wanted.equals("cce")) {
            return CATEGORICAL_CROSS_ENTROPY;
        }
        for (Loss l : values()) {
            if (l.id.equals(wanted)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + id + "' (allowed: sse, mse, binary-cross-entropy (bce), "
                + "categorical-cross-entropy (cce))");
    }
}
