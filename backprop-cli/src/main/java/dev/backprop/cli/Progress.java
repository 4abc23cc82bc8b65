package dev.backprop.cli;

import dev.backprop.train.TrainingListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows a training run's progress on stderr, so stdout (and {@code --format json}) stays clean: a live bar on a
 * terminal (the progressbar library: epoch / max, elapsed and remaining time, losses, rows per second), otherwise one
 * plain line every few seconds.
 */
abstract class Progress implements TrainingListener, AutoCloseable {
    /** How often the plain form prints a line. */
    static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    protected final long started = System.nanoTime();
    protected int rows;
    protected int maxEpochs;
    /** What the epoch's training loss is, which differs from the final J that the summary prints. */
    protected String lossLabel = "loss";

    /** A live bar when stderr is a terminal, else plain lines on {@code err}. */
    static Progress on(PrintWriter err) {
        return System.console() != null ? new Bar() : new Plain(err);
    }

    @Override
    public void trainingStarted(int maxEpochs, int rows, int batchesPerEpoch) {
        this.maxEpochs = maxEpochs;
        this.rows = rows;
        // Full batch: J at the start of the epoch, before its step; mini-batches: the mean of the batches' losses
        // as the weights moved. Neither is the summary's J (all training rows, at the final weights).
        this.lossLabel = batchesPerEpoch == 1 ? "J before this epoch's step" : "mean batch loss";
    }

    @Override
    public void close() {
    }

    /** "mean batch loss 0.0123  validation 0.0150  123,456 rows/s" for the epoch just ended. */
    protected String status(int epoch, double trainingLoss, double validationLoss) {
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = seconds > 0 ? (double) epoch * rows / seconds : 0;
        StringBuilder sb = new StringBuilder(lossLabel).append(' ').append(Text.number(trainingLoss));
        if (!Double.isNaN(validationLoss)) {
            sb.append("  validation ").append(Text.number(validationLoss));
        }
        return sb.append(String.format(Locale.ROOT, "  %,.0f rows/s", rate)).toString();
    }

    /** The live terminal bar. */
    private static final class Bar extends Progress {
        private ProgressBar bar;

        @Override
        public void trainingStarted(int maxEpochs, int rows, int batchesPerEpoch) {
            super.trainingStarted(maxEpochs, rows, batchesPerEpoch);
            bar = new ProgressBarBuilder().setTaskName("epoch").setInitialMax(maxEpochs)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
        }

        @Override
        public void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
            bar.stepTo(epoch);
            bar.setExtraMessage(status(epoch, trainingLoss, validationLoss));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** One line every few seconds, for logs and pipes. */
    private static final class Plain extends Progress {
        private final PrintWriter err;
        private long lastPrinted = System.nanoTime();

        Plain(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
            long now = System.nanoTime();
            if (now - lastPrinted < PLAIN_INTERVAL_NANOS) {
                return;
            }
            lastPrinted = now;
            double elapsed = (now - started) / 1e9;
            double remaining = epoch > 0 ? elapsed / epoch * (maxEpochs - epoch) : 0;
            err.printf(Locale.ROOT, "epoch %d/%d  %s  elapsed %s  at most %s left%n", epoch, maxEpochs,
                    status(epoch, trainingLoss, validationLoss), duration(elapsed), duration(remaining));
            err.flush();
        }

        private static String duration(double seconds) {
            long s = Math.round(seconds);
            return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + (s % 60) + "s" : (s / 3600) + "h" + (s % 3600 / 60) + "m";
        }
    }
}
