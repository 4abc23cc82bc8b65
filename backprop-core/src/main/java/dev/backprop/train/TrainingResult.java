package dev.backprop.train;

import dev.backprop.nn.Model;

/**
 * What a training run produced and how it went. Immutable.
 *
 * @param model                 the trained model
 * @param stopReason            which rule stopped training
 * @param epochs                how many epochs ran (with the full batch: how many parameter updates were made)
 * @param finalLoss             the training objective on the training rows at the kept weights, without dropout
 * @param lossHistory           the training loss of each epoch (length {@code epochs}): with the full batch, J at
 *                              the start of the epoch, before its update; with mini-batches, the mean of the
 *                              batches' losses (their sum for {@code sse}) as the epoch went
 * @param validationLossHistory the loss on the held-out rows after each epoch (length {@code epochs}), or empty
 *                              when no validation split was asked for; no L2 penalty, no dropout
 * @param bestEpoch             the epoch (1-based) whose weights were kept: the lowest validation loss with a
 *                              validation split, otherwise {@code epochs} (or fewer if training diverged)
 */
public record TrainingResult(Model model, StopReason stopReason, int epochs, double finalLoss, double[] lossHistory,
                             double[] validationLossHistory, int bestEpoch) {
    /**
     * Copies the loss histories.
     *
     * @param model                 the trained model
     * @param stopReason            which rule stopped training
     * @param epochs                epochs run, ≥ 0
     * @param finalLoss             the training objective at the kept weights
     * @param lossHistory           the training loss of each epoch; copied
     * @param validationLossHistory the validation loss of each epoch, or empty; copied
     * @param bestEpoch             the epoch whose weights were kept
     */
    public TrainingResult {
        lossHistory = lossHistory.clone();
        validationLossHistory = validationLossHistory.clone();
    }

    /**
     * A result without validation, whose kept weights are the last epoch's.
     *
     * @param model       the trained model
     * @param stopReason  which rule stopped training
     * @param epochs      epochs run, ≥ 0, also the kept epoch
     * @param finalLoss   the training objective at the kept weights
     * @param lossHistory the training loss of each epoch; copied
     */
    public TrainingResult(Model model, StopReason stopReason, int epochs, double finalLoss, double[] lossHistory) {
        this(model, stopReason, epochs, finalLoss, lossHistory, new double[0], epochs);
    }

    /**
     * The same result with another model (the same weights with a preprocessor attached, say).
     *
     * @param other a model with the same weights
     * @return a new result; this one is unchanged
     */
    public TrainingResult withModel(Model other) {
        return new TrainingResult(other, stopReason, epochs, finalLoss, lossHistory, validationLossHistory, bestEpoch);
    }

    /**
     * A copy of the per-epoch training losses.
     *
     * @return a new array of {@link #epochs()} values
     */
    @Override
    public double[] lossHistory() {
        return lossHistory.clone();
    }

    /**
     * A copy of the per-epoch validation losses (empty without a validation split).
     *
     * @return a new array, of {@link #epochs()} values or empty
     */
    @Override
    public double[] validationLossHistory() {
        return validationLossHistory.clone();
    }
}
