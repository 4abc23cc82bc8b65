package dev.backprop.train;

/**
 * Where a training run stands between two batches: everything the rest of the run reads, so that a run continued
 * from this state ({@link Trainer#resume}) makes bit-identical updates to one that never stopped. Taken at the end
 * of an epoch ({@code batchStart} 0), or mid-epoch when a run is interrupted. Arrays are not copied: treat them as
 * read-only.
 *
 * @param epochs                epochs completed (the history's length)
 * @param batchStart            0 at an epoch boundary; otherwise the position in the epoch's row order of the next
 *                              batch (the epoch was shuffled already)
 * @param epochLoss             the current epoch's training loss so far (0 at a boundary)
 * @param epochLargestChange    the largest parameter change in the current epoch so far (0 at a boundary)
 * @param parameters            θ now
 * @param optimizerState        {@link dev.backprop.optim.Optimizer#state()}
 * @param learningRate          η in use (the schedule's position)
 * @param epochsWithoutImprovement epochs since the monitored loss last improved by more than the tolerance
 * @param bestLoss              the lowest monitored loss so far (+∞ before the first epoch)
 * @param bestEpoch             its epoch (0 before the first)
 * @param bestParameters        θ at that epoch with a validation split, else null
 * @param lastFiniteParameters  θ before the last update whose loss was finite, or null before any update
 * @param lossHistory           training loss of each completed epoch
 * @param validationLossHistory validation loss of each completed epoch (empty without a split)
 * @param splitRandom           the state the validation split's generator started from
 * @param shuffleRandom         the shuffling generator's state now
 * @param rowOrder              the row order the last shuffle made, or null with the full batch
 * @param dropoutRandom         the dropout generator's state now
 */
public record TrainingState(int epochs, int batchStart, double epochLoss, double epochLargestChange,
                            double[] parameters, double[] optimizerState, double learningRate,
                            int epochsWithoutImprovement, double bestLoss, int bestEpoch, double[] bestParameters,
                            double[] lastFiniteParameters, double[] lossHistory, double[] validationLossHistory,
                            long[] splitRandom, long[] shuffleRandom, int[] rowOrder, long[] dropoutRandom) {
    /**
     * @throws IllegalArgumentException if the fields contradict each other
     *
     * @param epochs                   epochs completed, ≥ 0
     * @param batchStart               0 at an epoch boundary, else the next batch's position in the row order
     * @param epochLoss                the current epoch's loss so far
     * @param epochLargestChange       the current epoch's largest parameter change so far
     * @param parameters               θ now; kept, not copied
     * @param optimizerState           the optimizer's state; kept, not copied
     * @param learningRate             η in use
     * @param epochsWithoutImprovement ≥ 0
     * @param bestLoss                 the lowest monitored loss so far
     * @param bestEpoch                its epoch, in [0, epochs]
     * @param bestParameters           θ at the best epoch, or null
     * @param lastFiniteParameters     θ before the last finite-loss update, or null
     * @param lossHistory              training loss per completed epoch
     * @param validationLossHistory    validation loss per completed epoch, possibly empty
     * @param splitRandom              the validation split generator's starting state
     * @param shuffleRandom            the shuffling generator's state
     * @param rowOrder                 the current row order, or null with the full batch
     * @param dropoutRandom            the dropout generator's state
     */
    public TrainingState {
        if (epochs < 0 || batchStart < 0 || bestEpoch < 0 || bestEpoch > epochs || epochsWithoutImprovement < 0) {
            throw new IllegalArgumentException("a training state needs epochs, batchStart, bestEpoch and "
                    + "epochsWithoutImprovement >= 0 and bestEpoch <= epochs");
        }
        if (lossHistory.length != epochs
                || (validationLossHistory.length != 0 && validationLossHistory.length != epochs)) {
            throw new IllegalArgumentException("a training state after " + epochs + " epochs has "
                    + lossHistory.length + " training and " + validationLossHistory.length + " validation losses");
        }
        int p = parameters.length;
        if ((bestParameters != null && bestParameters.length != p)
                || (lastFiniteParameters != null && lastFiniteParameters.length != p)) {
            throw new IllegalArgumentException("a training state's weight vectors must all have " + p + " values");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("a training state's learning rate must be > 0 and finite but was "
                    + learningRate);
        }
        SplitMix.fromState(splitRandom);
        SplitMix.fromState(shuffleRandom);
        SplitMix.fromState(dropoutRandom);
    }
}
