package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.io.CheckpointFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run stopped by its epoch limit or its time limit continues from its last checkpoint, with a larger epoch limit,
 * to the bits of a run that never stopped.
 */
class ExtendedRunTest {
    private static final Dataset DATA = data();
    private static final TrainerConfig SHORT = TrainerConfig.builder().optimizer(OptimizerType.ADAM).batchSize(8)
            .hidden(6).bias(true).validationFraction(0.2).schedule(LearningRateSchedule.exponentialDecay(0.97))
            .learningRate(0.01).tolerance(0).maxEpochs(15).build();
    private static final TrainerConfig LONG = SHORT.toBuilder().maxEpochs(40).build();

    private static Dataset data() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] xs = new double[50][2];
        double[][] ys = new double[50][1];
        for (int i = 0; i < xs.length; i++) {
            xs[i][0] = r.nextDouble();
            xs[i][1] = r.nextDouble();
            ys[i][0] = xs[i][0] * xs[i][1] + 0.2 * xs[i][1];
        }
        return Dataset.of(Matrix.of(xs), Matrix.of(ys));
    }

    @Test
    void aFinishedRunExtendedToMoreEpochsEqualsTheLongerRun() {
        TrainingResult unbroken = Trainer.of(LONG).train(DATA);
        List<Checkpoint> saved = new ArrayList<>();
        TrainingResult finished = Trainer.of(SHORT).withCheckpoints(5, saved::add).train(DATA);
        assertThat(finished.stopReason()).isEqualTo(StopReason.MAX_EPOCHS);
        assertThat(finished.epochs()).isEqualTo(15);
        // Every 5th epoch, the last one (15) included.
        assertThat(saved).extracting(c -> c.state().epochs()).containsExactly(5, 10, 15);
        Checkpoint last = CheckpointFile.parse(CheckpointFile.toJson(saved.get(2)));
        TrainingResult extended = Trainer.of(LONG).resume(DATA, last);
        ResumeTest.assertSame(extended, unbroken);
        assertThat(extended.model().history().settings()).isEqualTo(unbroken.model().history().settings());
    }

    @Test
    void aRunStoppedByItsTimeLimitStopsAfterAnEpochAndContinuesToTheSameBits() {
        TrainingResult unbroken = Trainer.of(LONG).train(DATA);
        List<Checkpoint> saved = new ArrayList<>();
        // Any epoch takes longer than a nanosecond, so the limit stops the run after its first epoch.
        TrainingResult stopped = Trainer.of(LONG).withTimeLimit(Duration.ofNanos(1)).withCheckpoints(0, saved::add)
                .train(DATA);
        assertThat(stopped.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(stopped.epochs()).isEqualTo(1);
        assertThat(stopped.model().history().stopReason()).isEqualTo("time-limit");
        assertThat(TrainingSummary.stopped(stopped)).startsWith("stopped: time limit reached after 1 epochs");
        assertThat(saved).hasSize(1);
        Checkpoint checkpoint = CheckpointFile.parse(CheckpointFile.toJson(saved.get(0)));
        ResumeTest.assertSame(Trainer.of(LONG).resume(DATA, checkpoint), unbroken);
    }

    @Test
    void aTimeLimitLongerThanTheRunChangesNothing() {
        TrainingResult unbroken = Trainer.of(SHORT).train(DATA);
        ResumeTest.assertSame(Trainer.of(SHORT).withTimeLimit(Duration.ofDays(1)).train(DATA), unbroken);
    }

    @Test
    void refusesALowerEpochLimitAndAnEmptyTimeLimit() {
        List<Checkpoint> saved = new ArrayList<>();
        Trainer.of(LONG).withTimeLimit(Duration.ofNanos(1)).withCheckpoints(0, saved::add).train(DATA);
        assertThatThrownBy(() -> Trainer.of(SHORT.toBuilder().maxEpochs(10).build()).resume(DATA, saved.get(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the epoch limit can be raised but not lowered: the checkpoint's run stops at 40 epochs, "
                        + "not 10");
        assertThatThrownBy(() -> Trainer.of(SHORT).withTimeLimit(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time limit must be > 0");
    }
}
