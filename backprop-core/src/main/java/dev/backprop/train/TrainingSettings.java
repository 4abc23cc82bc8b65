package dev.backprop.train;

import dev.backprop.data.ScalingMethod;
import dev.backprop.data.Task;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.InitScale;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.SettingKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every training setting, each described once ({@link TrainingSetting}), in the order a model file's training
 * history lists them (the architecture's first, which the history leaves to the network). {@link TrainerConfig}'s
 * builder, checks and {@link TrainerConfig#settings()}, the checkpoint file, and the options of {@code backprop
 * train} and {@code backprop-spark} all derive from this list.
 */
public final class TrainingSettings {
    /** Sizes of the hidden layers, input side first. */
    public static final TrainingSetting<List<Integer>> HIDDEN = new TrainingSetting<List<Integer>>("hidden",
            SettingKind.SIZES, List.of("--hidden"), "N[,N...]", "Sizes of the hidden layers, input side first.",
            TrainerConfig::hidden, List.of(3), "3")
            .label("hidden layer").auto((task, rows) -> List.of(100), "100").architecture()
            .check(sizes -> sizes.stream().allMatch(size -> size > 0) ? null : "sizes must be > 0 but were " + sizes);
    /** f of every hidden layer. */
    public static final TrainingSetting<Activation> ACTIVATION = new TrainingSetting<>("activation", SettingKind.ID,
            List.of("--activation"), "F", "Hidden-layer activation: sigmoid, tanh, relu, leaky-relu, linear.",
            TrainerConfig::activation, Activation.SIGMOID, "sigmoid")
            .parsed(Activation::fromId, Activation::id).auto((task, rows) -> Activation.RELU, "relu").architecture();
    /** f of the output layer. */
    public static final TrainingSetting<Activation> OUTPUT = new TrainingSetting<>("output", SettingKind.ID,
            List.of("--output-activation"), "F",
            "Output activation: sigmoid, linear, softmax (with categorical-cross-entropy).",
            TrainerConfig::output, Activation.SIGMOID, "sigmoid")
            .parsed(Activation::fromId, Activation::id).architecture()
            .auto((task, rows) -> task == Task.CLASSIFICATION ? Activation.SOFTMAX : Activation.LINEAR,
                    "linear for regression, softmax for classification");
    /** Whether every layer has a bias vector. */
    public static final TrainingSetting<Boolean> BIAS = new TrainingSetting<>("bias", SettingKind.BOOLEAN,
            List.of("--bias"), "", "Give every layer a bias vector.", TrainerConfig::bias, false, "--no-bias")
            .auto((task, rows) -> true, "--bias").architecture();
    /** J. */
    public static final TrainingSetting<Loss> LOSS = new TrainingSetting<>("loss", SettingKind.ID, List.of("--loss"), "L",
            "sse (the seed's sum of 1/2 (y - yhat)^2), mse (sse / rows), binary-cross-entropy (sigmoid output), "
                    + "categorical-cross-entropy (softmax output).", TrainerConfig::loss, Loss.SSE, "sse")
            .parsed(Loss::fromId, Loss::id).network()
            .auto((task, rows) -> task == Task.CLASSIFICATION ? Loss.CATEGORICAL_CROSS_ENTROPY : Loss.MSE,
                    "mse or categorical-cross-entropy");
    /** How parameters are updated. */
    public static final TrainingSetting<OptimizerType> OPTIMIZER = new TrainingSetting<>("optimizer", SettingKind.ID,
            List.of("--optimizer"), "OPT", "gd (full-batch gradient descent, W <- W - eta dJ/dW), sgd, momentum, "
                    + "nesterov, adam (mini-batches), lbfgs, bfgs (full batch, line search).",
            TrainerConfig::optimizer, OptimizerType.GD, "gd")
            .parsed(OptimizerType::fromId, OptimizerType::id).auto((task, rows) -> OptimizerType.ADAM, "adam");
    /** η₀; its default is the optimizer's. */
    public static final TrainingSetting<Double> LEARNING_RATE = new TrainingSetting<>("learningRate", SettingKind.DOUBLE,
            List.of("--learning-rate", "--eta"), "ETA", "Learning rate eta (> 0).", TrainerConfig::learningRate,
            null, "the optimizer's (gd 1, sgd/momentum/nesterov 0.01, adam 0.001)")
            .check(rate -> rate > 0 && !Double.isInfinite(rate) ? null : "must be > 0 and finite but was " + rate);
    /** How η changes between epochs. */
    public static final TrainingSetting<LearningRateSchedule> SCHEDULE = new TrainingSetting<>("schedule", SettingKind.ID,
            List.of("--schedule"), "S", "Learning-rate schedule: constant, step[:FACTOR:EVERY], exponential[:FACTOR], "
                    + "plateau[:FACTOR:PATIENCE[:MIN]].", TrainerConfig::schedule, LearningRateSchedule.constant(),
            "constant")
            .parsed(LearningRateSchedule::parse, LearningRateSchedule::id);
    /** μ of the momentum optimizers. */
    public static final TrainingSetting<Double> MOMENTUM = new TrainingSetting<>("momentum", SettingKind.DOUBLE,
            List.of("--momentum"), "MU", "mu of momentum and nesterov, in [0, 1).", TrainerConfig::momentum, 0.9,
            "0.9")
            .check(mu -> mu >= 0 && mu < 1 ? null : "must be in [0, 1) but was " + mu)
            .appliesOnlyTo(config -> config.optimizer() == OptimizerType.MOMENTUM
                    || config.optimizer() == OptimizerType.NESTEROV, "the momentum and nesterov optimizers");
    /** Rows per update; 0 for the optimizer's default. */
    public static final TrainingSetting<Integer> BATCH_SIZE = new TrainingSetting<>("batchSize", SettingKind.INTEGER,
            List.of("--batch-size"), "N", "Rows per update.", TrainerConfig::batchSize, 0,
            "all rows for gd, lbfgs, bfgs; min(200, rows) for the others")
            .recorded(rows -> rows == 0 ? "default" : Integer.toString(rows))
            .check(rows -> rows >= 0 ? null : "must be >= 0 (0: the optimizer's default) but was " + rows)
            .optionCheck(rows -> rows > 0 ? null : "must be > 0 but was " + rows
                    + " (leave it out for the optimizer's default)");
    /** The most epochs. */
    public static final TrainingSetting<Integer> MAX_EPOCHS = new TrainingSetting<>("maxEpochs", SettingKind.INTEGER,
            List.of("--epochs"), "MAX", "Most epochs to run.", TrainerConfig::maxEpochs, 10_000, "10000")
            .auto((task, rows) -> 500, "500")
            .check(epochs -> epochs > 0 ? null : "must be > 0 but was " + epochs);
    /** The convergence and improvement threshold. */
    public static final TrainingSetting<Double> TOLERANCE = new TrainingSetting<>("tolerance", SettingKind.DOUBLE,
            List.of("--tolerance"), "TOL", "Stop once no weight changes by more than TOL in an epoch (0: never); "
                    + "also the least improvement --patience counts.", TrainerConfig::tolerance, 1e-6, "1e-6")
            .check(tol -> tol >= 0 && !Double.isInfinite(tol) ? null : "must be >= 0 and finite but was " + tol);
    /** Epochs without improvement before stopping. */
    public static final TrainingSetting<Integer> PATIENCE = new TrainingSetting<>("patience", SettingKind.INTEGER,
            List.of("--patience"), "N", "Stop when the validation loss (training loss without --validation) has "
                    + "not improved for N epochs; 0 never.", TrainerConfig::patience, 0, "0")
            .auto((task, rows) -> 10, "10")
            .check(epochs -> epochs >= 0 ? null : "must be >= 0 (0: never stop early) but was " + epochs);
    /** The fraction of rows held out. */
    public static final TrainingSetting<Double> VALIDATION = new TrainingSetting<>("validationFraction",
            SettingKind.DOUBLE, List.of("--validation"), "FRACTION", "Hold out this fraction of rows (seeded) and keep the "
                    + "weights of the best validation epoch, in [0, 1).", TrainerConfig::validationFraction, 0.0, "0")
            .check(f -> f >= 0 && f < 1 ? null : "must be in [0, 1) but was " + f);
    /** λ of the L2 penalty. */
    public static final TrainingSetting<Double> L2 = new TrainingSetting<>("l2", SettingKind.DOUBLE, List.of("--l2"),
            "LAMBDA", "L2 penalty: J/n + lambda/2 * sum of squared weights (biases not penalised).",
            TrainerConfig::l2, 0.0, "0")
            .auto((task, rows) -> 1.0 / rows, "1/rows, a standard normal prior on each weight")
            .check(l2 -> l2 >= 0 && !Double.isInfinite(l2) ? null : "must be >= 0 and finite but was " + l2);
    /** The dropout probability. */
    public static final TrainingSetting<Double> DROPOUT = new TrainingSetting<>("dropout", SettingKind.DOUBLE,
            List.of("--dropout"), "P", "Drop each hidden unit with probability P while training (inverted dropout), "
                    + "in [0, 1).", TrainerConfig::dropout, 0.0, "0")
            .check(p -> p >= 0 && p < 1 ? null : "must be in [0, 1) but was " + p);
    /** How inputs and targets are scaled. */
    public static final TrainingSetting<ScalingMethod> SCALING = new TrainingSetting<>("scaling", SettingKind.ID,
            List.of("--scale"), "METHOD", "Input and target scaling: minmax (to [0,1]), max (divide by the column "
                    + "maximum), standard (z-scores: mean 0, standard deviation 1), none.", TrainerConfig::scaling, ScalingMethod.MINMAX, "minmax")
            .parsed(ScalingMethod::fromId, ScalingMethod::id);
    /** The seed of every random choice. */
    public static final TrainingSetting<Long> SEED = new TrainingSetting<>("seed", SettingKind.LONG, List.of("--seed"), "N",
            "Seed of every random choice: initial weights, validation split, shuffling, dropout.",
            TrainerConfig::seed, 42L, "42");
    /** The number format of the weights, data and arithmetic; files from before it existed were float64. */
    public static final TrainingSetting<Precision> PRECISION = new TrainingSetting<>("precision", SettingKind.ID,
            List.of("--precision"), "P", "Number format of weights, data and arithmetic: float64, or float32 (half "
                    + "the memory and bytes moved, twice the numbers per vector instruction; 7 significant digits "
                    + "instead of 16).",
            TrainerConfig::precision, Precision.FLOAT64, "float64")
            .parsed(Precision::fromId, Precision::id).addedLater();
    /** The range of the initial weights; files from before it existed drew them at {@link InitScale#AUTO}'s. */
    public static final TrainingSetting<InitScale> INIT_SCALE = new TrainingSetting<>("initScale", SettingKind.ID,
            List.of("--init-scale"), "S", "Range of the initial weights, uniform in [-r, r]: glorot (r = sqrt(6 / "
                    + "(fan_in + fan_out)), scikit-learn's and Keras' for every layer), he (r = sqrt(6 / fan_in)), "
                    + "or auto (he for relu and leaky-relu layers, glorot for the others).",
            TrainerConfig::initScale, InitScale.AUTO, "auto")
            .parsed(InitScale::fromId, InitScale::id).addedLater();

    /** Every setting, the architecture's first, then in the order of a model file's training history. */
    public static final List<TrainingSetting<?>> ALL = List.of(HIDDEN, ACTIVATION, OUTPUT, BIAS, LOSS, OPTIMIZER,
            LEARNING_RATE, SCHEDULE, MOMENTUM, BATCH_SIZE, MAX_EPOCHS, TOLERANCE, PATIENCE, VALIDATION, L2, DROPOUT,
            SCALING, SEED, PRECISION, INIT_SCALE);

    private TrainingSettings() {
    }

    /**
     * The configuration of settings given as command-line options on top of a preset.
     *
     * @param preset where settings not given start
     * @param task   the target's task, for {@link Preset#AUTO}
     * @param rows   the rows of the training data, for {@link Preset#AUTO} (&gt; 0 for it)
     * @param given  the options typed, by setting: a {@code String} for {@link SettingKind#ID}, else the converted value
     * @return the configuration
     * @throws IllegalArgumentException in the words of the options: a value out of range, an unknown word, a
     *                                  combination that does not work, or an option whose setting the
     *                                  configuration ignores ({@code --momentum} with adam)
     */
    public static TrainerConfig configure(Preset preset, Task task, int rows, Map<TrainingSetting<?>, Object> given) {
        TrainerConfig.Builder builder = preset.builder(task, rows);
        TrainerConfig config;
        try {
            for (TrainingSetting<?> setting : ALL) {
                if (given.containsKey(setting)) {
                    set(builder, setting, given.get(setting));
                }
            }
            config = builder.build();
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException(e.optionMessage(), e);
        }
        for (TrainingSetting<?> setting : ALL) {
            if (given.containsKey(setting) && !setting.appliesIn(config)) {
                throw new IllegalArgumentException(notApplying(setting, config) + " (choose one with "
                        + OPTIMIZER.option() + ")");
            }
        }
        return config;
    }

    /**
     * Why an option does nothing in a configuration, for one that applies to some optimizers only.
     *
     * @param setting the setting
     * @param config  the configuration
     * @return such as {@code --momentum applies to the momentum and nesterov optimizers, not adam}, or null if the
     *         setting applies in {@code config}
     */
    public static String notApplying(TrainingSetting<?> setting, TrainerConfig config) {
        return setting.appliesIn(config) ? null : setting.option() + " applies to " + setting.appliesTo() + ", not "
                + config.optimizer().id();
    }

    /**
     * Checks one option's value by itself, whatever the other settings are: its word is known and its number within
     * the setting's range. Whether it works with the others is {@link #configure}'s to say.
     *
     * @param setting the setting
     * @param typed   the value as typed: a {@code String} for {@link SettingKind#ID}, else the converted value
     * @param <T>     the setting's type
     * @throws IllegalArgumentException in the words of the option ({@code --l2 must be >= 0 and finite but was -1.0})
     */
    public static <T> void checkValue(TrainingSetting<T> setting, Object typed) {
        try {
            T value = setting.parse(typed);
            setting.checkOption(value);
            setting.check(value);
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException(e.optionMessage(), e);
        }
    }

    private static <T> void set(TrainerConfig.Builder builder, TrainingSetting<T> setting, Object typed) {
        T value = setting.parse(typed);
        setting.checkOption(value);
        builder.set(setting, value);
    }

    /**
     * Refuses options for what a starting model's file decides.
     *
     * @param given the options typed, by setting
     * @throws IllegalArgumentException naming the options that a starting model decides, if any is given
     */
    public static void checkStartingModel(Map<TrainingSetting<?>, Object> given) {
        List<String> decided = new ArrayList<>();
        boolean clash = false;
        for (TrainingSetting<?> setting : ALL) {
            if (setting.decidedByModel()) {
                decided.add(setting.option());
                clash |= given.containsKey(setting);
            }
        }
        if (clash) {
            String last = decided.remove(decided.size() - 1);
            throw new IllegalArgumentException(String.join(", ", decided) + " and " + last
                    + " cannot be combined with --init: the model file decides the architecture");
        }
    }

    /**
     * The network training starts from: {@code initial}, with the loss of a {@link #LOSS} option if one is given.
     *
     * @param initial the starting model's network
     * @param given   the options typed, by setting
     * @return the network to train
     * @throws IllegalArgumentException for an unknown loss, or one the output layer does not suit
     */
    public static Network startingNetwork(Network initial, Map<TrainingSetting<?>, Object> given) {
        return given.containsKey(LOSS) ? Network.of(initial.layers(), LOSS.parse(given.get(LOSS))) : initial;
    }

    /** The configuration holding {@code values}, one for each setting (a null learning rate: the optimizer's). */
    static TrainerConfig config(Map<TrainingSetting<?>, Object> values) {
        OptimizerType optimizer = Objects.requireNonNull(get(values, OPTIMIZER), OPTIMIZER.name());
        Double rate = get(values, LEARNING_RATE);
        return new TrainerConfig(get(values, HIDDEN), get(values, ACTIVATION), get(values, OUTPUT),
                get(values, BIAS), get(values, LOSS), rate != null ? rate : optimizer.defaultLearningRate(),
                get(values, MAX_EPOCHS), get(values, TOLERANCE), get(values, SCALING), get(values, SEED), optimizer,
                get(values, MOMENTUM), get(values, SCHEDULE), get(values, BATCH_SIZE), get(values, L2),
                get(values, DROPOUT), get(values, VALIDATION), get(values, PATIENCE), get(values, PRECISION),
                get(values, INIT_SCALE));
    }

    @SuppressWarnings("unchecked")
    private static <T> T get(Map<TrainingSetting<?>, Object> values, TrainingSetting<T> setting) {
        return (T) values.get(setting);
    }
}
