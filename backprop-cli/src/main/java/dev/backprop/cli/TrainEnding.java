package dev.backprop.cli;

import dev.backprop.command.Interruption;
import dev.backprop.io.AtomicFiles;
import dev.backprop.train.StopReason;
import dev.backprop.train.TrainingResult;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What {@code backprop train} says, after the model is written, about a run that ended before its rules said so: how
 * to continue one interrupted by a signal or stopped by the time limit, and what to try after one that diverged.
 */
final class TrainEnding {
    private TrainEnding() {
    }

    /**
     * Tells the user on {@code stderr} how the run ended, when that needs saying, and gives the exit code.
     *
     * @param result         the finished run
     * @param out            the model file written
     * @param checkpointFile where the run's checkpoint is, or null if it keeps none (nor does one written in place)
     * @param plotLoss       the loss plot written, or null
     * @param stderr         where the user is told
     * @return 0, or the signal's exit code for an interrupted run
     * @throws TrainingFailedException if the run diverged
     */
    static int report(TrainingResult result, Path out, Path checkpointFile, Path plotLoss, PrintWriter stderr) {
        boolean paused = result.stopReason() == StopReason.INTERRUPTED || result.stopReason() == StopReason.TIME_LIMIT;
        // A checkpoint written in place (--checkpoint /dev/null) is gone as the one beside such an --out would be.
        if (paused && (checkpointFile == null || AtomicFiles.writtenInPlace(checkpointFile))) {
            stderr.printf("%s after %d epochs: the model so far went to %s and no checkpoint was kept (give "
                    + "--checkpoint FILE to keep one)%n", result.stopReason() == StopReason.INTERRUPTED
                    ? "interrupted by " + Interruption.signalName() : "stopped by the time limit", result.epochs(),
                    out);
            stderr.flush();
            return result.stopReason() == StopReason.INTERRUPTED ? Interruption.exitCode() : 0;
        }
        if (result.stopReason() == StopReason.INTERRUPTED) {
            stderr.printf("interrupted by %s after %d epochs: the model so far is in %s and a checkpoint in %s; "
                    + "continue exactly where it stopped with: %s%s%n", Interruption.signalName(), result.epochs(), out,
                    checkpointFile, ResumeOutputs.command(checkpointFile, out, plotLoss),
                    AtomicFiles.writtenInPlace(out) ? "" : " (or start from the model with --init " + out + ")");
            stderr.flush();
            return Interruption.exitCode();
        }
        if (result.stopReason() == StopReason.TIME_LIMIT) {
            stderr.printf("stopped by the time limit after %d epochs: the model so far is in %s and a checkpoint in %s;"
                    + " continue with: %s (add --max-time TIME for another budget)%n", result.epochs(), out,
                    checkpointFile, ResumeOutputs.command(checkpointFile, out, plotLoss));
            stderr.flush();
        }
        if (result.stopReason() == StopReason.DIVERGED) {
            throw new TrainingFailedException("training diverged: the loss became infinite or NaN in epoch "
                    + result.epochs() + "; the last weights with a finite loss were written to " + out
                    + "; try a smaller --learning-rate or --scale minmax");
        }
        return 0;
    }
}
