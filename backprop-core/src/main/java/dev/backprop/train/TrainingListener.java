package dev.backprop.train;

/**
 * Watches a training run as it goes: the CLI's progress bar and loss plots are built on it. Callbacks come on the
 * training thread, after each batch and each epoch; they take primitives so a run with a listener allocates nothing
 * more per epoch. All methods have empty defaults: implement the ones you need.
 */
public interface TrainingListener {
    /** A listener that does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Training is about to start.
     *
     * @param maxEpochs    the epoch limit
     * @param rows         training rows per epoch
     * @param batchesPerEpoch updates per epoch (1 for the full batch)
     */
    default void trainingStarted(int maxEpochs, int rows, int batchesPerEpoch) {
    }

    /**
     * One update was made.
     *
     * @param epoch 1-based epoch the batch belongs to
     * @param batch 1-based batch within the epoch
     * @param loss  the batch's loss before its update
     */
    default void batchEnded(int epoch, int batch, double loss) {
    }

    /**
     * An update was made, just before {@link #batchEnded}: the parameters it produced and the gradient it followed.
     * The arrays are the run's own buffers, lent for the call: read or copy them, never modify or keep them.
     *
     * @param parameters θ after the update, flat in {@link dev.backprop.nn.Architecture}'s order
     * @param gradient   ∇J at θ before the update (the batch's), in the same order
     */
    default void parametersUpdated(double[] parameters, double[] gradient) {
    }

    /**
     * An epoch ended.
     *
     * @param epoch          1-based
     * @param trainingLoss   the epoch's training loss, as in {@link TrainingResult#lossHistory()}
     * @param validationLoss the loss on the held-out rows, or NaN without a validation split
     * @param learningRate   η used in this epoch
     */
    default void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
    }

    /**
     * Asked after every batch: returning true stops training at once, with {@link StopReason#INTERRUPTED}. Called
     * often, so it should only read a flag. An interrupt of the training thread stops it the same way, without a
     * listener.
     *
     * @return true to stop; the default never stops
     */
    default boolean stopRequested() {
        return false;
    }
}
