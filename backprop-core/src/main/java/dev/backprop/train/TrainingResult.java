package dev.backprop.train;

import dev.backprop.model.Model;
import dev.backprop.model.TrainingHistory;

import java.util.Map;
import java.util.Objects;

/**
 * What a training run produced and how it went: the trained model, whose {@link TrainingHistory} is the one record
 * of the run (epochs, losses, kept epoch, settings), and why it stopped. The accessors for the run's course read that
 * history, so a result and the model file written from it never disagree. Immutable.
 *
 * @param model      the trained model, with the history of this run
 * @param stopReason which rule stopped training
 */
public record TrainingResult(Model model, StopReason stopReason) {
    /**
     * @param model      the trained model, with the history of this run
     * @param stopReason which rule stopped training
     * @throws IllegalArgumentException if the model has no history or its history names another stop reason
     */
    public TrainingResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stopReason, "stopReason");
        if (model.history() == null) {
            throw new IllegalArgumentException("a training result needs a model with a training history");
        }
        if (!model.history().stopReason().equals(stopReason.id())) {
            throw new IllegalArgumentException("the model's history says training stopped by '"
                    + model.history().stopReason() + "' but the result says '" + stopReason.id() + "'");
        }
    }

    /**
     * A result whose run is recorded as given, in a new history on the model (keeping the settings of the model's
     * history, if it has one).
     *
     * @param model                 the trained model
     * @param stopReason            which rule stopped training
     * @param epochs                epochs run, ≥ 0
     * @param finalLoss             the training objective at the kept weights
     * @param lossHistory           the training loss of each epoch; copied
     * @param validationLossHistory the validation loss of each epoch, or empty; copied
     * @param bestEpoch             the epoch whose weights were kept
     */
    public TrainingResult(Model model, StopReason stopReason, int epochs, double finalLoss, double[] lossHistory,
                          double[] validationLossHistory, int bestEpoch) {
        this(model.withHistory(new TrainingHistory(stopReason.id(), epochs, bestEpoch, finalLoss, lossHistory,
                validationLossHistory, model.history() == null ? Map.of() : model.history().settings())),
                stopReason);
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
     * @param other a model with the same weights; one without a history gets this result's
     * @return a new result; this one is unchanged
     */
    public TrainingResult withModel(Model other) {
        return new TrainingResult(other.history() == null ? other.withHistory(history()) : other, stopReason);
    }

    /**
     * The record of the run, as the model file keeps it.
     *
     * @return the model's history, never null
     */
    public TrainingHistory history() {
        return model.history();
    }

    /**
     * How many epochs ran (with the full batch: how many parameter updates were made).
     *
     * @return epochs run, ≥ 0
     */
    public int epochs() {
        return history().epochs();
    }

    /**
     * The training objective on the training rows at the kept weights, without dropout.
     *
     * @return the final J
     */
    public double finalLoss() {
        return history().finalLoss();
    }

    /**
     * The training loss of each epoch: with the full batch, J at the start of the epoch, before its update; with
     * mini-batches, the mean of the batches' losses (their sum for {@code sse}) as the epoch went.
     *
     * @return a new array of {@link #epochs()} values
     */
    public double[] lossHistory() {
        return history().lossHistory();
    }

    /**
     * The loss on the held-out rows after each epoch (no L2 penalty, no dropout).
     *
     * @return a new array of {@link #epochs()} values, or empty when no validation split was asked for
     */
    public double[] validationLossHistory() {
        return history().validationLossHistory();
    }

    /**
     * The epoch (1-based) whose weights were kept: the lowest validation loss with a validation split, otherwise
     * {@link #epochs()} (or fewer if training diverged).
     *
     * @return the kept epoch
     */
    public int bestEpoch() {
        return history().bestEpoch();
    }
}
