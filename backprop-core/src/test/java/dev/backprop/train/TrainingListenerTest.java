package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingListenerTest {
    private static Dataset data(int rows) {
        double[][] x = new double[rows][2];
        double[][] y = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            x[i][0] = i % 7;
            x[i][1] = i % 3;
            y[i][0] = (i % 7) + 2 * (i % 3);
        }
        return Dataset.of(Matrix.of(x), Matrix.of(y));
    }

    /** Records what it is told; asks to stop after {@code stopAfter} epochs. */
    private static final class Recorder implements TrainingListener {
        final List<double[]> epochs = new ArrayList<>();
        int batches;
        int started;
        int batchesPerEpoch;
        final int stopAfter;

        Recorder(int stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void trainingStarted(int maxEpochs, int rows, int batchesPerEpoch) {
            started++;
            this.batchesPerEpoch = batchesPerEpoch;
        }

        @Override
        public void batchEnded(int epoch, int batch, double loss) {
            batches++;
        }

        @Override
        public void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
            epochs.add(new double[] {epoch, trainingLoss, validationLoss, learningRate});
        }

        @Override
        public boolean stopRequested() {
            return epochs.size() >= stopAfter;
        }
    }

    @Test
    void everyEpochAndBatchIsReportedWithTheHistorysLosses() {
        Recorder recorder = new Recorder(Integer.MAX_VALUE);
        TrainerConfig config = TrainerConfig.builder().optimizer(OptimizerType.SGD).batchSize(10).maxEpochs(7)
                .tolerance(0).learningRate(0.1).validationFraction(0.2).build();
        TrainingResult result = Trainer.of(config).withListener(recorder).train(data(50));

        assertThat(recorder.started).isEqualTo(1);
        assertThat(recorder.batchesPerEpoch).isEqualTo(4);
        assertThat(recorder.batches).isEqualTo(7 * 4);
        assertThat(recorder.epochs).hasSize(7);
        for (int e = 0; e < 7; e++) {
            assertThat(recorder.epochs.get(e)[0]).isEqualTo(e + 1);
            assertThat(recorder.epochs.get(e)[1]).isEqualTo(result.lossHistory()[e]);
            assertThat(recorder.epochs.get(e)[2]).isEqualTo(result.validationLossHistory()[e]);
            assertThat(recorder.epochs.get(e)[3]).isEqualTo(0.1);
        }
    }

    @Test
    void aListenerCanStopTrainingAndTheWeightsSoFarAreKept() {
        TrainerConfig config = TrainerConfig.builder().maxEpochs(1000).tolerance(0).build();
        TrainingResult stopped = Trainer.of(config).withListener(new Recorder(30)).train(data(20));
        TrainingResult thirty = Trainer.of(config.toBuilder().maxEpochs(30).build()).train(data(20));

        assertThat(stopped.stopReason()).isEqualTo(StopReason.INTERRUPTED);
        assertThat(stopped.epochs()).isEqualTo(30);
        assertThat(stopped.model().network().parameters()).isEqualTo(thirty.model().network().parameters());
    }
}
