package dev.backprop.train;

import dev.backprop.nn.Model;

/**
 * What a training run produced and how it went. Immutable.
 *
 * @param model       the trained model
 * @param stopReason  which rule stopped training
 * @param epochs      how many parameter updates were made
 * @param finalLoss   J on the training data at the final weights
 * @param lossHistory J at the start of each epoch, before that epoch's update (length {@code epochs})
 */
public record TrainingResult(Model model, StopReason stopReason, int epochs, double finalLoss, double[] lossHistory) {
    public TrainingResult {
        lossHistory = lossHistory.clone();
    }

    /** A copy of the per-epoch losses. */
    @Override
    public double[] lossHistory() {
        return lossHistory.clone();
    }
}
