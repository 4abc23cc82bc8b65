package dev.backprop.cli;

import dev.backprop.data.ScalingMethod;
import dev.backprop.data.Task;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.TrainerConfig;

import java.util.Locale;

/**
 * The starting points of {@code train}'s options; every option given on the command line overrides its preset value.
 *
 * <ul>
 *   <li>{@code seed}: the seed's network exactly: hidden 3, sigmoid everywhere, no bias, loss sse, full-batch
 *       gradient descent with η = 1, at most 10,000 epochs, tolerance 1e-6, min-max scaling.</li>
 *   <li>{@code auto}: a modern network for real data, as scikit-learn's MLP defaults: one hidden layer of 100 relu
 *       units with bias, Adam (η = 0.001) on mini-batches of min(200, n), at most 500 epochs, stopping when the
 *       training loss has not improved by 1e-6 for 10 epochs (the loss of scaled targets is small, so the
 *       threshold is finer than scikit-learn's 1e-4 on raw ones); a linear output and mse for regression, softmax and
 *       categorical cross-entropy for classification; min-max scaling.</li>
 * </ul>
 * {@code train} without data uses {@code seed} (the bundled example is the seed's); with data, {@code auto}.
 */
enum Presets {
    SEED, AUTO;

    static Presets fromId(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "seed" -> SEED;
            case "auto" -> AUTO;
            default -> throw new UserException("unknown preset '" + id + "' (allowed: seed, auto)");
        };
    }

    /** The preset's configuration for a target of this task. */
    TrainerConfig.Builder builder(Task task) {
        TrainerConfig.Builder builder = TrainerConfig.builder();
        if (this == SEED) {
            return builder;
        }
        boolean classify = task == Task.CLASSIFICATION;
        return builder.hidden(100).activation(Activation.RELU).bias(true)
                .output(classify ? Activation.SOFTMAX : Activation.LINEAR)
                .loss(classify ? Loss.CATEGORICAL_CROSS_ENTROPY : Loss.MSE)
                .optimizer(OptimizerType.ADAM)
                .maxEpochs(500).tolerance(1e-6).patience(10).scaling(ScalingMethod.MINMAX);
    }
}
