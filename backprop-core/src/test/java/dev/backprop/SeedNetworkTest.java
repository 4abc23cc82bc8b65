package dev.backprop;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import dev.backprop.train.StopReason;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The seed's network, end to end: its closed-form gradients, its gradient descent, its example. */
class SeedNetworkTest {
    static final double[][] X = {{3.0 / 10, 5.0 / 5}, {5.0 / 10, 1.0 / 5}, {10.0 / 10, 2.0 / 5}};
    static final double[][] Y = {{0.75}, {0.82}, {0.93}};
    static final double[][] W1 = {{0.5, -0.3, 0.8}, {-0.1, 0.4, 0.2}};
    static final double[][] W2 = {{0.7}, {-0.6}, {0.3}};

    static Network seedNetwork(double[][] w1, double[][] w2) {
        return Network.of(List.of(new DenseLayer(Matrix.of(w1), null, Activation.SIGMOID),
                new DenseLayer(Matrix.of(w2), null, Activation.SIGMOID)), Loss.SSE);
    }

    static double[] flat(double[][] m) {
        return Matrix.of(m).toArray();
    }

    @Test
    void gradientsEqualTheSeedsClosedForms() {
        Network network = seedNetwork(W1, W2);
        double[] gradient = new double[network.architecture().parameterCount()];
        double j = new Backpropagation(network.architecture(), 3)
                .lossAndGradient(network.parameters(), flat(X), flat(Y), 3, gradient);

        double[][][] expected = SeedFormulas.gradients(X, Y, W1, W2);
        double[] dW1 = flat(expected[0]);
        double[] dW2 = flat(expected[1]);
        for (int i = 0; i < 6; i++) {
            assertThat(gradient[i]).as("dJ/dW1[%d]", i).isCloseTo(dW1[i], within(1e-12));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(gradient[6 + i]).as("dJ/dW2[%d]", i).isCloseTo(dW2[i], within(1e-12));
        }
        assertThat(j).isCloseTo(SeedFormulas.loss(X, Y, W1, W2), within(1e-15));
        assertThat(j).isGreaterThan(0.01);
    }

    @Test
    void gradientDescentMatchesTheSeedsUpdateStepForStep() {
        Network network = seedNetwork(W1, W2);
        Dataset data = Dataset.of(Matrix.of(X), Matrix.of(Y));
        TrainerConfig config = TrainerConfig.builder().scaling(dev.backprop.data.ScalingMethod.NONE)
                .learningRate(1.0).maxEpochs(1000).tolerance(0).build();
        TrainingResult result = Trainer.of(config).train(data, network);

        double[][][] expected = SeedFormulas.descend(X, Y, W1, W2, 1.0, 1000);
        double[] trained = result.model().network().parameters();
        double[] w1 = flat(expected[0]);
        double[] w2 = flat(expected[1]);
        for (int i = 0; i < 6; i++) {
            assertThat(trained[i]).isCloseTo(w1[i], within(1e-10));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(trained[6 + i]).isCloseTo(w2[i], within(1e-10));
        }
        assertThat(result.epochs()).isEqualTo(1000);
        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_EPOCHS);
        assertThat(result.lossHistory()).hasSize(1000);
        assertThat(result.lossHistory()[0]).isCloseTo(SeedFormulas.loss(X, Y, W1, W2), within(1e-15));
        assertThat(result.finalLoss()).isLessThan(result.lossHistory()[0] / 10);
    }

    @Test
    void theBundledExampleIsLearnedToWithinOnePoint() {
        Dataset data = new Dataset(List.of("sleep", "study"), List.of("score"),
                Matrix.of(new double[][] {{3, 5}, {5, 1}, {10, 2}}), Matrix.of(new double[][] {{75}, {82}, {93}}));
        TrainingResult result = Trainer.of(TrainerConfig.builder().build()).train(data);

        Matrix predicted = result.model().predict(data.x());
        assertThat(predicted.get(0, 0)).isCloseTo(75, within(1.0));
        assertThat(predicted.get(1, 0)).isCloseTo(82, within(1.0));
        assertThat(predicted.get(2, 0)).isCloseTo(93, within(1.0));
        double[] history = result.lossHistory();
        assertThat(result.finalLoss()).isLessThan(history[0] / 100);
        for (int e = 1; e < history.length; e++) {
            assertThat(history[e]).as("loss of epoch %d", e).isLessThanOrEqualTo(history[e - 1] + 1e-15);
        }
    }

    @Test
    void trainingStopsWhenTheWeightsStopChanging() {
        Dataset data = Dataset.of(Matrix.of(X), Matrix.of(Y));
        TrainerConfig config = TrainerConfig.builder().scaling(dev.backprop.data.ScalingMethod.NONE)
                .tolerance(1e-4).maxEpochs(100_000).build();
        TrainingResult result = Trainer.of(config).train(data);

        assertThat(result.stopReason()).isEqualTo(StopReason.CONVERGED);
        assertThat(result.epochs()).isLessThan(100_000);
        // The stopping update moved no weight by more than the tolerance: one more gradient is that small too.
        Network network = result.model().network();
        double[] gradient = new double[network.architecture().parameterCount()];
        new Backpropagation(network.architecture(), 3).lossAndGradient(network.parameters(), flat(X), flat(Y), 3,
                gradient);
        for (double g : gradient) {
            assertThat(Math.abs(g)).isLessThan(1e-4);
        }
    }

    @Test
    void theSameSeedGivesBitIdenticalModels() {
        Dataset data = Dataset.of(Matrix.of(X), Matrix.of(Y));
        TrainerConfig config = TrainerConfig.builder().seed(7).maxEpochs(200).build();
        Network a = Trainer.of(config).train(data).model().network();
        Network b = Trainer.of(config).train(data).model().network();
        Network c = Trainer.of(config.toBuilder().seed(8).build()).train(data).model().network();

        assertThat(a.parameters()).isEqualTo(b.parameters());
        assertThat(a.parameters()).isNotEqualTo(c.parameters());
    }

    @Test
    void withBiasATwoLayerNetworkLearnsXor() {
        Matrix x = Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Matrix y = Matrix.of(new double[][] {{0}, {1}, {1}, {0}});
        TrainerConfig config = TrainerConfig.builder().hidden(4).bias(true).learningRate(2.0).maxEpochs(20_000)
                .tolerance(0).scaling(dev.backprop.data.ScalingMethod.NONE).seed(1).build();
        TrainingResult result = Trainer.of(config).train(Dataset.of(x, y));

        Matrix predicted = result.model().predict(x);
        for (int i = 0; i < 4; i++) {
            assertThat(predicted.get(i, 0)).as("XOR row %d", i).isCloseTo(y.get(i, 0), within(0.1));
        }
    }
}
