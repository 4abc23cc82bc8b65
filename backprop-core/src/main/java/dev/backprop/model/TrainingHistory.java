package dev.backprop.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a model was trained, kept in its model file so a report or a person can see it later: the stopping rule, the
 * epochs, the loss of every epoch, and the settings used. The one record of a training run: the trainer's result
 * ({@code dev.backprop.train.TrainingResult}) reads its epochs and losses from here. Immutable.
 *
 * @param stopReason            the rule that stopped training, as the CLI names it ("converged", "max-epochs", ...)
 * @param epochs                epochs run
 * @param bestEpoch             the epoch whose weights were kept
 * @param finalLoss             the training loss at the kept weights
 * @param lossHistory           the training loss of each epoch
 * @param validationLossHistory the validation loss of each epoch, empty without a validation split
 * @param settings              the training settings by name ("optimizer" -> "adam"), in a stable order
 */
public record TrainingHistory(String stopReason, int epochs, int bestEpoch, double finalLoss, double[] lossHistory,
                              double[] validationLossHistory, Map<String, String> settings) {
    /**
     * Copies the arrays and the settings (keeping their order).
     *
     * @param stopReason            the rule that stopped training, not null
     * @param epochs                epochs run, ≥ 0
     * @param bestEpoch             the epoch whose weights were kept
     * @param finalLoss             the training loss at the kept weights
     * @param lossHistory           the training loss of each epoch; copied
     * @param validationLossHistory the validation loss of each epoch, possibly empty; copied
     * @param settings              the training settings by name; copied
     */
    public TrainingHistory {
        Objects.requireNonNull(stopReason, "stopReason");
        lossHistory = lossHistory.clone();
        validationLossHistory = validationLossHistory.clone();
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * The training loss after each epoch, first epoch first.
     *
     * @return a new array; changing it does not change this history
     */
    @Override
    public double[] lossHistory() {
        return lossHistory.clone();
    }

    /**
     * The validation loss after each epoch; empty when no validation split was used.
     *
     * @return a new array; changing it does not change this history
     */
    @Override
    public double[] validationLossHistory() {
        return validationLossHistory.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingHistory h && stopReason.equals(h.stopReason) && epochs == h.epochs
                && bestEpoch == h.bestEpoch && Double.compare(finalLoss, h.finalLoss) == 0
                && Arrays.equals(lossHistory, h.lossHistory)
                && Arrays.equals(validationLossHistory, h.validationLossHistory) && settings.equals(h.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stopReason, epochs, bestEpoch, finalLoss, Arrays.hashCode(lossHistory),
                Arrays.hashCode(validationLossHistory), settings);
    }
}
