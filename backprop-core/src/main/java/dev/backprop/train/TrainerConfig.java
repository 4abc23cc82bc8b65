package dev.backprop.train;

import dev.backprop.data.ScalingMethod;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;

import java.util.List;
import java.util.Objects;

/**
 * Everything that decides a training run. Immutable; build one with {@link #builder()}, whose defaults are the seed's
 * network: one hidden layer of 3 sigmoid units, no bias, sigmoid output, loss {@code sse}, full-batch gradient
 * descent with η = 1, at most 10,000 epochs, tolerance 1e-6, inputs and targets scaled by min-max, seed 42.
 *
 * @param hidden       sizes of the hidden layers, input side first (empty for no hidden layer)
 * @param activation   f of every hidden layer
 * @param output       f of the output layer
 * @param bias         whether every layer has a bias vector
 * @param loss         J
 * @param learningRate η
 * @param maxEpochs    the most parameter updates to make
 * @param tolerance    stop once no parameter changes by more than this in one update (0 disables the rule)
 * @param scaling      how inputs and targets are scaled before training
 * @param seed         the seed of every random choice (initial weights)
 */
public record TrainerConfig(List<Integer> hidden, Activation activation, Activation output, boolean bias, Loss loss,
                            double learningRate, int maxEpochs, double tolerance, ScalingMethod scaling, long seed) {
    /**
     * @throws IllegalArgumentException naming the field and the allowed range for any value out of range
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
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite but was " + learningRate);
        }
        if (maxEpochs <= 0) {
            throw new IllegalArgumentException("maxEpochs must be > 0 but was " + maxEpochs);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be >= 0 and finite but was " + tolerance);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().hidden(hidden).activation(activation).output(output).bias(bias).loss(loss)
                .learningRate(learningRate).maxEpochs(maxEpochs).tolerance(tolerance).scaling(scaling).seed(seed);
    }

    /** Collects a {@link TrainerConfig}; starts at the seed's network (see the record's Javadoc). */
    public static final class Builder {
        private List<Integer> hidden = List.of(3);
        private Activation activation = Activation.SIGMOID;
        private Activation output = Activation.SIGMOID;
        private boolean bias;
        private Loss loss = Loss.SSE;
        private double learningRate = 1.0;
        private int maxEpochs = 10_000;
        private double tolerance = 1e-6;
        private ScalingMethod scaling = ScalingMethod.MINMAX;
        private long seed = 42;

        private Builder() {
        }

        public Builder hidden(List<Integer> sizes) {
            this.hidden = List.copyOf(sizes);
            return this;
        }

        public Builder hidden(Integer... sizes) {
            return hidden(List.of(sizes));
        }

        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        public Builder output(Activation output) {
            this.output = output;
            return this;
        }

        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder maxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        public Builder tolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        public Builder scaling(ScalingMethod scaling) {
            this.scaling = scaling;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @throws IllegalArgumentException if a value is out of range */
        public TrainerConfig build() {
            return new TrainerConfig(hidden, activation, output, bias, loss, learningRate, maxEpochs, tolerance,
                    scaling, seed);
        }
    }
}
