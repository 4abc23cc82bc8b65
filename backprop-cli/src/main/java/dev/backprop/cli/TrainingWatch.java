package dev.backprop.cli;

import dev.backprop.command.Interruption;
import dev.backprop.train.TrainingListener;

/** Shows progress (unless quiet) and stops the run when a signal arrived. */
final class TrainingWatch implements TrainingListener {
    private final Progress progress;

    TrainingWatch(Progress progress) {
        this.progress = progress;
    }

    @Override
    public void trainingStarted(int maxEpochs, int rows, int batchesPerEpoch) {
        if (progress != null) {
            progress.trainingStarted(maxEpochs, rows, batchesPerEpoch);
        }
    }

    @Override
    public void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
        if (progress != null) {
            progress.epochEnded(epoch, trainingLoss, validationLoss, learningRate);
        }
    }

    @Override
    public boolean stopRequested() {
        return Interruption.requested();
    }
}
