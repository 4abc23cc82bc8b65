package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows handed to the trainer in Java are checked as the readers check a file's cells: a NaN or infinite input or
 * target trained on without a word, every loss NaN, and ended as a "diverged" run of NaN weights (or, for an infinite
 * input, finite predictions from a scaling fitted on infinity).
 */
class TrainingInputsTest {
    private static final TrainerConfig CONFIG = TrainerConfig.builder().hidden(3).maxEpochs(50).seed(1).build();

    private static Dataset data(double[][] x, double[][] y) {
        return new Dataset(List.of("hours", "study"), List.of("score"), Matrix.of(x), Matrix.of(y));
    }

    @Test
    void aNonFiniteInputOrTargetIsRefusedNamingItsRowAndColumn() {
        double[][] y = {{0.2}, {0.4}, {0.6}, {0.8}};
        assertThatThrownBy(() -> Trainer.of(CONFIG).train(data(
                new double[][] {{1, 2}, {3, 4}, {5, Double.NaN}, {7, 8}}, y)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 3, input 'study', is NaN: training needs finite inputs and targets");
        assertThatThrownBy(() -> Trainer.of(CONFIG).train(data(
                new double[][] {{1, 2}, {Double.NEGATIVE_INFINITY, 4}, {5, 6}, {7, 8}}, y)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("row 2, input 'hours', is -Infinity");
        double[][] x = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
        assertThatThrownBy(() -> Trainer.of(CONFIG).train(data(x,
                new double[][] {{0.2}, {0.4}, {0.6}, {Double.POSITIVE_INFINITY}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("row 4, target 'score', is Infinity");
    }

    /** The rows a validation split holds out are checked too, and nothing starts before the check. */
    @Test
    void theHeldOutRowsAreCheckedBeforeTrainingStarts() {
        double[][] x = new double[20][2];
        double[][] y = new double[20][1];
        for (int i = 0; i < 20; i++) {
            x[i][0] = i;
            x[i][1] = i % 3;
            y[i][0] = i * 0.05;
        }
        y[19][0] = Double.NaN;
        boolean[] started = {false};
        TrainingListener watch = new TrainingListener() {
            @Override
            public void trainingStarted(int maxEpochs, int rows, int batchesPerEpoch) {
                started[0] = true;
            }
        };
        assertThatThrownBy(() -> Trainer.of(CONFIG.toBuilder().validationFraction(0.5).build()).withListener(watch)
                .train(data(x, y))).hasMessageStartingWith("row 20, target 'score', is NaN");
        assertThat(started[0]).isFalse();
    }

    /** A starting network with a NaN weight trained to a "diverged" run that kept the NaN weights it was given. */
    @Test
    void aStartingNetworkWithANonFiniteParameterIsRefused() {
        double[][] x = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
        Dataset data = data(x, new double[][] {{0.2}, {0.4}, {0.6}, {0.8}});
        Network trained = Trainer.of(CONFIG).train(data).model().network();
        double[] parameters = trained.parameters();
        parameters[4] = Double.NaN;
        Network broken = Network.of(trained.architecture(), parameters);
        assertThatThrownBy(() -> Trainer.of(CONFIG).train(data, broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the starting network's parameter 5 of 9 is NaN: training starts from finite weights");
        assertThat(Trainer.of(CONFIG).train(data, trained).stopReason()).isEqualTo(StopReason.MAX_EPOCHS);
    }

    /**
     * A float32 run without scaling rounds the rows to float as they are: 1e39 became infinity, and the run ended
     * "diverged" after one epoch with a finite loss. Scaled, the same value trains.
     */
    @Test
    void aValueBeyondFloatRangeIsRefusedWhereAFloat32RunWouldRoundItToInfinity() {
        Dataset data = data(new double[][] {{1, 2}, {3, 1e39}, {5, 6}, {7, 8}}, new double[][] {{0.2}, {0.4}, {0.6},
                {0.8}});
        TrainerConfig float32 = CONFIG.toBuilder().precision(Precision.FLOAT32).build();
        assertThatThrownBy(() -> Trainer.of(float32.toBuilder().scaling(ScalingMethod.NONE).build()).train(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 2, input 'study', is 1.0E39: a float32 run without scaling rounds it to infinity "
                        + "(floats reach 3.4028235E38); scale the data or train in float64");
        assertThat(Trainer.of(float32).train(data).stopReason()).isEqualTo(StopReason.MAX_EPOCHS);
        assertThat(Trainer.of(CONFIG.toBuilder().scaling(ScalingMethod.NONE).build()).train(data).model()
                .predict(data.x()).firstNonFinite()).isEqualTo(-1);
    }

    /**
     * A row weight is not scaled, so any float32 run rounds one beyond float's range to infinity: the loss was
     * infinite at once and the run ended "diverged". Refused; in float64 the same weights train.
     */
    @Test
    void aRowWeightBeyondFloatRangeIsRefusedInAFloat32Run() {
        Dataset data = data(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}}, new double[][] {{0.2}, {0.4}, {0.6},
                {0.8}}).withWeights(new double[] {1, 1, 1e39, 1});
        assertThatThrownBy(() -> Trainer.of(CONFIG.toBuilder().precision(Precision.FLOAT32).build()).train(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 3's weight is 1.0E39: a float32 run rounds it to infinity (floats reach "
                        + "3.4028235E38); divide the weights by a common factor or train in float64");
        assertThat(Trainer.of(CONFIG).train(data).stopReason()).isNotEqualTo(StopReason.DIVERGED);
    }
}
