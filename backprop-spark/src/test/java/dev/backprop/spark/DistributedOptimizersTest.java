package dev.backprop.spark;

import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The core's optimizers step on the driver against the distributed objective: lbfgs and bfgs run their line searches
 * on it (each trial point one Spark job) and give the core's iterates; the first-order methods do on the full batch,
 * and on sampled rows learn reproducibly.
 */
class DistributedOptimizersTest {
    private static final Frame DATA = TestData.classes(60, 29);
    private static final PreprocessConfig LABEL = PreprocessConfig.of("label");

    private static TrainerConfig config(OptimizerType optimizer, int iterations) {
        return TrainerConfig.builder().hidden(5).bias(true).output(Activation.SOFTMAX)
                .loss(Loss.CATEGORICAL_CROSS_ENTROPY).optimizer(optimizer).maxEpochs(iterations).tolerance(0)
                .seed(31).build();
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 7})
    void lbfgsAndBfgsGiveTheCoresIterates(int partitions) {
        Dataset<Row> frame = LocalSpark.frame(DATA);
        try (PackedDataset packed = SparkTrainer.of(config(OptimizerType.LBFGS, 1)).withPartitions(partitions)
                .withBlockRows(8).pack(frame, LABEL)) {
            double gd = SparkTrainer.of(config(OptimizerType.GD, 8)).train(packed).finalLoss();
            for (OptimizerType optimizer : new OptimizerType[] {OptimizerType.LBFGS, OptimizerType.BFGS}) {
                TrainerConfig config = config(optimizer, 8);
                TrainingResult expected = Trainer.of(config).train(DATA, LABEL);
                TrainingResult actual = SparkTrainer.of(config).train(packed);
                DistributedGradientDescentTest.assertSameTraining(actual, expected);
                // The line search pays: 8 quasi-Newton steps get further than 8 gradient steps.
                assertThat(actual.finalLoss()).as(optimizer.id()).isLessThan(gd);
            }
        }
    }

    /** On 60 rows the core's mini-batch optimizers take the full batch (min(200, n) rows), as a fraction of 1 does. */
    @Test
    void firstOrderOptimizersOnTheFullBatchGiveTheCoresIterates() {
        Dataset<Row> frame = LocalSpark.frame(DATA);
        try (PackedDataset packed = SparkTrainer.of(config(OptimizerType.ADAM, 1)).withPartitions(3).pack(frame,
                LABEL)) {
            for (OptimizerType optimizer : new OptimizerType[] {OptimizerType.SGD, OptimizerType.MOMENTUM,
                    OptimizerType.NESTEROV, OptimizerType.ADAM}) {
                TrainerConfig config = config(optimizer, 10).toBuilder().learningRate(0.05).build();
                DistributedGradientDescentTest.assertSameTraining(SparkTrainer.of(config).train(packed),
                        Trainer.of(config).train(DATA, LABEL));
            }
        }
    }

    @Test
    void sampledAdamIsReproducibleAndLearns() {
        Dataset<Row> frame = LocalSpark.frame(TestData.classes(400, 37));
        TrainerConfig config = config(OptimizerType.ADAM, 30).toBuilder().learningRate(0.05).build();
        SparkTrainer adam = SparkTrainer.of(config).withPartitions(2).withBlockRows(32).withSampleFraction(0.2);

        TrainingResult first = adam.train(frame, LABEL);
        TrainingResult second = adam.train(frame, LABEL);
        TrainingResult full = adam.withSampleFraction(1).train(frame, LABEL);

        assertThat(second.model().network().parameters()).containsExactly(first.model().network().parameters());
        assertThat(first.model().network().parameters()).isNotEqualTo(full.model().network().parameters());
        // A fifth of the rows per step: J falls by a quarter in 30 steps (full-batch adam: by a third).
        assertThat(first.finalLoss()).isLessThan(0.8 * first.lossHistory()[0]);
        assertThat(full.finalLoss()).isLessThan(first.finalLoss());
        assertThatThrownBy(() -> SparkTrainer.of(config(OptimizerType.LBFGS, 5)).withSampleFraction(0.2))
                .hasMessage("lbfgs works on the full batch: its line search needs the exact loss, so the sample "
                        + "fraction must be 1");
    }
}
