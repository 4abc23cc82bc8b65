package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.io.CheckpointEdits;
import dev.backprop.io.CheckpointFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.optim.LearningRateSchedule;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run paused at any checkpoint (at an epoch boundary, or mid-epoch by an interruption), written to JSON, read back
 * and resumed ends bit-identical to the run that never stopped: weights, histories, stop reason, epochs.
 */
class ResumeTest {
    private static final Dataset DATA = data();

    private static Dataset data() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] xs = new double[60][3];
        double[][] ys = new double[60][1];
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < 3; j++) {
                xs[i][j] = r.nextDouble() * 4 - 2;
            }
            ys[i][0] = Math.sin(xs[i][0]) * xs[i][1] - 0.3 * xs[i][2];
        }
        return Dataset.of(Matrix.of(xs), Matrix.of(ys));
    }

    static Stream<TrainerConfig> configs() {
        return Stream.of(
                TrainerConfig.builder().maxEpochs(120).build(),
                TrainerConfig.builder().optimizer(OptimizerType.SGD).batchSize(16).l2(0.01).maxEpochs(60)
                        .schedule(LearningRateSchedule.stepDecay(0.5, 10)).learningRate(0.5).build(),
                TrainerConfig.builder().optimizer(OptimizerType.NESTEROV).batchSize(7).validationFraction(0.2)
                        .patience(8).schedule(LearningRateSchedule.reduceOnPlateau(0.5, 3, 1e-4)).maxEpochs(80)
                        .learningRate(0.3).build(),
                TrainerConfig.builder().optimizer(OptimizerType.ADAM).hidden(8, 4).activation(Activation.RELU)
                        .output(Activation.LINEAR).bias(true).dropout(0.2).batchSize(10).validationFraction(0.25)
                        .learningRate(0.01).maxEpochs(50).seed(5).build(),
                TrainerConfig.builder().optimizer(OptimizerType.MOMENTUM).batchSize(9).maxEpochs(40)
                        .schedule(LearningRateSchedule.exponentialDecay(0.95)).learningRate(0.2).build(),
                TrainerConfig.builder().optimizer(OptimizerType.LBFGS).hidden(5).bias(true).maxEpochs(60)
                        .tolerance(0).build(),
                TrainerConfig.builder().optimizer(OptimizerType.BFGS).hidden(4).bias(true).maxEpochs(40)
                        .tolerance(0).build(),
                // float32: θ, data and optimizer state in float, widened exactly into the checkpoint
                TrainerConfig.builder().maxEpochs(120).precision(Precision.FLOAT32).build(),
                TrainerConfig.builder().optimizer(OptimizerType.ADAM).hidden(8, 4).activation(Activation.RELU)
                        .output(Activation.LINEAR).bias(true).dropout(0.2).batchSize(10).validationFraction(0.25)
                        .learningRate(0.01).maxEpochs(50).seed(5).precision(Precision.FLOAT32).build(),
                TrainerConfig.builder().optimizer(OptimizerType.NESTEROV).batchSize(7).l2(0.01).maxEpochs(40)
                        .learningRate(0.3).precision(Precision.FLOAT32).build(),
                TrainerConfig.builder().optimizer(OptimizerType.LBFGS).hidden(5).bias(true).maxEpochs(60)
                        .tolerance(0).precision(Precision.FLOAT32).build());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void resumingFromEveryCheckpointIsBitIdentical(TrainerConfig config) {
        TrainingResult reference = Trainer.of(config).train(DATA);
        List<Checkpoint> checkpoints = new ArrayList<>();
        TrainingResult checkpointed = Trainer.of(config).withCheckpoints(5, checkpoints::add).train(DATA);
        assertSame(checkpointed, reference);
        assertThat(checkpoints).isNotEmpty();
        for (Checkpoint checkpoint : checkpoints) {
            Checkpoint read = CheckpointFile.parse(CheckpointFile.toJson(checkpoint));
            assertSame(Trainer.of(read.config()).resume(DATA, read), reference);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void resumingAfterAnInterruptionMidEpochIsBitIdentical(TrainerConfig config) {
        TrainingResult reference = Trainer.of(config).train(DATA);
        // Stop after 3, then 11, then 20 more updates, resuming each time from the interruption's checkpoint.
        Checkpoint last = null;
        for (int stopAfter : new int[] {3, 11, 20}) {
            List<Checkpoint> saved = new ArrayList<>();
            Trainer trainer = Trainer.of(config).withListener(new StopAfter(stopAfter))
                    .withCheckpoints(0, saved::add);
            TrainingResult result = last == null ? trainer.train(DATA) : trainer.resume(DATA, last);
            if (result.stopReason() != StopReason.INTERRUPTED) {
                assertSame(result, reference);
                return;
            }
            assertThat(saved).hasSize(1);
            last = CheckpointFile.parse(CheckpointFile.toJson(saved.get(0)));
        }
        assertSame(Trainer.of(config).resume(DATA, last), reference);
    }

    @ParameterizedTest
    @MethodSource("configs")
    void refusesOtherDataOrConfiguration(TrainerConfig config) {
        List<Checkpoint> saved = new ArrayList<>();
        Trainer.of(config).withListener(new StopAfter(2)).withCheckpoints(0, saved::add).train(DATA);
        Checkpoint checkpoint = saved.get(0);
        double[] y = DATA.y().toArray();
        y[7] += 1e-9;
        Dataset other = Dataset.of(DATA.x(), Matrix.wrap(y.length, 1, y));
        assertThatThrownBy(() -> Trainer.of(config).resume(other, checkpoint))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
        TrainerConfig changed = config.toBuilder().seed(config.seed() + 1).build();
        assertThatThrownBy(() -> Trainer.of(changed).resume(DATA, checkpoint))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configuration");
    }

    /**
     * A checkpoint edited so that the paused epoch continues where no batch starts (row 7 of batches of 16, or past
     * the epoch's end) trained on misaligned batches, or skipped the rest of the epoch, and ended unlike the unbroken
     * run without a word; it is refused. Every place a batch starts, and just past the last batch, still resumes.
     */
    @Test
    void aPausedEpochResumesOnlyWhereABatchStarts() {
        TrainerConfig config = TrainerConfig.builder().optimizer(OptimizerType.SGD).batchSize(16).maxEpochs(6)
                .learningRate(0.5).build();
        List<Checkpoint> saved = new ArrayList<>();
        Trainer.of(config).withListener(new StopAfter(2)).withCheckpoints(0, saved::add).train(DATA);
        String json = CheckpointFile.toJson(saved.get(0));
        assertThat(saved.get(0).state().batchStart()).isEqualTo(32);
        for (int start : new int[] {7, 33, 80, 1000}) {
            Checkpoint edited = CheckpointFile.parse(CheckpointEdits.resealed(json.replace(
                    "\"batchStart\" : 32,", "\"batchStart\" : " + start + ",")));
            assertThatThrownBy(() -> Trainer.of(config).resume(DATA, edited))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the saved state's next batch starts at position " + start + " of the epoch, where "
                            + "no batch of 16 rows starts in an epoch of 60 rows");
        }
        for (int start : new int[] {16, 48, 64}) {
            Checkpoint edited = CheckpointFile.parse(CheckpointEdits.resealed(json.replace(
                    "\"batchStart\" : 32,", "\"batchStart\" : " + start + ",")));
            assertThat(Trainer.of(config).resume(DATA, edited).epochs()).isEqualTo(6);
        }
    }

    /** The two runs ended alike, bit for bit (also {@link ExtendedRunTest}'s check). */
    static void assertSame(TrainingResult actual, TrainingResult expected) {
        assertThat(actual.stopReason()).isEqualTo(expected.stopReason());
        assertThat(actual.epochs()).isEqualTo(expected.epochs());
        assertThat(actual.bestEpoch()).isEqualTo(expected.bestEpoch());
        assertThat(actual.lossHistory()).containsExactly(expected.lossHistory());
        assertThat(actual.validationLossHistory()).containsExactly(expected.validationLossHistory());
        assertThat(actual.model().network().parameters()).containsExactly(expected.model().network().parameters());
        assertThat(Double.doubleToLongBits(actual.finalLoss())).isEqualTo(Double.doubleToLongBits(expected.finalLoss()));
    }

    /** Asks to stop after the given number of updates. */
    private static final class StopAfter implements TrainingListener {
        private final int updates;
        private int seen;

        StopAfter(int updates) {
            this.updates = updates;
        }

        @Override
        public void batchEnded(int epoch, int batch, double loss) {
            seen++;
        }

        @Override
        public boolean stopRequested() {
            return seen >= updates;
        }
    }
}
