package dev.backprop.train;

import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.InitScale;
import dev.backprop.nn.Loss;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.OptimizerType;

import java.util.List;

/**
 * A typed setter for each of {@link TrainingSettings#ALL}, over one generic {@link #set}: what
 * {@link TrainerConfig.Builder} offers besides building.
 *
 * @param <B> the builder, which each setter returns
 */
abstract class TypedSettings<B extends TypedSettings<B>> {
    /**
     * Sets one setting.
     *
     * @param setting the setting, one of {@link TrainingSettings#ALL}
     * @param value   its value (checked when the configuration is built); null for the learning rate means the
     *                optimizer's
     * @param <T>     the setting's value type
     * @return this builder
     */
    public abstract <T> B set(TrainingSetting<T> setting, T value);

    /**
     * Sets the hidden layer sizes, input side first (default: one layer of 3).
     *
     * @param sizes sizes of the hidden layers, each ≥ 1 (checked when the configuration is built); copied
     * @return this builder
     */
    public B hidden(List<Integer> sizes) {
        return set(TrainingSettings.HIDDEN, List.copyOf(sizes));
    }

    /**
     * Sets the hidden layer sizes, input side first; none for a network without hidden layers.
     *
     * @param sizes sizes of the hidden layers, each ≥ 1
     * @return this builder
     */
    public B hidden(Integer... sizes) {
        return hidden(List.of(sizes));
    }

    /**
     * Sets f of every hidden layer (default sigmoid).
     *
     * @param activation an element-wise activation
     * @return this builder
     */
    public B activation(Activation activation) {
        return set(TrainingSettings.ACTIVATION, activation);
    }

    /**
     * Sets f of the output layer (default sigmoid).
     *
     * @param output an activation the loss accepts
     * @return this builder
     */
    public B output(Activation output) {
        return set(TrainingSettings.OUTPUT, output);
    }

    /**
     * Sets whether every layer has a bias vector (default false, as in the seed).
     *
     * @param bias true for a bias in every layer
     * @return this builder
     */
    public B bias(boolean bias) {
        return set(TrainingSettings.BIAS, bias);
    }

    /**
     * Sets the loss J (default sse).
     *
     * @param loss the loss
     * @return this builder
     */
    public B loss(Loss loss) {
        return set(TrainingSettings.LOSS, loss);
    }

    /**
     * Sets η₀ (default: the optimizer's {@link OptimizerType#defaultLearningRate()}).
     *
     * @param learningRate η₀, finite and &gt; 0
     * @return this builder
     */
    public B learningRate(double learningRate) {
        return set(TrainingSettings.LEARNING_RATE, learningRate);
    }

    /**
     * Sets the most epochs to run (default 10,000).
     *
     * @param maxEpochs ≥ 1
     * @return this builder
     */
    public B maxEpochs(int maxEpochs) {
        return set(TrainingSettings.MAX_EPOCHS, maxEpochs);
    }

    /**
     * Sets the convergence and improvement threshold (default 1e-6).
     *
     * @param tolerance finite and ≥ 0
     * @return this builder
     */
    public B tolerance(double tolerance) {
        return set(TrainingSettings.TOLERANCE, tolerance);
    }

    /**
     * Sets how inputs and targets are scaled (default min-max).
     *
     * @param scaling the scaling method
     * @return this builder
     */
    public B scaling(ScalingMethod scaling) {
        return set(TrainingSettings.SCALING, scaling);
    }

    /**
     * Sets the seed of every random choice (default 42).
     *
     * @param seed any value
     * @return this builder
     */
    public B seed(long seed) {
        return set(TrainingSettings.SEED, seed);
    }

    /**
     * Sets the optimizer (default gd).
     *
     * @param optimizer the optimizer type
     * @return this builder
     */
    public B optimizer(OptimizerType optimizer) {
        return set(TrainingSettings.OPTIMIZER, optimizer);
    }

    /**
     * Sets μ for momentum and nesterov (default 0.9).
     *
     * @param momentum μ, in [0, 1)
     * @return this builder
     */
    public B momentum(double momentum) {
        return set(TrainingSettings.MOMENTUM, momentum);
    }

    /**
     * Sets how η changes between epochs (default constant).
     *
     * @param schedule the schedule
     * @return this builder
     */
    public B schedule(LearningRateSchedule schedule) {
        return set(TrainingSettings.SCHEDULE, schedule);
    }

    /**
     * Sets the rows per update (default 0: the optimizer's default).
     *
     * @param batchSize ≥ 0
     * @return this builder
     */
    public B batchSize(int batchSize) {
        return set(TrainingSettings.BATCH_SIZE, batchSize);
    }

    /**
     * Sets λ of the L2 penalty (default 0).
     *
     * @param l2 λ, finite and ≥ 0
     * @return this builder
     */
    public B l2(double l2) {
        return set(TrainingSettings.L2, l2);
    }

    /**
     * Sets the dropout probability of hidden units (default 0).
     *
     * @param dropout p, in [0, 1)
     * @return this builder
     */
    public B dropout(double dropout) {
        return set(TrainingSettings.DROPOUT, dropout);
    }

    /**
     * Sets the fraction of rows held out for validation (default 0).
     *
     * @param validationFraction in [0, 1)
     * @return this builder
     */
    public B validationFraction(double validationFraction) {
        return set(TrainingSettings.VALIDATION, validationFraction);
    }

    /**
     * Sets the epochs without improvement before stopping early (default 0: never).
     *
     * @param patience ≥ 0
     * @return this builder
     */
    public B patience(int patience) {
        return set(TrainingSettings.PATIENCE, patience);
    }

    /**
     * Sets the number format of the run (default float64): float32 trains and predicts with float weights, data and
     * arithmetic.
     *
     * @param precision float64 or float32
     * @return this builder
     */
    public B precision(Precision precision) {
        return set(TrainingSettings.PRECISION, precision);
    }

    /**
     * Sets the range of the initial weights (default auto: He for relu and leaky-relu layers, Glorot for the others).
     *
     * @param initScale auto, glorot or he
     * @return this builder
     */
    public B initScale(InitScale initScale) {
        return set(TrainingSettings.INIT_SCALE, initScale);
    }
}
