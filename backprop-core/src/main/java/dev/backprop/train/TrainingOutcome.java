package dev.backprop.train;

import dev.backprop.model.Model;
import dev.backprop.model.TrainingHistory;

/**
 * How a {@link TrainingLoop} run went, before it is attached to the model it trained: see {@link TrainingResult} and
 * {@link TrainingHistory} for each field.
 *
 * @param stopReason            why the run stopped
 * @param epochs                the epochs it completed
 * @param lossHistory           the training loss after each epoch
 * @param validationLossHistory the validation loss after each epoch, empty without a validation split
 * @param bestEpoch             the epoch whose weights were kept
 * @param finalLoss             the training objective at the kept weights
 */
record TrainingOutcome(StopReason stopReason, int epochs, double[] lossHistory, double[] validationLossHistory,
                       int bestEpoch, double finalLoss) {
    /** The run's result: {@code trained} (the kept weights) with this course as its training history. */
    TrainingResult result(TrainerConfig config, Model trained) {
        TrainingHistory history = new TrainingHistory(stopReason.id(), epochs, bestEpoch, finalLoss, lossHistory,
                validationLossHistory, config.settings());
        return new TrainingResult(trained.withHistory(history), stopReason);
    }
}
