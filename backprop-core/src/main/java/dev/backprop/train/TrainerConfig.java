package dev.backprop.train;

import dev.backprop.data.ScalingMethod;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.OptimizerType;

import java.util.List;
import java.util.Objects;

/**
 * Everything that decides a training run. Immutable; build one with {@link #builder()}, whose defaults are the seed's
 * network: one hidden layer of 3 sigmoid units, no bias, sigmoid output, loss {@code sse}, full-batch gradient
 * descent with η = 1, at most 10,000 epochs, tolerance 1e-6, inputs and targets scaled by min-max, seed 42; and no
 * mini-batches, schedule, regularization, validation split or early stopping.
 *
 * @param hidden             sizes of the hidden layers, input side first (empty for no hidden layer)
 * @param activation         f of every hidden layer (not softmax)
 * @param output             f of the output layer; must suit the loss ({@link Loss#checkActivation})
 * @param bias               whether every layer has a bias vector
 * @param loss               J
 * @param learningRate       η₀, the learning rate of the first epoch (ignored by lbfgs and bfgs)
 * @param maxEpochs          the most epochs to run (with the full batch: parameter updates)
 * @param tolerance          stop once no parameter changes by more than this in an epoch (0 disables the rule
 *                           except for an epoch that changes nothing); also the least decrease that counts as an
 *                           improvement of the monitored loss for {@code patience} and the plateau schedule
 * @param scaling            how inputs and targets are scaled before training (cross-entropy targets are
 *                           probabilities and are never scaled)
 * @param seed               the seed of every random choice: initial weights, validation split, shuffling, dropout
 * @param optimizer          how parameters are updated
 * @param momentum           μ for the momentum and nesterov optimizers, in [0, 1)
 * @param schedule           how η changes from epoch to epoch
 * @param batchSize          rows per update, ≥ 0; 0 means the optimizer's own default
 *                           ({@link OptimizerType#defaultBatchSize}: all rows for gd, lbfgs, bfgs; else min(200, n)),
 *                           and a size ≥ the training rows means the full batch
 * @param l2                 λ of the L2 penalty J/n + λ/2 Σ W², ≥ 0 (see {@link Regularization})
 * @param dropout            probability of dropping each hidden unit while training, in [0, 1); not with lbfgs or
 *                           bfgs, whose line search needs a deterministic loss
 * @param validationFraction fraction of the rows held out (seeded) to measure the validation loss after each epoch,
 *                           in [0, 1); with a split the weights of the best validation epoch are kept
 * @param patience           stop when the monitored loss (validation if held out, else training) has not improved
 *                           for this many epochs; 0 never stops early
 */
