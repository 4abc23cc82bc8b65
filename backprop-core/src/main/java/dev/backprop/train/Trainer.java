package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.linalg.Elementwise;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.model.Model;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.Network;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Trains a network on a dataset. By default that is the seed's full-batch gradient descent: each epoch computes J and
 * ∂J/∂W over all examples, then W ← W - η ∂J/∂W, stopping when the largest absolute change to any parameter (weights
 * and biases) in one update falls below the tolerance, or after {@code maxEpochs} updates. The configuration can ask
 * for mini-batches, other optimizers, a learning-rate schedule, L2 and dropout, a validation split with early
 * stopping: see {@link TrainerConfig} and {@link TrainingLoop}.
 *
 * <p>Randomness: one generator seeded with the configuration's seed, drawing exactly what
 * {@code new SplittableRandom(seed)} draws, but whose state a {@link Checkpoint} can keep. {@link #train(Dataset)} first
 * draws the initial weights from it (exactly as the seed did), then splits it, in this order, into the sources of
 * the validation split, the epochs' shuffling and the dropout masks. The same seed and data give bit-identical
 * weights.
 *
 * <p>Scaling is fitted on the training rows only, and stored in the resulting {@link Model}.
 *
 * <p>Threads: a trainer is immutable, and runs on several threads at once give each the bits it gives alone. An
 * interrupt of the thread running a {@code train} or {@link #resume} ({@link Thread#interrupt()}, as
 * {@code Future.cancel(true)} does) stops the run at the end of its current batch, as a listener's stop does: the
 * result, with {@link StopReason#INTERRUPTED}, holds the weights so far, a checkpoint sink receives the state that
 * resumes it, and the thread's interrupt status stays set.
 *
 * <pre>{@code TrainingResult result = Trainer.of(config).train(dataset);}</pre>
 */
public final class Trainer {
    /** With checkpoints, the bytes of data from which {@link #scalingInPlace()} scales it where it lies. */
    static final long IN_PLACE_WITH_CHECKPOINTS = 64L << 20;
    private final TrainerConfig config;
    private final RunControls controls;

    private Trainer(TrainerConfig config, RunControls controls) {
        this.config = Objects.requireNonNull(config, "config");
        this.controls = controls;
    }

    /**
     * A trainer for {@code config} that reports to no listener, writes no checkpoints, and checks each run against
     * the JVM's heap ({@link MemoryBudget#heap()}).
     *
     * @param config the configuration, validated when it was built
     * @return a new trainer
     */
    public static Trainer of(TrainerConfig config) {
        return new Trainer(config, RunControls.DEFAULT);
    }

    /**
     * The same trainer, checking each run's weights, gradient, optimizer state, batch workspaces and scaled copy of
     * the data against {@code budget} before allocating them.
     *
     * @param budget the memory a run may take; not null
     * @return a new trainer; this one is unchanged
     */
    public Trainer withMemoryBudget(MemoryBudget budget) {
        return new Trainer(config, controls.withBudget(budget));
    }

    /**
     * The same trainer, taking over the data it is given instead of promising not to modify it: the caller hands a
     * {@link Dataset} to {@link #train(Dataset)}, {@link #train(Dataset, Network)} or {@link #resume} and must not use
     * it afterwards, and the run may scale the rows in the dataset's own storage where its matrices release it
     * ({@link dev.backprop.linalg.Matrix#release()}: the library's encoders make such matrices) instead of in a copy.
     * For a caller that encoded the data for this run alone (the CLI): the run holds one copy of the data, not two.
     * It does so always without checkpoints, and with them for data of at least 64 MiB: checkpoints name the data as
     * given, so data scaled where it lies is fingerprinted before the first epoch, a pass over every value that a
     * smaller copy does not repay. The weights are bit-identical either way, and {@link #requireMemory} counts what
     * the run will hold.
     *
     * @return a new trainer; this one is unchanged
     */
    public Trainer scalingInPlace() {
        return scalingInPlace(IN_PLACE_WITH_CHECKPOINTS);
    }

    /** {@link #scalingInPlace()} with checkpoints from {@code bytes} of data. */
    Trainer scalingInPlace(long bytes) {
        return new Trainer(config, controls.scalingInPlace(bytes));
    }

    /**
     * The same trainer, reporting every batch and epoch to {@code listener} (which may also stop it) in place of any
     * listener given before: a run has one listener, which may pass the calls on to others.
     *
     * @param listener receives progress on the training thread; not null
     * @return a new trainer; this one is unchanged
     */
    public Trainer withListener(TrainingListener listener) {
        return new Trainer(config, controls.withListener(listener));
    }

    /**
     * The same trainer, stopping a run ({@link StopReason#TIME_LIMIT}) at the end of the first epoch that ends once
     * {@code limit} has passed since the run (or its resumption) started, unless that epoch is the last, on rows in
     * this JVM or held elsewhere ({@link #train(RemoteRows)}, as backprop-spark's trainer uses it). Which epoch that is depends on the machine's speed, but the weights after each epoch do not:
     * a run stopped by the time limit and resumed from its checkpoint ends as the run that never stopped.
     *
     * @param limit the time a run may take, &gt; 0
     * @return a new trainer; this one is unchanged
     * @throws IllegalArgumentException if {@code limit} is zero or negative
     */
    public Trainer withTimeLimit(Duration limit) {
        return new Trainer(config, controls.withTimeLimit(limit));
    }

    /**
     * The same trainer, handing {@code sink} (in place of any sink given before) a {@link Checkpoint} at the end of
     * every {@code everyEpochs}-th epoch (the last one too, when the epoch limit is a multiple of {@code everyEpochs}),
     * one when a listener or an interrupt stops the run (the sink then runs with the interrupt status cleared, and
     * set again after it) and one when the time limit does; {@link #resume} continues from any of them
     * bit-identically (from the last one, with a larger epoch limit). The sink runs on the training thread; what it
     * throws ends training.
     *
     * @param sink        receives each checkpoint; not null
     * @return a new trainer; this one is unchanged
     * @param everyEpochs ≥ 0; 0 gives only the checkpoints of a run interrupted or stopped by the time limit
     * @throws IllegalArgumentException if {@code everyEpochs} is negative
     */
    public Trainer withCheckpoints(int everyEpochs, Consumer<Checkpoint> sink) {
        return new Trainer(config, controls.withCheckpoints(everyEpochs, sink));
    }

    /**
     * The configuration this trainer applies.
     *
     * @return the configuration, never null
     */
    public TrainerConfig config() {
        return config;
    }

    /**
     * The network the configuration describes for {@code inputs} inputs and {@code outputs} outputs.
     *
     * @param inputs  the number of network inputs, ≥ 1
     * @param outputs the number of network outputs, ≥ 1
     * @return the configured hidden layers, then an output layer of {@code outputs} units, with the configured loss
     */
    public Architecture architecture(int inputs, int outputs) {
        List<LayerSpec> layers = new ArrayList<>();
        int previous = inputs;
        for (int size : config.hidden()) {
            layers.add(new LayerSpec(previous, size, config.activation(), config.bias()));
            previous = size;
        }
        layers.add(new LayerSpec(previous, outputs, config.output(), config.bias()));
        return new Architecture(layers, config.loss());
    }

    /**
     * Checks, before data is encoded, that encoding {@code rows} rows for {@code architecture} and training on them
     * fits this trainer's memory budget: the encoded inputs and targets, rows x (inputs + outputs) doubles, beside
     * the weights, gradient, optimizer state, batch workspaces and scaled copy that a run allocates (no copy for a
     * trainer {@link #scalingInPlace()} without a validation split, whose training rows are the encoded ones).
     *
     * @param architecture the network to train
     * @param rows         the rows to be encoded, ≥ 0
     * @throws TooLargeException if they would not fit, saying what it needs and what there is
     */
    public void requireMemory(Architecture architecture, int rows) {
        TrainingFootprint.check(config, architecture, rows, true,
                controls.scalesInPlace((long) rows * (architecture.inputs() + architecture.outputs())),
                controls.budget());
    }

    /**
     * Trains a new network, its weights drawn by {@link Initializer} from the configured seed.
     *
     * @param data the training data, at least one row; not modified (unless this trainer is
     *             {@link #scalingInPlace()}, which takes it over)
     * @return the trained model and how training went
     * @throws IllegalArgumentException if the dataset has no rows, its targets do not suit the loss, or the
     *                                  configuration does not fit the data (see {@link #train(Dataset, Network)})
     * @throws TooLargeException        (an IllegalArgumentException) if the run would need more memory than the
     *                                  trainer's budget, checked before the weights are allocated
     */
    public TrainingResult train(Dataset data) {
        Architecture architecture = architecture(data.x().cols(), data.y().cols());
        TrainingFootprint.check(config, architecture, data.rows(), scalesInPlace(data), controls.budget());
        SplitMix random = SplitMix.of(config.seed());
        double[] parameters = Initializer.initialParameters(architecture, config.initScale(), random);
        return run(architecture, parameters, data, random, null, null);
    }

    /**
     * Trains on a data file's frame: fits a {@link Preprocessor} on it (ignored columns, missing values, one-hot
     * encoding, the target's task and classes), trains on the prepared rows, and returns a model that carries the
     * preprocessor, so it predicts from frames with the same columns.
     *
     * @param frame         the raw data, with the target column; not modified
     * @param preprocessing how to turn the frame's columns into inputs and targets
     * @return the trained model, carrying the fitted preprocessor, and how training went
     * @throws dev.backprop.data.InvalidDataException if the frame cannot be prepared (see {@link Preprocessor#fit})
     * @throws IllegalArgumentException               as {@link #train(Dataset)}
     */
    public TrainingResult train(Frame frame, PreprocessConfig preprocessing) {
        Preprocessor preprocessor = Preprocessor.fit(frame, preprocessing);
        // The encoded rows are this call's alone: scaled where they lie.
        TrainingResult result = scalingInPlace().train(preprocessor.apply(frame).dataset());
        return result.withModel(result.model().withPreprocessor(preprocessor));
    }

    /**
     * Trains starting from {@code initial}'s architecture (layers, activations, bias, loss) and weights instead of
     * random ones; the rest of the configuration (optimizer, learning rate, epochs, tolerance, scaling, batches,
     * regularization, validation) applies.
     *
     * @param data    the training data, at least one row; not modified (unless this trainer is
     *                {@link #scalingInPlace()}, which takes it over)
     * @param initial the starting network; not modified (a network is immutable)
     * @return the trained model and how training went
     * @throws IllegalArgumentException if the dataset's column counts do not match the network, a parameter of the
     *                                  network is NaN or infinite, the dataset has no rows, its targets do not suit
     *                                  the loss, the validation split leaves a part empty, or
     *                                  lbfgs or bfgs is given a batch smaller than the training rows or a network
     *                                  too large
     */
    public TrainingResult train(Dataset data, Network initial) {
        Architecture architecture = initial.architecture();
        if (architecture.inputs() != data.x().cols() || architecture.outputs() != data.y().cols()) {
            throw new IllegalArgumentException("the network maps " + architecture.inputs() + " inputs to "
                    + architecture.outputs() + " outputs but the data has " + data.x().cols() + " inputs and "
                    + data.y().cols() + " targets");
        }
        TrainingFootprint.check(config, architecture, data.rows(), scalesInPlace(data), controls.budget());
        return run(architecture, startingParameters(initial), data, SplitMix.of(config.seed()), null, null);
    }

    /**
     * {@code initial}'s parameters, which must be finite: a NaN there makes every loss NaN, and the run ended as
     * "diverged" with the NaN weights it was given.
     */
    private static double[] startingParameters(Network initial) {
        double[] parameters = initial.parameters();
        int i = Elementwise.firstNonFinite(parameters);
        if (i >= 0) {
            throw new IllegalArgumentException("the starting network's parameter " + (i + 1) + " of "
                    + parameters.length + " is " + parameters[i] + ": training starts from finite weights");
        }
        return parameters;
    }

    /**
     * Continues the run {@code checkpoint} paused, on the same data: the result is bit-identical to the one the run
     * would have given had it never stopped. This trainer's configuration must be the checkpoint's, except that its
     * epoch limit may be larger: a run that reached its limit then goes on as a run started with the larger one.
     *
     * @param data       the same data the paused run trained on; not modified (unless this trainer is
     *                   {@link #scalingInPlace()}, which takes it over)
     * @param checkpoint the paused run; not modified
     * @return the trained model and how the whole run (before and after the pause) went
     * @throws IllegalArgumentException if the configuration or the data differ from the checkpoint's, or the
     *                                  checkpoint does not fit its own network
     */
    public TrainingResult resume(Dataset data, Checkpoint checkpoint) {
        Architecture architecture = checkpoint.requireResumable(config, data);
        TrainingFootprint.check(config, architecture, data.rows(), scalesInPlace(data), controls.budget());
        return run(architecture, checkpoint.state().parameters().clone(), data, null, checkpoint.state(),
                checkpoint.dataFingerprint());
    }

    /**
     * The model training would start from, before any update: fresh seeded weights and scaling fitted on the
     * training rows of {@code data} (all of them without a validation split), exactly as {@link #train(Dataset)}
     * starts. For showing a network's first steps (the CLI's {@code explain}).
     *
     * @param data the training data; not modified
     * @return the untrained model with its scaling
     * @throws IllegalArgumentException as {@link #train(Dataset)} for data that cannot be trained on
     */
    public Model initialModel(Dataset data) {
        Architecture architecture = architecture(data.x().cols(), data.y().cols());
        SplitMix random = SplitMix.of(config.seed());
        double[] parameters = Initializer.initialParameters(architecture, config.initScale(), random);
        PreparedData<?> prepared = PreparedData.of(Format.of(config.precision()), config, architecture, data,
                random.split(), false);
        return prepared.model(Network.of(architecture, parameters, config.precision()), data);
    }

    /** Whether a run on {@code data} scales it where it lies ({@link #scalingInPlace()}). */
    private boolean scalesInPlace(Dataset data) {
        return controls.scalesInPlace((long) data.rows() * (data.x().cols() + data.y().cols()));
    }

    /**
     * Trains from fresh streams split off {@code random}, or continues {@code from} with its saved streams.
     *
     * @param fingerprint {@link Checkpoint#fingerprint} of {@code data} when known (a resumed run's), else null
     */
    private TrainingResult run(Architecture architecture, double[] parameters, Dataset data, SplitMix random,
                               TrainingState from, Long fingerprint) {
        return run(Format.of(config.precision()), architecture, parameters, data, random, from, fingerprint);
    }

    /**
     * {@link #run(Architecture, double[], Dataset, SplitMix, TrainingState, Long)} in {@code format}: the rows are
     * scaled into it and θ rounded into it once, before the first epoch; the trained θ is widened back (exactly) for
     * the network, which computes in the configured precision.
     */
    private <A> TrainingResult run(Format<A> format, Architecture architecture, double[] parameters, Dataset data,
                                   SplitMix random, TrainingState from, Long fingerprint) {
        SplitMix splitting = from == null ? random.split() : SplitMix.fromState(from.splitRandom());
        SplitMix shuffling = from == null ? random.split() : SplitMix.fromState(from.shuffleRandom());
        SplitMix dropping = from == null ? random.split() : SplitMix.fromState(from.dropoutRandom());
        long[] splitStart = splitting.state();
        // Checkpoints name the data as given; rows scaled where they lie (no split) must be fingerprinted before.
        boolean inPlace = scalesInPlace(data);
        if (fingerprint == null && inPlace && controls.checkpoints() != null && config.validationFraction() == 0) {
            fingerprint = Checkpoint.fingerprint(data);
        }
        PreparedData<A> prepared = PreparedData.of(format, config, architecture, data, splitting, inPlace);
        A theta = format.narrow(parameters);
        TrainingOutcome outcome = TrainingLoop.of(format, config, architecture, prepared.training(),
                prepared.validation(), dropping, controls.listener(), controls.timeLimit()).run(theta, splitStart,
                shuffling, from, controls.checkpointEvery(),
                controls.stateSink(config, architecture, data, prepared, fingerprint));
        return outcome.result(config, prepared.model(Network.of(architecture, format.widen(theta),
                config.precision()), data));
    }

    /**
     * Trains a new network, its weights drawn as {@link #train(Dataset)} draws them, on rows held elsewhere: each
     * epoch one full-batch update, with the same schedule, stopping rules and kept weights as on rows in this JVM.
     *
     * @param data the rows and their objective
     * @return the trained model (without preprocessing) and how training went
     * @throws IllegalArgumentException if the configuration asks for a batch size, dropout or a validation split
     */
    public TrainingResult train(RemoteRows data) {
        RemoteRows.Description rows = data.description();
        Architecture architecture = architecture(rows.inputNames().size(), rows.targetNames().size());
        return train(data, Network.of(architecture, Initializer.initialParameters(architecture,
                config.initScale(), SplitMix.of(config.seed()))));
    }

    /**
     * Trains on rows held elsewhere as {@link #train(RemoteRows)}, from {@code initial}'s architecture and weights.
     *
     * @param data    the rows and their objective
     * @param initial the starting network
     * @return the trained model (without preprocessing) and how training went
     * @throws IllegalArgumentException as {@link #train(RemoteRows)}, or if the network does not fit the rows or has
     *                                  a NaN or infinite parameter
     */
    public TrainingResult train(RemoteRows data, Network initial) {
        return remote(Format.of(config.precision()), data, initial);
    }

    /** {@link #train(RemoteRows, Network)} with θ in {@code format}, rounded into it once and widened back. */
    private <A> TrainingResult remote(Format<A> format, RemoteRows data, Network initial) {
        A theta = format.narrow(startingParameters(initial));
        TrainingOutcome outcome = TrainingLoop.remote(format, config, initial.architecture(), data,
                controls.listener(), controls.timeLimit()).run(theta, null, null, null, 0, null);
        return outcome.result(config, data.description().model(Network.of(initial.architecture(),
                format.widen(theta), config.precision())));
    }
}
