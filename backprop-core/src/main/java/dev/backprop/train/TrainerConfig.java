package dev.backprop.train;

import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.InitScale;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.OptimizerType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param precision          the number format of the weights, data, workspaces and arithmetic: float64 (the
 *                           default, every earlier result's), or float32, whose trained network computes in float32
 * @param initScale          the range of the initial weights ({@link InitScale}): auto (He for rectifiers, Glorot for
 *                           the other activations, every earlier result's), glorot or he
 */
public record TrainerConfig(List<Integer> hidden, Activation activation, Activation output, boolean bias, Loss loss,
                            double learningRate, int maxEpochs, double tolerance, ScalingMethod scaling, long seed,
                            OptimizerType optimizer, double momentum, LearningRateSchedule schedule, int batchSize,
                            double l2, double dropout, double validationFraction, int patience,
                            Precision precision, InitScale initScale) {
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
     * @param precision          float64 or float32
     * @param initScale          the range of the initial weights
     * @throws IllegalArgumentException naming the field and the allowed range for any value out of range, or the
     *                                  combination that does not work
     */
    public TrainerConfig(List<Integer> hidden, Activation activation, Activation output, boolean bias, Loss loss,
                         double learningRate, int maxEpochs, double tolerance, ScalingMethod scaling, long seed,
                         OptimizerType optimizer, double momentum, LearningRateSchedule schedule, int batchSize,
                         double l2, double dropout, double validationFraction, int patience,
                         Precision precision, InitScale initScale) {
        this.hidden = List.copyOf(hidden);
        this.activation = activation;
        this.output = output;
        this.bias = bias;
        this.loss = loss;
        this.learningRate = learningRate;
        this.maxEpochs = maxEpochs;
        this.tolerance = tolerance;
        this.scaling = scaling;
        this.seed = seed;
        this.optimizer = optimizer;
        this.momentum = momentum;
        this.schedule = schedule;
        this.batchSize = batchSize;
        this.l2 = l2;
        this.dropout = dropout;
        this.validationFraction = validationFraction;
        this.patience = patience;
        this.precision = precision;
        this.initScale = initScale;
        for (TrainingSetting<?> setting : TrainingSettings.ALL) {
            check(setting);
        }
        // The rules that join settings; each one's own range is checked above, from its description.
        if (!activation.elementWise()) {
            throw new IllegalArgumentException(activation.id() + " is an output activation; hidden layers use "
                    + "sigmoid, tanh, relu, leaky-relu or linear");
        }
        loss.checkActivation(output);
        if (dropout > 0 && optimizer.lineSearch()) {
            throw new IllegalArgumentException("dropout makes the loss random, which the line search of "
                    + optimizer.id() + " cannot work with; use gd, sgd, momentum, nesterov or adam with dropout");
        }
    }

    private <T> void check(TrainingSetting<T> setting) {
        setting.check(setting.of(this));
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
                OptimizerType.GD, 0.9, LearningRateSchedule.constant(), 0, 0.0, 0.0, 0.0, 0, Precision.FLOAT64,
                InitScale.AUTO);
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
     * The rows of each batch for {@code rows} training rows: the configured batch size, at most all of them, or the
     * optimizer's default when it is 0.
     */
    int batchRows(int rows) {
        return batchSize == 0 ? optimizer.defaultBatchSize(rows) : Math.min(batchSize, rows);
    }

    /**
     * The settings that decide a run, by name, for a model file's training history. A setting added after files
     * existed ({@link TrainingSetting#absentMeans()}) is left out where its value is what its absence means.
     *
     * @return a new insertion-ordered map from setting name to its value as text (numbers in Java's {@code Double.toString} form, locale-free)
     */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (TrainingSetting<?> setting : TrainingSettings.ALL) {
            // A setting added later is recorded only where it differs from what its absence means, so a run that
            // does not use it writes the file it wrote before the setting existed.
            boolean asIfAbsent = setting.absentMeans() != null && setting.absentMeans().equals(setting.of(this));
            if (!setting.inNetwork() && setting.appliesIn(this) && !asIfAbsent) {
                settings.put(setting.name(), setting.recordedIn(this));
            }
        }
        return settings;
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
        Builder builder = new Builder();
        for (TrainingSetting<?> setting : TrainingSettings.ALL) {
            copy(setting, builder);
        }
        return builder;
    }

    private <T> void copy(TrainingSetting<T> setting, Builder builder) {
        builder.set(setting, setting.of(this));
    }

    /**
     * Collects a {@link TrainerConfig}; starts at the seed's network (see the record's Javadoc). If no learning rate
     * is set, the optimizer's default is used ({@link OptimizerType#defaultLearningRate}: 1 for gd).
     */
    public static final class Builder extends TypedSettings<Builder> {
        private final Map<TrainingSetting<?>, Object> values = new LinkedHashMap<>();

        private Builder() {
            for (TrainingSetting<?> setting : TrainingSettings.ALL) {
                values.put(setting, setting.defaultIn(Preset.SEED, null, 0));
            }
        }

        @Override
        public <T> Builder set(TrainingSetting<T> setting, T value) {
            values.put(setting, value);
            return this;
        }

        /**
         * @throws IllegalArgumentException if a value is out of range or a combination does not work
         *                                  ({@link InvalidSettingException} for one setting's range)
         * @throws NullPointerException     naming the setting, for a null value
         *
         * @return a new configuration from the values set and the defaults
         */
        public TrainerConfig build() {
            return TrainingSettings.config(values);
        }
    }
}
