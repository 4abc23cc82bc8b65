package dev.backprop.linalg;

import dev.backprop.data.Dataset;
import dev.backprop.nn.Activation;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command line's cold start ({@link ColdStart}: the element-wise kernels in plain Java for a fixed number of
 * elements) lends exactly that many elements to the plain form, and trains the same model to the bit as the Vector API
 * kernels from the start, predicting the same values. (In this package, beside the budget it spends, although it
 * trains through {@code train}: only tests may look up the layers like this.)
 */
class ColdStartTest {
    @Test
    void lendsAFixedNumberOfElementsToThePlainForm() {
        assertThat(ColdStart.plain(1)).as("not begun: the vectors from the start").isFalse();
        ColdStart.begin();
        assertThat(ColdStart.plain(ColdStart.PLAIN_ELEMENTS - 1)).isTrue();
        assertThat(ColdStart.plain(5)).as("the call with the last element").isTrue();
        assertThat(ColdStart.plain(1)).as("spent").isFalse();
    }

    @Test
    void trainsAndPredictsTheSameBitsAsTheVectorsFromTheStart() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] xs = new double[300][20];
        double[][] ys = new double[300][1];
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < xs[i].length; j++) {
                xs[i][j] = random.nextDouble();
            }
            ys[i][0] = Math.sin(3 * xs[i][0]) + xs[i][1] * xs[i][2];
        }
        Dataset data = Dataset.of(Matrix.of(xs), Matrix.of(ys));
        Matrix probe = Matrix.of(Arrays.copyOf(xs, 50));
        TrainerConfig config = TrainerConfig.builder().hidden(64).activation(Activation.SIGMOID)
                .output(Activation.LINEAR).bias(true).optimizer(OptimizerType.SGD).batchSize(32).learningRate(0.005)
                .maxEpochs(15).seed(3).build();

        TrainingResult vectors = Trainer.of(config).train(data);
        ColdStart.begin();
        TrainingResult plain = Trainer.of(config).train(data);
        Matrix plainPredictions = plain.model().predict(probe);
        assertThat(ColdStart.plain(Long.MAX_VALUE)).as("still lending: every kernel call above was plain").isTrue();

        assertThat(plain.model().network().parameters()).isEqualTo(vectors.model().network().parameters());
        assertThat(plainPredictions.toArray()).isEqualTo(vectors.model().predict(probe).toArray());
        assertThat(plain.finalLoss()).isLessThan(0.5 * plain.history().lossHistory()[0]);
    }
}
