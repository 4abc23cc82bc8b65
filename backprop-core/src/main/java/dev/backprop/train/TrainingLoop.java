package dev.backprop.train;

import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.optim.Optimizer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The epochs of one training run: updates over the full batch or shuffled mini-batches, the learning-rate schedule,
 * the stopping rules, and which weights are kept. The rows are in this JVM, or elsewhere behind a
 * {@link FullBatchObjective} (a cluster's); the rules are the same. Everything the epochs touch is allocated before
 * the first one, except the loss histories, which grow (by doubling) as epochs run.
 *
 * <p>Stopping rules, checked after each epoch in this order: a non-finite loss ({@link StopReason#DIVERGED}, at once,
 * even mid-epoch), no parameter moving by more than the tolerance ({@link StopReason#CONVERGED}), the monitored loss
 * not improving by more than the tolerance for {@code patience} epochs ({@link StopReason#EARLY_STOPPING} with a
 * validation split, {@link StopReason#NO_IMPROVEMENT} without), a listener's request or an interrupt of the training
 * thread ({@link StopReason#INTERRUPTED}, also after any mini-batch),
 * the time limit before the last epoch ({@link StopReason#TIME_LIMIT}), the epoch limit ({@link StopReason#MAX_EPOCHS}).
 * The time limit emits a state, and so does every {@code every}-th epoch, the last one included, so that a run stopped
 * by the time limit, or by an epoch limit that is a multiple of {@code every}, can be continued with a larger limit.
 *
 * <p>Precision: the loop is written once over the array type A of its {@link Format}: with float32, θ, the gradient,
 * the rows, the batches and the optimizer's state are floats ({@link Optimizer#step(float[], float[])}); the line
 * searches step a double copy of θ and round it back ({@link Format#lineSearch}). A listener that reads
 * {@link TrainingListener#parametersUpdated} gets double copies in a float32 run, made only if it overrides that
 * method.
 *
 * @param <A> the array type, double[] or float[]
 */
final class TrainingLoop<A> {
    /** How many rows the validation and final losses push through at once. */
    private static final int EVALUATION_CHUNK = 1024;

    private final Format<A> format;
    private final TrainerConfig config;
    private final Architecture architecture;
    /** The rows in this JVM; null when they are elsewhere. */
    private final Examples<A> training;
    private final Examples<A> validation;
    private final int rows;
    private final int batch;
    /** The pass over a batch of rows in this JVM; null when they are elsewhere. */
    private final Format.Pass<A> backprop;
    /** Where a full-batch epoch's J and ∇J come from; null for mini-batches. */
    private final FullBatch<A> full;
    private final TrainingListener listener;
    /** The most nanoseconds of epochs this run may start, counted from {@link #run}; 0 for no limit. */
    private final long timeLimit;
    /** The source of dropout masks, kept in checkpoints; null for rows elsewhere (no dropout). */
    private final SplitMix dropping;

    private TrainingLoop(Format<A> format, TrainerConfig config, Architecture architecture, Examples<A> training,
                         Examples<A> validation, int rows, int batch, Format.Pass<A> backprop, FullBatch<A> full,
                         TrainingListener listener, long timeLimit, SplitMix dropping) {
        this.format = format;
        this.config = config;
        this.architecture = architecture;
        this.training = training;
        this.validation = validation;
        this.rows = rows;
        this.batch = batch;
        this.backprop = backprop;
        this.full = full;
        this.listener = listener;
        this.timeLimit = timeLimit;
        this.dropping = dropping;
    }

    /**
     * A run on rows in this JVM, in batches of the configured size.
     *
     * @param validation held-out rows, or null for none
     * @param dropping   the source of dropout masks, kept in checkpoints
     * @param listener   told of every batch and epoch, and asked whether to stop
     * @param timeLimit  stop at the end of the first epoch that ends this many nanoseconds after the run started, or
     *                   0 for no limit
     * @throws InvalidSettingException if a line-search optimizer is asked to use mini-batches
     */
    static <A> TrainingLoop<A> of(Format<A> format, TrainerConfig config, Architecture architecture,
                                  Examples<A> training, Examples<A> validation, SplitMix dropping,
                                  TrainingListener listener, long timeLimit) {
        int rows = training.rows();
        int batch = config.batchRows(rows);
        boolean lineSearch = config.optimizer().lineSearch();
        if (lineSearch && batch < rows) {
            throw new InvalidSettingException(TrainingSettings.BATCH_SIZE, config.optimizer().id()
                    + " works on the full batch, but ", " " + config.batchSize() + " is less than the " + rows
                    + " training rows (leave it at 0)");
        }
        Format.Pass<A> backprop = format.pass(architecture, batch, config.regularization(), dropping);
        FullBatch<A> full = batch < rows ? null
                : FullBatch.of(format, backprop, training, lineSearch, architecture.parameterCount());
        return new TrainingLoop<>(format, config, architecture, training, validation, rows, batch, backprop, full,
                listener, timeLimit, dropping);
    }

    /**
     * A full-batch run on rows elsewhere: each epoch one update on the J and ∇J of {@link RemoteRows#steps}.
     *
     * <p>In float32 θ and the optimizer's state are floats as on rows in this JVM, and each block computes in float32
     * ({@link BlockObjective#blocksIn}); the blocks' sums stay double and the gradient is rounded to float once.
     *
     * @param timeLimit stop at the end of the first epoch that ends this many nanoseconds after the run started, or 0
     *                  for no limit
     * @throws IllegalArgumentException if the configuration asks for what a full-batch objective cannot give, float32
     *                                  for an objective other than a {@link BlockObjective}, or the rows were not
     *                                  scaled as this run scales them ({@link TargetCheck#check})
     */
    static <A> TrainingLoop<A> remote(Format<A> format, TrainerConfig config, Architecture architecture,
                                      RemoteRows data, TrainingListener listener, long timeLimit) {
        if (config.batchSize() > 0 || config.dropout() > 0 || config.validationFraction() > 0) {
            throw new IllegalArgumentException("rows held elsewhere train on the full batch, without dropout or a "
                    + "validation split");
        }
        TargetCheck.check(config.scaling(), architecture.loss(), data.description());
        FullBatchObjective exact = data.objective(architecture, config.regularization());
        if (format.precision() != Precision.FLOAT64) {
            if (!(exact instanceof BlockObjective blocks)) {
                throw new IllegalArgumentException("rows held elsewhere train in " + format.precision().id()
                        + " only through the core's BlockObjective");
            }
            blocks.blocksIn(format.precision());
        }
        int rows = (int) Math.min(Integer.MAX_VALUE, data.description().rows());
        return new TrainingLoop<>(format, config, architecture, null, null, rows, rows, null,
                format.remote(exact, data.steps(exact, config.seed()), architecture.parameterCount()), listener,
                timeLimit, null);
    }

    /**
     * Trains {@code parameters} in place; on return they hold the kept weights.
     *
     * @param splitStart the state the validation split's generator started from (kept in checkpoints)
     * @param shuffling  the source of each epoch's row order
     * @param from       the state to continue from (its parameters already in {@code parameters}), or null to start
     * @param every      emit a state after every this many epochs (0: never)
     * @param sink       receives those states, and one when the run is interrupted; null for none
     * @throws IllegalArgumentException if {@code from} does not fit this run
     */
    TrainingOutcome run(A parameters, long[] splitStart, SplitMix shuffling, TrainingState from, int every,
                        Consumer<TrainingState> sink) {
        int p = format.length(parameters);
        Optimizer optimizer = config.optimizer().create(config.learningRate(), config.momentum());
        optimizer.init(p, format.precision());
        MiniBatches<A> batches = full != null ? null
                : new MiniBatches<>(format, training, architecture.inputs(), architecture.outputs(), batch, shuffling);
        Epoch epoch = new Epoch(batches, validation == null ? null
                : new LossEvaluator<>(format, architecture, Math.min(validation.rows(), EVALUATION_CHUNK)),
                format.allocate(p), every, sink);
        TrainingCourse<A> course = new TrainingCourse<>(format, config, validation != null, parameters, optimizer,
                splitStart, shuffling, batches, dropping);
        if (from != null) {
            course.restore(from, full != null);
        }
        listener.trainingStarted(config.maxEpochs(), rows, full != null ? 1 : (rows + batch - 1) / batch);
        StopReason stop = null;
        while (stop == null && course.epochs < config.maxEpochs()) {
            stop = epoch.run(course);
        }
        return finish(course, stop == null ? StopReason.MAX_EPOCHS : stop);
    }

    /** Puts the kept weights in place and measures the final loss. */
    private TrainingOutcome finish(TrainingCourse<A> course, StopReason stopped) {
        A parameters = course.parameters;
        int p = format.length(parameters);
        StopReason stop = stopped;
        int bestEpoch = course.bestEpoch;
        if (course.best != null && bestEpoch > 0) {
            System.arraycopy(course.best, 0, parameters, 0, p);
        } else {
            if (stop == StopReason.DIVERGED && course.haveFinite) {
                System.arraycopy(course.lastFinite, 0, parameters, 0, p);
            }
            bestEpoch = course.epochs;
        }
        double finalLoss = finalLoss(parameters);
        if (!Double.isFinite(finalLoss) && stop != StopReason.DIVERGED && course.haveFinite) {
            // The last update itself blew up: keep the weights before it.
            stop = StopReason.DIVERGED;
            System.arraycopy(course.lastFinite, 0, parameters, 0, p);
            finalLoss = finalLoss(parameters);
        }
        int epochs = course.epochs;
        return new TrainingOutcome(stop, epochs, Arrays.copyOf(course.history, epochs),
                Arrays.copyOf(course.validationHistory, validation == null ? 0 : epochs), bestEpoch, finalLoss);
    }

    /** The training objective on all training rows, without dropout: in one pass with the full batch's workspace. */
    private double finalLoss(A parameters) {
        if (full != null) {
            return full.loss(parameters);
        }
        return new LossEvaluator<>(format, architecture, Math.min(training.rows(), EVALUATION_CHUNK))
                .objective(parameters, training, config.regularization());
    }

    /** One epoch's updates and the stopping rules after it, with what every epoch shares. */
    private final class Epoch {
        private final MiniBatches<A> batches;
        private final LossEvaluator<A> validator;
        private final A gradient;
        /** A line-search optimizer's step in this format; null for first-order optimizers. */
        private final Format.LineSearchStep<A> lineSearch;
        /**
         * θ and ∇J widened for a listener that reads them in a float32 run; null when the run lends its own double
         * arrays or no listener reads them.
         */
        private final double[] parameterView;
        private final double[] gradientView;
        private final int every;
        private final Consumer<TrainingState> sink;
        private final boolean meanLoss;
        /** {@link System#nanoTime()} when the run started, for the time limit. */
        private final long started = System.nanoTime();

        Epoch(MiniBatches<A> batches, LossEvaluator<A> validator, A gradient, int every,
              Consumer<TrainingState> sink) {
            this.batches = batches;
            this.validator = validator;
            this.gradient = gradient;
            int p = format.length(gradient);
            this.lineSearch = config.optimizer().lineSearch() ? format.lineSearch(p) : null;
            boolean views = format.precision() != Precision.FLOAT64 && readsParameters(listener);
            this.parameterView = views ? new double[p] : null;
            this.gradientView = views ? new double[p] : null;
            this.every = every;
            this.sink = sink;
            this.meanLoss = architecture.loss().meanOverRows() || config.l2() > 0;
        }

        /** Runs the course's next epoch; the reason to stop after it, or null to go on. */
        StopReason run(TrainingCourse<A> course) {
            // Continuing mid-epoch: this epoch's η and row order were set before the run stopped.
            boolean continuing = course.batchStart > 0;
            if (course.epochs > 0 && !continuing) {
                course.schedule();
            }
            StopReason cut = full != null ? fullBatch(course) : miniBatches(course, continuing);
            if (cut != null) {
                return cut;
            }
            double trainingLoss = course.epochLoss;
            double monitored = validator == null ? trainingLoss
                    : validator.dataLoss(course.parameters, validation);
            course.record(trainingLoss, monitored);
            if (validator != null && !Double.isFinite(monitored)) {
                return StopReason.DIVERGED;
            }
            listener.epochEnded(course.epochs, trainingLoss, validator == null ? Double.NaN : monitored,
                    course.rate);
            course.compare(monitored);
            if (course.epochLargestChange < config.tolerance() || course.epochLargestChange == 0.0) {
                return StopReason.CONVERGED;
            }
            if (config.patience() > 0 && course.wait >= config.patience()) {
                return validation != null ? StopReason.EARLY_STOPPING : StopReason.NO_IMPROVEMENT;
            }
            if (stopRequested()) {
                emit(course, 0, 0.0, 0.0);
                return StopReason.INTERRUPTED;
            }
            boolean last = course.epochs >= config.maxEpochs();
            if (!last && timeLimit > 0 && System.nanoTime() - started >= timeLimit) {
                emit(course, 0, 0.0, 0.0);
                return StopReason.TIME_LIMIT;
            }
            if (every > 0 && course.epochs % every == 0) {
                emit(course, 0, 0.0, 0.0);
            }
            return null;
        }

        /** One update on the whole batch; its J and largest change go to the course. */
        private StopReason fullBatch(TrainingCourse<A> course) {
            A parameters = course.parameters;
            double j = full.valueAndGradient(parameters, gradient);
            if (!Double.isFinite(j)) {
                return StopReason.DIVERGED;
            }
            course.keepFinite();
            course.epochLargestChange = lineSearch != null
                    ? lineSearch.step(course.optimizer, parameters, gradient, j, full.exact())
                    : format.step(course.optimizer, parameters, gradient);
            course.epochLoss = j;
            updated(parameters);
            listener.batchEnded(course.epochs + 1, 1, j);
            return null;
        }

        /** One update per mini-batch, from where a paused epoch stopped; the epoch's J and largest change go to the course. */
        private StopReason miniBatches(TrainingCourse<A> course, boolean continuing) {
            A parameters = course.parameters;
            if (!continuing) {
                batches.shuffle();
            }
            double trainingLoss = continuing ? course.epochLoss : 0.0;
            double largestChange = continuing ? course.epochLargestChange : 0.0;
            for (int start = course.batchStart; start < rows; start += batch) {
                int size = batches.gather(start);
                double j = backprop.lossAndGradient(parameters, batches.x(), 0, batches.y(), 0, batches.w(), 0, size,
                        gradient);
                if (!Double.isFinite(j)) {
                    return StopReason.DIVERGED;
                }
                course.keepFinite();
                largestChange = Math.max(largestChange, format.step(course.optimizer, parameters, gradient));
                trainingLoss += meanLoss ? j * size / rows : j;
                updated(parameters);
                listener.batchEnded(course.epochs + 1, start / batch + 1, j);
                if (stopRequested()) {
                    // The epoch is cut short: it does not enter the history, but its updates are kept.
                    emit(course, start + batch, trainingLoss, largestChange);
                    return StopReason.INTERRUPTED;
                }
            }
            course.batchStart = 0;
            course.epochLoss = trainingLoss;
            course.epochLargestChange = largestChange;
            return null;
        }

        /**
         * Whether the listener asks to stop, or the training thread was interrupted (a {@code Future} cancelled, say):
         * a run nobody waits for should not go on to its epoch limit. The interrupt status is left set.
         */
        private boolean stopRequested() {
            return listener.stopRequested() || Thread.currentThread().isInterrupted();
        }

        /** Tells the listener of the update: the run's own arrays for float64, widened views when it reads them. */
        private void updated(A parameters) {
            format.parametersUpdated(listener, parameters, gradient, parameterView, gradientView);
        }

        /**
         * Hands the sink a state. An interrupted thread's status is cleared while the sink runs and set again after:
         * a sink that writes the checkpoint to a file would otherwise find its channel closed by the interrupt and
         * lose the checkpoint that lets the interrupted run go on.
         */
        private void emit(TrainingCourse<A> course, int nextBatchStart, double loss, double largestChange) {
            if (sink != null) {
                boolean interrupted = Thread.interrupted();
                try {
                    sink.accept(course.snapshot(nextBatchStart, loss, largestChange));
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    /**
     * Whether {@code listener} overrides {@link TrainingListener#parametersUpdated}: only then does a float32 run widen
     * θ and ∇J for it after each update (a float64 run lends its arrays, which costs nothing).
     */
    static boolean readsParameters(TrainingListener listener) {
        try {
            return listener.getClass().getMethod("parametersUpdated", double[].class, double[].class)
                    .getDeclaringClass() != TrainingListener.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("TrainingListener declares parametersUpdated", e);
        }
    }
}
