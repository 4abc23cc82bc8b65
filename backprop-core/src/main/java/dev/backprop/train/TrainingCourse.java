package dev.backprop.train;

import dev.backprop.optim.Optimizer;

import java.util.Arrays;

/**
 * A training run's mutable course: the weights kept, the loss histories, η, the improvement count, and where a
 * paused epoch stands. A {@link TrainingState} captures it and restores it (as doubles: a float32 run's floats widen
 * and narrow back exactly). Not thread-safe.
 *
 * @param <A> the array type of θ
 */
final class TrainingCourse<A> {
    /** Epochs the loss histories have room for before they first grow. */
    private static final int INITIAL_HISTORY = 1024;

    final A parameters;
    final Optimizer optimizer;
    final A lastFinite;
    /** The weights of the best validation epoch; null without a validation split. */
    final A best;
    double[] history = new double[0];
    double[] validationHistory = new double[0];
    boolean haveFinite;
    double rate;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch;
    int wait;
    int epochs;
    /** Where a run continued mid-epoch picks up; 0 otherwise. */
    int batchStart;
    double epochLoss;
    double epochLargestChange;

    private final Format<A> format;
    private final int parameterCount;
    private final TrainerConfig config;
    private final boolean validated;
    private final long[] splitStart;
    private final SplitMix shuffling;
    private final MiniBatches<A> batches;
    private final SplitMix dropping;

    /**
     * @param validated  whether rows are held out for validation
     * @param splitStart the state the validation split's generator started from; null for remote rows
     * @param shuffling  the row order's source; null for remote rows
     * @param batches    the mini-batches, or null for the full batch
     * @param dropping   the dropout masks' source; null for remote rows
     */
    TrainingCourse(Format<A> format, TrainerConfig config, boolean validated, A parameters, Optimizer optimizer,
                   long[] splitStart, SplitMix shuffling, MiniBatches<A> batches, SplitMix dropping) {
        this.format = format;
        this.parameterCount = format.length(parameters);
        this.config = config;
        this.validated = validated;
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.splitStart = splitStart;
        this.shuffling = shuffling;
        this.batches = batches;
        this.dropping = dropping;
        lastFinite = format.allocate(parameterCount);
        best = validated ? format.allocate(parameterCount) : null;
        rate = config.learningRate();
    }

    /** Sets η for the next epoch from the schedule. */
    void schedule() {
        double next = config.schedule().rate(config.learningRate(), rate, epochs, wait);
        if (next != rate) {
            rate = next;
            optimizer.setLearningRate(rate);
        }
    }

    /** Remembers the current weights as the last ones with a finite loss. */
    void keepFinite() {
        System.arraycopy(parameters, 0, lastFinite, 0, parameterCount);
        haveFinite = true;
    }

    /** Ends an epoch: records its training loss and, with a validation split, its validation loss. */
    void record(double trainingLoss, double validationLoss) {
        history = room(history);
        history[epochs] = trainingLoss;
        if (validated) {
            validationHistory = room(validationHistory);
            validationHistory[epochs] = validationLoss;
        }
        epochs++;
    }

    /**
     * {@code history}, or a copy twice as long (at most the epoch limit), so that it has room for this epoch: the
     * histories grow as epochs run, so a large epoch limit costs nothing up front.
     */
    private double[] room(double[] history) {
        if (epochs < history.length) {
            return history;
        }
        return Arrays.copyOf(history, (int) Math.min(config.maxEpochs(), Math.max(INITIAL_HISTORY, 2L * epochs)));
    }

    /** Counts the epochs without an improvement of the monitored loss by the tolerance, and keeps the best weights. */
    void compare(double monitored) {
        wait = monitored < bestLoss - config.tolerance() ? 0 : wait + 1;
        if (monitored < bestLoss) {
            bestLoss = monitored;
            bestEpoch = epochs;
            if (best != null) {
                System.arraycopy(parameters, 0, best, 0, parameterCount);
            }
        }
    }

    TrainingState snapshot(int nextBatchStart, double loss, double largestChange) {
        return new TrainingState(epochs, nextBatchStart, loss, largestChange, format.widen(parameters),
                optimizer.state(), rate, wait, bestLoss, bestEpoch, best == null ? null : format.widen(best),
                haveFinite ? format.widen(lastFinite) : null, Arrays.copyOf(history, epochs),
                Arrays.copyOf(validationHistory, validated ? epochs : 0), splitStart.clone(),
                shuffling.state(), batches == null ? null : batches.order(), dropping.state());
    }

    void restore(TrainingState from, boolean fullBatch) {
        if (from.parameters().length != parameterCount) {
            throw new IllegalArgumentException("the saved state has " + from.parameters().length
                    + " parameters but the network has " + parameterCount);
        }
        if (from.epochs() > config.maxEpochs()) {
            throw new IllegalArgumentException("the saved state is after epoch " + from.epochs()
                    + " but the run stops at " + config.maxEpochs());
        }
        if ((from.validationLossHistory().length > 0 || from.bestParameters() != null) != validated
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
            format.narrow(from.bestParameters(), best);
        }
        haveFinite = from.lastFiniteParameters() != null;
        if (haveFinite) {
            format.narrow(from.lastFiniteParameters(), lastFinite);
        }
        epochs = from.epochs();
        history = from.lossHistory().clone();
        if (validated) {
            validationHistory = from.validationLossHistory().clone();
        }
        if (batches != null) {
            batches.restoreOrder(from.rowOrder());
            if (!batches.startsABatch(from.batchStart())) {
                throw new IllegalArgumentException("the saved state's next batch starts at position "
                        + from.batchStart() + " of the epoch, where no batch of " + batches.batchSize()
                        + " rows starts in an epoch of " + from.rowOrder().length + " rows");
            }
        }
        batchStart = from.batchStart();
        epochLoss = from.epochLoss();
        epochLargestChange = from.epochLargestChange();
    }
}
