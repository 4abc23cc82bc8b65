package dev.backprop.cli;

import dev.backprop.model.Model;
import dev.backprop.train.TrainerConfig;

/**
 * A studio session's state at one moment, as its page shows it ({@link StudioSession#snapshot}).
 *
 * @param version          increases with every change
 * @param losses           the training loss of every epoch so far
 * @param validationLosses the validation loss of every epoch (NaN without a split)
 * @param model            the weights so far
 * @param gradient         the last update's gradient, in the model's parameter order
 * @param status           running, paused, or stopped with its reason
 * @param paused           whether nothing moves until asked (paused or finished)
 * @param rowsSeen         rows pushed through updates so far
 * @param updates          updates so far
 * @param batchesPerEpoch  updates per epoch
 * @param config           the run's settings
 * @param epochsPerSecond  the pace (0: none)
 */
record StudioSnapshot(long version, double[] losses, double[] validationLosses, Model model, double[] gradient,
                      String status, boolean paused, long rowsSeen, long updates, int batchesPerEpoch,
                      TrainerConfig config, double epochsPerSecond) {
}
