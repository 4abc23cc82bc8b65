package dev.backprop.spark;

import dev.backprop.data.Dataset;
import dev.backprop.data.ScalingMethod;
import dev.backprop.nn.Loss;
import dev.backprop.train.StopReason;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Distributed full-batch gradient descent is the core's gradient descent: the same data, configuration and seed give
 * the same weights to 1e-9 after k iterations, whatever the partitioning (only the order of additions differs).
 */
class DistributedGradientDescentTest {
    private static final int K = 10;
    private static final double TOLERANCE = 1e-9;

    private static TrainerConfig config(Loss loss, ScalingMethod scaling) {
        return TrainerConfig.builder().hidden(4, 3).bias(true).loss(loss).scaling(scaling)
                .learningRate(loss == Loss.SSE ? 0.05 : 1.0).maxEpochs(K).tolerance(0).seed(11).build();
    }

    @ParameterizedTest(name = "{0} partitions, loss {1}, scaling {2}")
    @CsvSource({"1, sse, minmax", "2, sse, minmax", "7, sse, minmax", "1, mse, minmax", "2, mse, minmax",
            "7, mse, minmax", "3, mse, max", "3, sse, none"})
    void distributedGdGivesTheCoresWeights(int partitions, String loss, String scaling) {
        Dataset data = TestData.regression(64, 5);
        TrainerConfig config = config(Loss.fromId(loss), ScalingMethod.fromId(scaling));
        TrainingResult expected = Trainer.of(config).train(data);
        // Blocks of 5 rows: several blocks per partition, and a partial one at each partition's end.
        TrainingResult actual = SparkTrainer.of(config).withPartitions(partitions).withBlockRows(5)
                .train(LocalSpark.frame(data), "y");

        assertSameTraining(actual, expected);
        double[] history = expected.lossHistory();
        assertThat(expected.finalLoss()).isLessThan(history[0]);
    }

    @Test
    void partitionCountsOneTwoAndSevenAgreeWithEachOther() {
        Dataset data = TestData.regression(50, 8);
        TrainerConfig config = config(Loss.MSE, ScalingMethod.MINMAX);
        SparkTrainer trainer = SparkTrainer.of(config).withBlockRows(4);
        double[] one = trainer.withPartitions(1).train(LocalSpark.frame(data), "y").model().network().parameters();
        for (int partitions : new int[] {2, 7}) {
            double[] other = trainer.withPartitions(partitions).train(LocalSpark.frame(data), "y")
                    .model().network().parameters();
            for (int i = 0; i < one.length; i++) {
                assertThat(other[i]).as("parameter %d with %d partitions", i, partitions)
                        .isCloseTo(one[i], within(TOLERANCE));
            }
        }
    }

    @Test
    void morePartitionsThanRowsWorks() {
        Dataset data = TestData.sleepStudy();
        TrainerConfig config = TrainerConfig.builder().maxEpochs(20).build();   // the seed's network
        TrainingResult expected = Trainer.of(config).train(data);
        TrainingResult actual = SparkTrainer.of(config).withPartitions(7).train(LocalSpark.frame(data), "score");
        assertSameTraining(actual, expected);
    }

    @Test
    void stopsAtTheSameEpochWhenTheWeightsStopChanging() {
        Dataset data = TestData.regression(40, 3);
        TrainerConfig config = config(Loss.MSE, ScalingMethod.MINMAX).toBuilder().maxEpochs(500).tolerance(2e-3)
                .build();
        TrainingResult expected = Trainer.of(config).train(data);
        assertThat(expected.stopReason()).isEqualTo(StopReason.CONVERGED);
        TrainingResult actual = SparkTrainer.of(config).withPartitions(2).train(LocalSpark.frame(data), "y");
        assertSameTraining(actual, expected);
    }

    static void assertSameTraining(TrainingResult actual, TrainingResult expected) {
        assertThat(actual.stopReason()).isEqualTo(expected.stopReason());
        assertThat(actual.epochs()).isEqualTo(expected.epochs());
        assertThat(actual.model().inputs()).isEqualTo(expected.model().inputs());
        assertThat(actual.model().outputs()).isEqualTo(expected.model().outputs());
        assertThat(actual.model().inputScaling()).isEqualTo(expected.model().inputScaling());
        assertThat(actual.model().outputScaling()).isEqualTo(expected.model().outputScaling());
        assertThat(actual.model().network().architecture()).isEqualTo(expected.model().network().architecture());
        double[] a = actual.model().network().parameters();
        double[] e = expected.model().network().parameters();
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("parameter %d", i).isCloseTo(e[i], within(TOLERANCE));
        }
        double[] ah = actual.lossHistory();
        double[] eh = expected.lossHistory();
        for (int t = 0; t < eh.length; t++) {
            assertThat(ah[t]).as("J before update %d", t + 1).isCloseTo(eh[t], within(TOLERANCE * Math.max(1, eh[t])));
        }
        assertThat(actual.finalLoss()).isCloseTo(expected.finalLoss(),
                within(TOLERANCE * Math.max(1, expected.finalLoss())));
    }
}
