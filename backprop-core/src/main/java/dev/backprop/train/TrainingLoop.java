package dev.backprop.train;

import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.optim.Objective;
import dev.backprop.optim.Optimizer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The epochs of one training run: updates over the full batch or shuffled mini-batches, the learning-rate schedule,
 * the stopping rules, and which weights are kept. Everything the epochs touch is allocated before the first one.
 *
 * <p>Stopping rules, checked after each epoch in this order: a non-finite loss ({@link StopReason#DIVERGED}, at once,
 * even mid-epoch), no parameter moving by more than the tolerance ({@link StopReason#CONVERGED}), the monitored loss
 * not improving by more than the tolerance for {@code patience} epochs ({@link StopReason#EARLY_STOPPING} with a
 * validation split, {@link StopReason#NO_IMPROVEMENT} without), the epoch limit ({@link StopReason#MAX_EPOCHS}).
 */
final class TrainingLoop {
    /** How many rows the validation and final losses push through at once. */
    private static final int EVALUATION_CHUNK = 1024;

    /** The run's course: see {@link TrainingResult} for each field. */
    record Outcome(StopReason stopReason, int epochs, double[] lossHistory, double[] validationLossHistory,
                   int bestEpoch, double finalLoss) {
    }

    private final TrainerConfig config;
    private final Architecture architecture;
    private final Examples training;
    private final Examples validation;
    private final TrainingListener listener;

    /**
     * @param validation held-out rows, or null for none
     * @param listener   told of every batch and epoch, and asked whether to stop
     */
    TrainingLoop(TrainerConfig config, Architecture architecture, Examples training, Examples validation,
                 TrainingListener listener) {
        this.config = config;
        this.architecture = architecture;
        this.training = training;
        this.validation = validation;
        this.listener = listener;
    }

    /** The batch size for the training rows: the configured one capped at n, or the optimizer's default. */
    int batchSize() {
        int n = training.rows();
        return config.batchSize() == 0 ? config.optimizer().defaultBatchSize(n) : Math.min(config.batchSize(), n);
    }

    /**
     * Trains {@code parameters} in place; on return they hold the kept weights.
     *
     * @param splitStart the state the validation split's generator started from (kept in checkpoints)
     * @param shuffling  the source of each epoch's row order
     * @param dropping   the source of dropout masks
     * @param from       the state to continue from (its parameters already in {@code parameters}), or null to start
     * @param every      emit a state after every this many epochs (0: never)
     * @param sink       receives those states, and one when the run is interrupted; null for none
     * @throws IllegalArgumentException if a line-search optimizer is asked to use mini-batches, or {@code from}
     *                                  does not fit this run
     */
    Outcome run(double[] parameters, long[] splitStart, SplitMix shuffling, SplitMix dropping, TrainingState from,
                int every, Consumer<TrainingState> sink) {
        int n = training.rows();
        int batch = batchSize();
        boolean fullBatch = batch >= n;
        if (config.optimizer().lineSearch() && !fullBatch) {
            throw new InvalidSettingException(TrainingSettings.BATCH_SIZE, config.optimizer().id()
                    + " works on the full batch, but ", " " + config.batchSize() + " is less than the " + n
                    + " training rows (leave it at 0)");
        }
        int p = parameters.length;
        Backpropagation backprop = new Backpropagation(architecture, batch, config.regularization(), dropping);
        Optimizer optimizer = config.optimizer().create(config.learningRate(), config.momentum());
        optimizer.init(p);
        Objective objective = optimizer.needsObjective() ? new CachedObjective(backprop, training, p) : null;
        MiniBatches batches = fullBatch ? null
                : new MiniBatches(training, architecture.inputs(), architecture.outputs(), batch, shuffling);
        LossEvaluator validator = validation == null ? null
                : new LossEvaluator(architecture, Math.min(validation.rows(), EVALUATION_CHUNK));
        boolean meanLoss = architecture.loss().meanOverRows() || config.l2() > 0;

        double[] gradient = new double[p];
        Run run = new Run(parameters, optimizer, splitStart, shuffling, batches, dropping);
        if (from != null) {
            run.restore(from, fullBatch);
        }
        StopReason stop = StopReason.MAX_EPOCHS;
        listener.trainingStarted(config.maxEpochs(), n, fullBatch ? 1 : (n + batch - 1) / batch);
        epochLoop:
        while (run.epochs < config.maxEpochs()) {
            // Continuing mid-epoch: this epoch's η and row order were set before the run stopped.
            boolean continuing = run.batchStart > 0;
            if (run.epochs > 0 && !continuing) {
                double next = config.schedule().rate(config.learningRate(), run.rate, run.epochs, run.wait);
                if (next != run.rate) {
                    run.rate = next;
                    optimizer.setLearningRate(run.rate);
                }
            }
            double trainingLoss;
            double largestChange;
            if (fullBatch) {
                double j = objective != null ? objective.valueAndGradient(parameters, gradient)
                        : backprop.lossAndGradient(parameters, training.x(), training.y(), n, gradient);
                if (!Double.isFinite(j)) {
                    stop = StopReason.DIVERGED;
                    break;
                }
                System.arraycopy(parameters, 0, run.lastFinite, 0, p);
                run.haveFinite = true;
                largestChange = optimizer.step(parameters, gradient, j, objective);
                trainingLoss = j;
                listener.batchEnded(run.epochs + 1, 1, j);
            } else {
                if (!continuing) {
                    batches.shuffle();
                }
                trainingLoss = continuing ? run.epochLoss : 0.0;
                largestChange = continuing ? run.epochLargestChange : 0.0;
                for (int start = run.batchStart; start < n; start += batch) {
                    int rows = batches.gather(start);
                    double j = backprop.lossAndGradient(parameters, batches.x(), 0, batches.y(), 0, rows, gradient);
                    if (!Double.isFinite(j)) {
                        stop = StopReason.DIVERGED;
                        break epochLoop;
                    }
                    System.arraycopy(parameters, 0, run.lastFinite, 0, p);
                    run.haveFinite = true;
                    largestChange = Math.max(largestChange, optimizer.step(parameters, gradient));
                    trainingLoss += meanLoss ? j * rows / n : j;
                    listener.batchEnded(run.epochs + 1, start / batch + 1, j);
                    if (listener.stopRequested()) {
                        // The epoch is cut short: it does not enter the history, but its updates are kept.
                        stop = StopReason.INTERRUPTED;
                        emit(sink, run.snapshot(start + batch, trainingLoss, largestChange));
                        break epochLoop;
                    }
                }
                run.batchStart = 0;
            }
            run.history[run.epochs] = trainingLoss;
            run.epochs++;
            double monitored = trainingLoss;
            if (validator != null) {
                monitored = validator.dataLoss(parameters, validation);
                run.validationHistory[run.epochs - 1] = monitored;
                if (!Double.isFinite(monitored)) {
                    stop = StopReason.DIVERGED;
                    break;
                }
            }
            listener.epochEnded(run.epochs, trainingLoss, validator == null ? Double.NaN : monitored, run.rate);
            run.wait = monitored < run.bestLoss - config.tolerance() ? 0 : run.wait + 1;
            if (monitored < run.bestLoss) {
                run.bestLoss = monitored;
                run.bestEpoch = run.epochs;
                if (run.best != null) {
                    System.arraycopy(parameters, 0, run.best, 0, p);
                }
            }
            if (largestChange < config.tolerance() || largestChange == 0.0) {
                stop = StopReason.CONVERGED;
                break;
            }
            if (config.patience() > 0 && run.wait >= config.patience()) {
                stop = validation != null ? StopReason.EARLY_STOPPING : StopReason.NO_IMPROVEMENT;
                break;
            }
            if (listener.stopRequested()) {
                stop = StopReason.INTERRUPTED;
                emit(sink, run.snapshot(0, 0.0, 0.0));
                break;
            }
            if (every > 0 && run.epochs % every == 0 && run.epochs < config.maxEpochs()) {
                emit(sink, run.snapshot(0, 0.0, 0.0));
            }
        }

        int epochs = run.epochs;
        int bestEpoch = run.bestEpoch;
        if (run.best != null && bestEpoch > 0) {
            System.arraycopy(run.best, 0, parameters, 0, p);
        } else {
            if (stop == StopReason.DIVERGED && run.haveFinite) {
                System.arraycopy(run.lastFinite, 0, parameters, 0, p);
            }
            bestEpoch = epochs;
        }
        double finalLoss = objective(parameters, backprop, fullBatch);
        if (!Double.isFinite(finalLoss) && stop != StopReason.DIVERGED && run.haveFinite) {
            // The last update itself blew up: keep the weights before it.
            stop = StopReason.DIVERGED;
            System.arraycopy(run.lastFinite, 0, parameters, 0, p);
            finalLoss = objective(parameters, backprop, fullBatch);
        }
        return new Outcome(stop, epochs, Arrays.copyOf(run.history, epochs),
                Arrays.copyOf(run.validationHistory, validation == null ? 0 : epochs), bestEpoch, finalLoss);
    }

    private static void emit(Consumer<TrainingState> sink, TrainingState state) {
        if (sink != null) {
            sink.accept(state);
        }
    }

    /** The run's mutable course, which a {@link TrainingState} captures and restores. */
    private final class Run {
        final double[] parameters;
        final Optimizer optimizer;
        final long[] splitStart;
        final SplitMix shuffling;
        final MiniBatches batches;
        final SplitMix dropping;
        final double[] lastFinite;
        final double[] best;
        final double[] history = new double[config.maxEpochs()];
        final double[] validationHistory = new double[validation == null ? 0 : config.maxEpochs()];
        boolean haveFinite;
        double rate = config.learningRate();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch;
        int wait;
        int epochs;
        /** Where a run continued mid-epoch picks up; 0 otherwise. */
        int batchStart;
        double epochLoss;
        double epochLargestChange;

        Run(double[] parameters, Optimizer optimizer, long[] splitStart, SplitMix shuffling, MiniBatches batches,
            SplitMix dropping) {
            this.parameters = parameters;
            this.optimizer = optimizer;
            this.splitStart = splitStart;
            this.shuffling = shuffling;
            this.batches = batches;
            this.dropping = dropping;
            lastFinite = new double[parameters.length];
            best = validation == null ? null : new double[parameters.length];
        }

        TrainingState snapshot(int nextBatchStart, double loss, double largestChange) {
            return new TrainingState(epochs, nextBatchStart, loss, largestChange, parameters.clone(),
                    optimizer.state(), rate, wait, bestLoss, bestEpoch, best == null ? null : best.clone(),
                    haveFinite ? lastFinite.clone() : null, Arrays.copyOf(history, epochs),
                    Arrays.copyOf(validationHistory, validation == null ? 0 : epochs), splitStart.clone(),
                    shuffling.state(), batches == null ? null : batches.order(), dropping.state());
        }

        void restore(TrainingState from, boolean fullBatch) {
            if (from.parameters().length != parameters.length) {
                throw new IllegalArgumentException("the saved state has " + from.parameters().length
                        + " parameters but the network has " + parameters.length);
            }
            if (from.epochs() > config.maxEpochs()) {
                throw new IllegalArgumentException("the saved state is after epoch " + from.epochs()
                        + " but the run stops at " + config.maxEpochs());
            }
            if ((from.validationLossHistory().length > 0 || from.bestParameters() != null) != (validation != null)
                    && from.epochs() > 0) {
                throw new IllegalArgumentException("the saved state and this run disagree on the validation split");
            }
            if (fullBatch != (from.rowOrder() == null) || (fullBatch && from.batchStart() != 0)) {
                throw new IllegalArgumentException("the saved state and this run disagree on mini-batches");
            }
            optimizer.restore(from.optimizerState());
            rate = from.learningRate();
            if (rate != config.learningRate()) {
                optimizer.setLearningRate(rate);
            }
            wait = from.epochsWithoutImprovement();
            bestLoss = from.bestLoss();
            bestEpoch = from.bestEpoch();
            if (best != null && from.bestParameters() != null) {
                System.arraycopy(from.bestParameters(), 0, best, 0, best.length);
            }
            haveFinite = from.lastFiniteParameters() != null;
            if (haveFinite) {
                System.arraycopy(from.lastFiniteParameters(), 0, lastFinite, 0, lastFinite.length);
            }
            epochs = from.epochs();
            System.arraycopy(from.lossHistory(), 0, history, 0, epochs);
            if (validation != null) {
                System.arraycopy(from.validationLossHistory(), 0, validationHistory, 0, epochs);
            }
            if (batches != null) {
                batches.restoreOrder(from.rowOrder());
            }
            batchStart = from.batchStart();
            epochLoss = from.epochLoss();
            epochLargestChange = from.epochLargestChange();
        }
    }

    /** The training objective on all training rows, without dropout: in one pass with the full batch's workspace. */
    private double objective(double[] parameters, Backpropagation backprop, boolean fullBatch) {
        if (fullBatch) {
            return backprop.loss(parameters, training.x(), 0, training.y(), 0, training.rows());
        }
        return new LossEvaluator(architecture, Math.min(training.rows(), EVALUATION_CHUNK))
                .objective(parameters, training, config.regularization());
    }
}
