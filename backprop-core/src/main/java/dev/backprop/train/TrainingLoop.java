package dev.backprop.train;

import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.optim.Objective;
import dev.backprop.optim.Optimizer;

import java.util.Arrays;
import java.util.SplittableRandom;

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
     * @param shuffling the source of each epoch's row order
     * @param dropping  the source of dropout masks
     * @throws IllegalArgumentException if a line-search optimizer is asked to use mini-batches
     */
    Outcome run(double[] parameters, SplittableRandom shuffling, SplittableRandom dropping) {
        int n = training.rows();
        int batch = batchSize();
        boolean fullBatch = batch >= n;
        if (config.optimizer().lineSearch() && !fullBatch) {
            throw new IllegalArgumentException(config.optimizer().id() + " works on the full batch, but batchSize "
                    + config.batchSize() + " is less than the " + n + " training rows (leave it at 0)");
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
        double[] lastFinite = new double[p];
        double[] best = validation == null ? null : new double[p];
        double[] history = new double[config.maxEpochs()];
        double[] validationHistory = new double[validation == null ? 0 : config.maxEpochs()];
        boolean haveFinite = false;
        double rate = config.learningRate();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int wait = 0;
        StopReason stop = StopReason.MAX_EPOCHS;
        int epochs = 0;
        listener.trainingStarted(config.maxEpochs(), n, fullBatch ? 1 : (n + batch - 1) / batch);
        epochLoop:
        while (epochs < config.maxEpochs()) {
            if (epochs > 0) {
                double next = config.schedule().rate(config.learningRate(), rate, epochs, wait);
                if (next != rate) {
                    rate = next;
                    optimizer.setLearningRate(rate);
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
                System.arraycopy(parameters, 0, lastFinite, 0, p);
                haveFinite = true;
                largestChange = optimizer.step(parameters, gradient, j, objective);
                trainingLoss = j;
                listener.batchEnded(epochs + 1, 1, j);
            } else {
                batches.shuffle();
                trainingLoss = 0.0;
                largestChange = 0.0;
                for (int start = 0; start < n; start += batch) {
                    int rows = batches.gather(start);
                    double j = backprop.lossAndGradient(parameters, batches.x(), 0, batches.y(), 0, rows, gradient);
                    if (!Double.isFinite(j)) {
                        stop = StopReason.DIVERGED;
                        break epochLoop;
                    }
                    System.arraycopy(parameters, 0, lastFinite, 0, p);
                    haveFinite = true;
                    largestChange = Math.max(largestChange, optimizer.step(parameters, gradient));
                    trainingLoss += meanLoss ? j * rows / n : j;
                    listener.batchEnded(epochs + 1, start / batch + 1, j);
                    if (listener.stopRequested()) {
                        // The epoch is cut short: it does not enter the history, but its updates are kept.
                        stop = StopReason.INTERRUPTED;
                        break epochLoop;
                    }
                }
            }
            history[epochs] = trainingLoss;
            epochs++;
            double monitored = trainingLoss;
            if (validator != null) {
                monitored = validator.dataLoss(parameters, validation);
                validationHistory[epochs - 1] = monitored;
                if (!Double.isFinite(monitored)) {
                    stop = StopReason.DIVERGED;
                    break;
                }
            }
            listener.epochEnded(epochs, trainingLoss, validator == null ? Double.NaN : monitored, rate);
            wait = monitored < bestLoss - config.tolerance() ? 0 : wait + 1;
            if (monitored < bestLoss) {
                bestLoss = monitored;
                bestEpoch = epochs;
                if (best != null) {
                    System.arraycopy(parameters, 0, best, 0, p);
                }
            }
            if (largestChange < config.tolerance() || largestChange == 0.0) {
                stop = StopReason.CONVERGED;
                break;
            }
            if (config.patience() > 0 && wait >= config.patience()) {
                stop = validation != null ? StopReason.EARLY_STOPPING : StopReason.NO_IMPROVEMENT;
                break;
            }
            if (listener.stopRequested()) {
                stop = StopReason.INTERRUPTED;
                break;
            }
        }

        if (best != null && bestEpoch > 0) {
            System.arraycopy(best, 0, parameters, 0, p);
        } else {
            if (stop == StopReason.DIVERGED && haveFinite) {
                System.arraycopy(lastFinite, 0, parameters, 0, p);
            }
            bestEpoch = epochs;
        }
        double finalLoss = objective(parameters, backprop, fullBatch);
        if (!Double.isFinite(finalLoss) && stop != StopReason.DIVERGED && haveFinite) {
            // The last update itself blew up: keep the weights before it.
            stop = StopReason.DIVERGED;
            System.arraycopy(lastFinite, 0, parameters, 0, p);
            finalLoss = objective(parameters, backprop, fullBatch);
        }
        return new Outcome(stop, epochs, Arrays.copyOf(history, epochs),
                Arrays.copyOf(validationHistory, validation == null ? 0 : epochs), bestEpoch, finalLoss);
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
