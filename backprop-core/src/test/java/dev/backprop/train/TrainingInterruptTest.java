package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.NumericColumn;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Task;
import dev.backprop.io.CheckpointFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Thread#interrupt()} of the training thread stops a run as a listener's stop does: it ran on to its epoch
 * limit, so a cancelled {@code Future} kept a core busy for nobody. The interrupts here come from the training thread
 * itself at a chosen update, so what they stop is the same on any machine.
 */
class TrainingInterruptTest {
    private static final Dataset DATA = data();

    private static Dataset data() {
        double[][] x = new double[40][2];
        double[][] y = new double[40][1];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = i % 7;
            x[i][1] = i % 5;
            y[i][0] = Math.sin(x[i][0]) + 0.5 * x[i][1];
        }
        return Dataset.of(Matrix.of(x), Matrix.of(y));
    }

    private static final TrainerConfig MINI_BATCHES = TrainerConfig.builder().hidden(4).bias(true)
            .optimizer(OptimizerType.ADAM).learningRate(0.01).batchSize(8).maxEpochs(30).seed(3).build();

    /**
     * Interrupted after its 13th update (mid-epoch), the run stops there with the interrupt status still set; the
     * checkpoint it hands over is written to a file (on an interrupted thread, the file's channel would be closed by
     * the interrupt) and resumes to the bits of the run that never stopped.
     */
    @Test
    void anInterruptStopsAtTheBatchAndItsCheckpointResumesBitIdentically(@TempDir Path dir) throws IOException {
        TrainingResult reference = Trainer.of(MINI_BATCHES).train(DATA);
        Path file = dir.resolve("run.checkpoint.json");
        List<Boolean> sinkSawInterrupt = new ArrayList<>();
        TrainingResult stopped;
        boolean stillInterrupted;
        try {
            stopped = Trainer.of(MINI_BATCHES).withListener(new InterruptAfter(13))
                    .withCheckpoints(0, checkpoint -> {
                        sinkSawInterrupt.add(Thread.currentThread().isInterrupted());
                        try {
                            CheckpointFile.write(checkpoint, file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).train(DATA);
        } finally {
            stillInterrupted = Thread.interrupted();
        }
        assertThat(stopped.stopReason()).isEqualTo(StopReason.INTERRUPTED);
        assertThat(stopped.epochs()).isEqualTo(2);   // 5 updates an epoch: the third epoch was cut short
        assertThat(stillInterrupted).isTrue();
        assertThat(sinkSawInterrupt).containsExactly(false);
        ResumeTest.assertSame(Trainer.of(MINI_BATCHES).resume(DATA, CheckpointFile.read(file)), reference);
    }

    @Test
    void aThreadInterruptedBeforeTrainingStopsAfterTheFirstFullBatchEpoch() {
        TrainingResult result;
        boolean stillInterrupted;
        Thread.currentThread().interrupt();
        try {
            result = Trainer.of(TrainerConfig.builder().maxEpochs(5000).build()).train(DATA);
        } finally {
            stillInterrupted = Thread.interrupted();
        }
        assertThat(result.stopReason()).isEqualTo(StopReason.INTERRUPTED);
        assertThat(result.epochs()).isEqualTo(1);
        assertThat(stillInterrupted).isTrue();
        assertThat(result.model().predict(DATA.x()).firstNonFinite()).isEqualTo(-1);
    }

    /** A cancelled run's thread is free again at once, not after its hundred million epochs. */
    @Test
    void cancellingTheFutureEndsTheRun() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "training-to-cancel");
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch running = new CountDownLatch(1);
        TrainingListener started = new TrainingListener() {
            @Override
            public void batchEnded(int epoch, int batch, double loss) {
                running.countDown();
            }
        };
        try {
            Future<TrainingResult> run = pool.submit(() -> Trainer.of(MINI_BATCHES.toBuilder()
                    .maxEpochs(100_000_000).build()).withListener(started).train(DATA));
            assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
            run.cancel(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each fold trains on the calling thread (parallelism 1), so an interrupt now cuts every fold short: the scores of
     * folds trained one batch each must not come back as the configuration's.
     */
    @Test
    void crossValidationOnAnInterruptedThreadGivesNoScores() {
        double[] x = new double[30];
        double[] y = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = 2 * i + 1;
        }
        Frame frame = Frame.of("line", List.of(NumericColumn.of("x", x), NumericColumn.of("y", y)));
        for (int threads : new int[] {1, 2}) {
            CrossValidation cv = CrossValidation.of(MINI_BATCHES, PreprocessConfig.of("y")).withParallelism(threads);
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> cv.run(frame, Task.REGRESSION, 3, 1)).isInstanceOf(IllegalStateException.class)
                        .hasMessage("cross-validation was interrupted");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }

    /** Interrupts its own (the training) thread after the given number of updates. */
    private static final class InterruptAfter implements TrainingListener {
        private final int updates;
        private int seen;

        InterruptAfter(int updates) {
            this.updates = updates;
        }

        @Override
        public void batchEnded(int epoch, int batch, double loss) {
            if (++seen == updates) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
