package dev.backprop.spark;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Loss;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.FloatRowBlock;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code --precision float32} on a cluster: each block computes in float32 and θ is held and stepped in float32, so
 * the model is a float32 network whose weights follow the core's float32 run on the same rows. The two differ only
 * where the sums are grouped differently (blocks summed in double, mse's 1/n applied to a block sum), which moves a
 * weight by float32 rounding, not by more; a float64 run of the same settings is farther away than that.
 */
class DistributedFloat32Test {
    @ParameterizedTest(name = "{0}, {1} partitions")
    @CsvSource({"gd, 1", "gd, 3", "lbfgs, 2"})
    void blocksComputeInFloat32AndFollowTheCoresFloat32Run(String optimizer, int partitions) {
        Dataset data = TestData.regression(64, 5);
        TrainerConfig config = TrainerConfig.builder().hidden(4).bias(true).loss(Loss.MSE)
                .optimizer(OptimizerType.fromId(optimizer)).learningRate(1.0).maxEpochs(15).tolerance(0).seed(11)
                .precision(Precision.FLOAT32).build();
        TrainingResult expected = Trainer.of(config).train(data);
        TrainingResult actual = SparkTrainer.of(config).withPartitions(partitions).withBlockRows(7)
                .train(LocalSpark.frame(data), "y");

        assertThat(actual.model().network().precision()).isEqualTo(Precision.FLOAT32);
        double[] got = actual.model().network().parameters();
        double[] want = expected.model().network().parameters();
        double[] float64 = Trainer.of(config.toBuilder().precision(Precision.FLOAT64).build()).train(data).model()
                .network().parameters();
        double farthest = 0;
        double float64Distance = 0;
        for (int i = 0; i < got.length; i++) {
            assertThat((double) (float) got[i]).as("parameter %d is a float", i).isEqualTo(got[i]);
            farthest = Math.max(farthest, Math.abs(got[i] - want[i]));
            float64Distance = Math.max(float64Distance, Math.abs(float64[i] - want[i]));
        }
        assertThat(farthest).isLessThan(1e-4);
        assertThat(actual.finalLoss()).isCloseTo(expected.finalLoss(), within(1e-5 * expected.finalLoss()));
        assertThat(float64Distance).as("float32 is not float64").isGreaterThan(0);
    }

    @Test
    void aFloat32TrainerPacksFloatRowsWhichOnlyFloat32RunsTake() {
        Dataset data = TestData.regression(40, 3);
        TrainerConfig config = TrainerConfig.builder().hidden(3).bias(true).loss(Loss.MSE).optimizer(OptimizerType.GD)
                .learningRate(1.0).maxEpochs(5).tolerance(0).seed(2).precision(Precision.FLOAT32).build();
        SparkTrainer float32 = SparkTrainer.of(config).withPartitions(2).withBlockRows(6);
        SparkTrainer float64 = SparkTrainer.of(config.toBuilder().precision(Precision.FLOAT64).build())
                .withPartitions(2).withBlockRows(6);
        try (PackedDataset packed = float32.pack(LocalSpark.frame(data), List.of("a", "b", "c"), List.of("y"));
             PackedDataset doubles = float64.pack(LocalSpark.frame(data), List.of("a", "b", "c"), List.of("y"))) {
            assertThat(packed.precision()).isEqualTo(Precision.FLOAT32);
            assertThat(doubles.precision()).isEqualTo(Precision.FLOAT64);
            assertThat(packed.blocks().collect())
                    .allSatisfy(block -> assertThat(block).isInstanceOf(FloatRowBlock.class));
            // Rows rounded once when packed are the rows a float32 run rounded at every evaluation: the same model.
            double[] fromFloats = float32.train(packed).model().network().parameters();
            double[] fromDoubles = float32.train(doubles).model().network().parameters();
            assertThat(fromFloats).containsExactly(fromDoubles);
            assertThatThrownBy(() -> float64.train(packed)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("packed for a float32 run");
        }
    }
}
