package dev.backprop.spark;

import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every loss of the core trains on Spark to the core's weights: the executors return sums over rows, the driver
 * divides by n for the mean losses and adds the L2 penalty once. A three-class target, one-hot; 10 iterations of gd.
 */
class DistributedLossesTest {
    private static final Frame DATA = TestData.classes(60, 17);
    private static final PreprocessConfig LABEL = PreprocessConfig.of("label");

    private static TrainerConfig config(Loss loss, double l2) {
        Activation output = loss == Loss.CATEGORICAL_CROSS_ENTROPY ? Activation.SOFTMAX : Activation.SIGMOID;
        return TrainerConfig.builder().hidden(4).bias(true).output(output).loss(loss).l2(l2)
                .learningRate(loss == Loss.SSE ? 0.05 : 1.0).maxEpochs(10).tolerance(0).seed(23).build();
    }

    /** Each partition count packs twice (targets scaled for the squared errors, as they are for the others). */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 7})
    void everyLossWithAndWithoutL2GivesTheCoresWeights(int partitions) {
        Dataset<Row> frame = LocalSpark.frame(DATA);
        List<List<TrainerConfig>> packings = List.of(
                List.of(config(Loss.SSE, 0), config(Loss.MSE, 0), config(Loss.SSE, 0.01)),
                List.of(config(Loss.BINARY_CROSS_ENTROPY, 0), config(Loss.CATEGORICAL_CROSS_ENTROPY, 0),
                        config(Loss.CATEGORICAL_CROSS_ENTROPY, 0.01)));
        for (List<TrainerConfig> configs : packings) {
            SparkTrainer packer = SparkTrainer.of(configs.get(0)).withPartitions(partitions).withBlockRows(8);
            try (PackedDataset packed = packer.pack(frame, LABEL)) {
                assertThat(packed.targetNames()).containsExactly("label=high", "label=low", "label=mid");
                for (TrainerConfig config : configs) {
                    TrainingResult expected = Trainer.of(config).train(DATA, LABEL);
                    TrainingResult actual = SparkTrainer.of(config).train(packed);
                    DistributedGradientDescentTest.assertSameTraining(actual, expected);
                    assertThat(actual.finalLoss()).as(config.loss().id()).isLessThan(actual.lossHistory()[0]);
                }
            }
        }
    }

    /** The cross-entropies' blocks are weighed by n_b / n: one block of all rows is the core's computation itself. */
    @Test
    void oneBlockOfCrossEntropyIsBitIdenticalToTheCore() {
        TrainerConfig config = config(Loss.CATEGORICAL_CROSS_ENTROPY, 0.01);
        TrainingResult expected = Trainer.of(config).train(DATA, LABEL);
        TrainingResult actual = SparkTrainer.of(config).withPartitions(1).train(LocalSpark.frame(DATA), LABEL);

        assertThat(actual.model().network().parameters()).containsExactly(expected.model().network().parameters());
        assertThat(actual.lossHistory()).containsExactly(expected.lossHistory());
    }
}
