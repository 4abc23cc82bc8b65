package dev.backprop.train;

import dev.backprop.data.Task;

import java.util.Locale;

/**
 * The starting points of a configuration; every setting given explicitly overrides its preset value. Each setting's
 * value in each preset is part of its description ({@link TrainingSetting#defaultIn}).
 *
 * <ul>
 *   <li>{@code seed}: the seed's network exactly: hidden 3, sigmoid everywhere, no bias, loss sse, full-batch
 *       gradient descent with η = 1, at most 10,000 epochs, tolerance 1e-6, min-max scaling
 *       ({@link TrainerConfig#builder()}'s defaults).</li>
 *   <li>{@code auto}: a modern network for real data, as scikit-learn's MLP defaults: one hidden layer of 100 relu
 *       units with bias, Adam (η = 0.001) on mini-batches of min(200, n), at most 500 epochs, stopping when the
 *       training loss has not improved by 1e-6 for 10 epochs (the loss of scaled targets is small, so the
 *       threshold is finer than scikit-learn's 1e-4 on raw ones); an L2 penalty λ = 1/n for n training rows; a linear
 *       output and mse for regression, softmax and categorical cross-entropy for classification; min-max scaling.
 *       The penalty makes the minimum of J/n + λ/2 Σw² the most probable weights under a standard normal prior on
 *       each weight, the rows' evidence weighed against one fixed prior: it fades as rows accumulate and holds a
 *       network of 100 hidden units back from memorising a set of a few dozen rows.</li>
 * </ul>
 */
public enum Preset {
    /** The seed's network. */
    SEED,
    /** A modern network for real data. */
    AUTO;

    /**
     * The preset named {@code id}.
     *
     * @param id {@code seed} or {@code auto}, in any case
     * @return the preset
     * @throws IllegalArgumentException naming the allowed ids, for another
     */
    public static Preset fromId(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "seed" -> SEED;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException("unknown preset '" + id + "' (allowed: seed, auto)");
        };
    }

    /**
     * A builder holding this preset's values.
     *
     * @param task the target's task (the auto preset's output and loss follow it); may be null for {@link #SEED}
     * @param rows the rows of the training data (the auto preset's L2 penalty follows it); ignored by {@link #SEED}
     * @return a new builder
     * @throws IllegalArgumentException for {@link #AUTO} and fewer than one row or no task
     */
    public TrainerConfig.Builder builder(Task task, int rows) {
        if (this == AUTO && rows < 1) {
            throw new IllegalArgumentException("rows must be > 0 for the auto preset but was " + rows);
        }
        if (this == AUTO && task == null) {
            // Its output and loss follow the task: without one, a classifier got a regression's linear output.
            throw new IllegalArgumentException("the auto preset needs the target's task (regression or "
                    + "classification) but was given none");
        }
        TrainerConfig.Builder builder = TrainerConfig.builder();
        for (TrainingSetting<?> setting : TrainingSettings.ALL) {
            setDefault(builder, setting, task, rows);
        }
        return builder;
    }

    private <T> void setDefault(TrainerConfig.Builder builder, TrainingSetting<T> setting, Task task, int rows) {
        T value = setting.defaultIn(this, task, rows);
        if (value != null) {
            builder.set(setting, value);
        }
    }
}