public record TrainerConfig(List<Integer> hidden, Activation activation, Activation output, boolean bias, Loss loss,
                            double learningRate, int maxEpochs, double tolerance, ScalingMethod scaling, long seed,
                            OptimizerType optimizer, double momentum, LearningRateSchedule schedule, int batchSize,
                            double l2, double dropout, double validationFraction, int patience) {
    /**
     * @param hidden             sizes of the hidden layers, each ≥ 1; copied
     * @param activation         f of every hidden layer, element-wise
     * @param output             f of the output layer, suited to the loss
     * @param bias               whether every layer has a bias vector
     * @param loss               J
     * @param learningRate       η₀, finite and &gt; 0
     * @param maxEpochs          the most epochs, ≥ 1
     * @param tolerance          the convergence and improvement threshold, finite and ≥ 0
     * @param scaling            how inputs and targets are scaled
     * @param seed               the seed of every random choice
     * @param optimizer          how parameters are updated
     * @param momentum           μ, in [0, 1)
     * @param schedule           how η changes between epochs
     * @param batchSize          rows per update, ≥ 0 (0: the optimizer's default)
     * @param l2                 λ, finite and ≥ 0
     * @param dropout            p, in [0, 1)
     * @param validationFraction fraction of rows held out, in [0, 1)
     * @param patience           epochs without improvement before stopping, ≥ 0 (0: never)
     * @throws IllegalArgumentException naming the field and the allowed range for any value out of range, or the
     *                                  combination that does not work
     */
    public TrainerConfig {
        hidden = List.copyOf(hidden);
        for (int size : hidden) {
            if (size <= 0) {
                throw new IllegalArgumentException("hidden layer sizes must be > 0 but were " + hidden);
            }
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        if (!activation.elementWise()) {
            throw new IllegalArgumentException(activation.id() + " is an output activation; hidden layers use "
                    + "sigmoid, tanh, relu, leaky-relu or linear");
        }
        loss.checkActivation(output);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite but was " + learningRate);
        }
        if (maxEpochs <= 0) {
            throw new IllegalArgumentException("maxEpochs must be > 0 but was " + maxEpochs);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be >= 0 and finite but was " + tolerance);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1) but was " + momentum);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be >= 0 (0: the optimizer's default) but was "
                    + batchSize);
        }
        Regularization checked = new Regularization(l2, dropout);
        if (checked.dropout() > 0 && optimizer.lineSearch()) {
            throw new IllegalArgumentException("dropout makes the loss random, which the line search of "
                    + optimizer.id() + " cannot work with; use gd, sgd, momentum, nesterov or adam with dropout");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1) but was " + validationFraction);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0 (0: never stop early) but was " + patience);
        }
    }

    /**
     * The seed-era configuration: no mini-batches, schedule, regularization or validation (gd, constant η).
     *
     * @param hidden       sizes of the hidden layers, each ≥ 1; copied
     * @param activation   f of every hidden layer, element-wise
     * @param output       f of the output layer, suited to the loss
     * @param bias         whether every layer has a bias vector
     * @param loss         J
     * @param learningRate η₀, finite and &gt; 0
     * @param maxEpochs    the most epochs, ≥ 1
     * @param tolerance    the convergence and improvement threshold, finite and ≥ 0
     * @param scaling      how inputs and targets are scaled
     * @param seed         the seed of every random choice
     * @throws IllegalArgumentException naming the field for any value out of range
     */
    public TrainerConfig(List<Integer> hidden, Activation activation, Activation output, boolean bias, Loss loss,
                         double learningRate, int maxEpochs, double tolerance, ScalingMethod scaling, long seed) {
        this(hidden, activation, output, bias, loss, learningRate, maxEpochs, tolerance, scaling, seed,
                OptimizerType.GD, 0.9, LearningRateSchedule.constant(), 0, 0.0, 0.0, 0.0, 0);
    }

    /**
     * The L2 penalty and dropout this configuration trains with.
     *
     * @return a new {@link Regularization} of {@link #l2()} and {@link #dropout()}
     */
    public Regularization regularization() {
        return new Regularization(l2, dropout);
    }

    /**
     * The settings that decide a run, by name, for a model file's training history.
     *
     * @return a new insertion-ordered map from setting name to its value as text (numbers in Java's {@code Double.toString} form, locale-free)
     */
    public java.util.Map<String, String> settings() {
        java.util.Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("optimizer", optimizer.id());
        s.put("learningRate", Double.toString(learningRate));
        s.put("schedule", schedule.id());
        if (optimizer == OptimizerType.MOMENTUM || optimizer == OptimizerType.NESTEROV) {
            s.put("momentum", Double.toString(momentum));
        }
        s.put("batchSize", batchSize == 0 ? "default" : Integer.toString(batchSize));
        s.put("maxEpochs", Integer.toString(maxEpochs));
        s.put("tolerance", Double.toString(tolerance));
        s.put("patience", Integer.toString(patience));
        s.put("validationFraction", Double.toString(validationFraction));
        s.put("l2", Double.toString(l2));
        s.put("dropout", Double.toString(dropout));
        s.put("scaling", scaling.id());
        s.put("seed", Long.toString(seed));
        return s;
    }

    /**
     * A builder holding the defaults: one hidden layer of 3 sigmoid units, sigmoid output, no bias, sse, gd with
     * η = 1, 10,000 epochs, tolerance 1e-6, min-max scaling, seed 42, full batch, no regularization or validation.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this configuration; it carries the learning rate explicitly.
     *
     * @return a new builder holding every value of this configuration
     */
    public Builder toBuilder() {
        return new Builder().hidden(hidden).activation(activation).output(output).bias(bias).loss(loss)
                .learningRate(learningRate).maxEpochs(maxEpochs).tolerance(tolerance).scaling(scaling).seed(seed)
                .optimizer(optimizer).momentum(momentum).schedule(schedule).batchSize(batchSize).l2(l2)
                .dropout(dropout).validationFraction(validationFraction).patience(patience);
    }

    /**
     * Collects a {@link TrainerConfig}; starts at the seed's network (see the record's Javadoc). If no learning rate
     * is set, the optimizer's default is used ({@link OptimizerType#defaultLearningRate}: 1 for gd).
     */
    public static final class Builder {
        private List<Integer> hidden = List.of(3);
        private Activation activation = Activation.SIGMOID;
        private Activation output = Activation.SIGMOID;
        private boolean bias;
        private Loss loss = Loss.SSE;
        private Double learningRate;
        private int maxEpochs = 10_000;
        private double tolerance = 1e-6;
        private ScalingMethod scaling = ScalingMethod.MINMAX;
        private long seed = 42;
        private OptimizerType optimizer = OptimizerType.GD;
        private double momentum = 0.9;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private int batchSize;
        private double l2;
        private double dropout;
        private double validationFraction;
        private int patience;

        private Builder() {
        }

        /**
         * Sets the hidden layer sizes, input side first (default: one layer of 3).
         *
         * @param sizes sizes of the hidden layers, each ≥ 1 (checked by {@link #build()}); copied
         * @return this builder
         */
        public Builder hidden(List<Integer> sizes) {
            this.hidden = List.copyOf(sizes);
            return this;
        }

        /**
         * Sets the hidden layer sizes, input side first; none for a network without hidden layers.
         *
         * @param sizes sizes of the hidden layers, each ≥ 1
         * @return this builder
         */
        public Builder hidden(Integer... sizes) {
            return hidden(List.of(sizes));
        }

        /**
         * Sets f of every hidden layer (default sigmoid).
         *
         * @param activation an element-wise activation
         * @return this builder
         */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Sets f of the output layer (default sigmoid).
         *
         * @param output an activation the loss accepts
         * @return this builder
         */
        public Builder output(Activation output) {
            this.output = output;
            return this;
        }

        /**
         * Sets whether every layer has a bias vector (default false, as in the seed).
         *
         * @param bias true for a bias in every layer
         * @return this builder
         */
        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /**
         * Sets the loss J (default sse).
         *
         * @param loss the loss
         * @return this builder
         */
        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /**
         * Sets η₀ (default: the optimizer's {@link OptimizerType#defaultLearningRate()}).
         *
         * @param learningRate η₀, finite and &gt; 0
         * @return this builder
         */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the most epochs to run (default 10,000).
         *
         * @param maxEpochs ≥ 1
         * @return this builder
         */
        public Builder maxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        /**
         * Sets the convergence and improvement threshold (default 1e-6).
         *
         * @param tolerance finite and ≥ 0
         * @return this builder
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Sets how inputs and targets are scaled (default min-max).
         *
         * @param scaling the scaling method
         * @return this builder
         */
        public Builder scaling(ScalingMethod scaling) {
            this.scaling = scaling;
            return this;
        }

        /**
         * Sets the seed of every random choice (default 42).
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the optimizer (default gd).
         *
         * @param optimizer the optimizer type
         * @return this builder
         */
        public Builder optimizer(OptimizerType optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Sets μ for momentum and nesterov (default 0.9).
         *
         * @param momentum μ, in [0, 1)
         * @return this builder
         */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Sets how η changes between epochs (default constant).
         *
         * @param schedule the schedule
         * @return this builder
         */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Sets the rows per update (default 0: the optimizer's default).
         *
         * @param batchSize ≥ 0
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets λ of the L2 penalty (default 0).
         *
         * @param l2 λ, finite and ≥ 0
         * @return this builder
         */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /**
         * Sets the dropout probability of hidden units (default 0).
         *
         * @param dropout p, in [0, 1)
         * @return this builder
         */
        public Builder dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Sets the fraction of rows held out for validation (default 0).
         *
         * @param validationFraction in [0, 1)
         * @return this builder
         */
        public Builder validationFraction(double validationFraction) {
            this.validationFraction = validationFraction;
            return this;
        }

        /**
         * Sets the epochs without improvement before stopping early (default 0: never).
         *
         * @param patience ≥ 0
         * @return this builder
         */
        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * @throws IllegalArgumentException if a value is out of range or a combination does not work
         *
         * @return a new configuration from the values set and the defaults
         */
        public TrainerConfig build() {
            Objects.requireNonNull(optimizer, "optimizer");
            double rate = learningRate != null ? learningRate : optimizer.defaultLearningRate();
            return new TrainerConfig(hidden, activation, output, bias, loss, rate, maxEpochs, tolerance, scaling,
                    seed, optimizer, momentum, schedule, batchSize, l2, dropout, validationFraction, patience);
        }
    }
}
