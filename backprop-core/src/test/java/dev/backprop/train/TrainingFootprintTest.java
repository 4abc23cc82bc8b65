package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.Precision;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.optim.OptimizerType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's weights, optimizer state, workspaces and data copy are checked against the budget before allocating. */
class TrainingFootprintTest {
    private static final Dataset SEED = new Dataset(List.of("sleep", "study"), List.of("score"),
            Matrix.of(new double[][] {{3, 5}, {5, 1}, {10, 2}}), Matrix.of(new double[][] {{75}, {82}, {93}}));

    @Test
    void theSeedsRunCountsItsDoublesExactly() {
        // P = 9: weights, gradient, last finite 27; workspaces 3 rows x (3 + 1) units x 3 = 36, the batch 3 x 4 = 12;
        // the data copy 2 x 3 x 3 = 18: 93 doubles, 744 bytes.
        Trainer gd = Trainer.of(TrainerConfig.builder().maxEpochs(10).build());
        assertThat(gd.withMemoryBudget(MemoryBudget.of(744)).train(SEED).epochs()).isEqualTo(10);
        assertThatThrownBy(() -> gd.withMemoryBudget(MemoryBudget.of(743)).train(SEED))
                .isInstanceOf(TooLargeException.class)
                .hasMessage("the network has 9 parameters: training on 3 rows needs 744 bytes (weights, gradient, "
                        + "workspaces for batches of 3 rows, the scaled data) but the JVM may use 743 bytes; use fewer "
                        + "or smaller hidden layers, a smaller batch, or fewer inputs (leave out columns with many distinct "
                        + "values)");
    }

    @Test
    void float32CountsFloatsForWeightsWorkspacesAndTheTrainingCopy() {
        // The 93 doubles above: weights 27 and workspaces 48 become floats (300 bytes), the scaled data stays 18
        // doubles (144 bytes) and its float copy adds 3 x 3 floats (36 bytes): 480 bytes.
        Trainer gd = Trainer.of(TrainerConfig.builder().maxEpochs(10).precision(Precision.FLOAT32).build());
        assertThat(gd.withMemoryBudget(MemoryBudget.of(480)).train(SEED).epochs()).isEqualTo(10);
        assertThatThrownBy(() -> gd.withMemoryBudget(MemoryBudget.of(479)).train(SEED))
                .isInstanceOf(TooLargeException.class).hasMessageContaining("needs 480 bytes");
    }

    @Test
    void beforeEncodingTheEncodedDataCountsToo() {
        // The 744 bytes above and the encoded 3 rows x 3 values: 72 bytes more.
        Trainer gd = Trainer.of(TrainerConfig.builder().maxEpochs(10).build()).withMemoryBudget(MemoryBudget.of(815));
        assertThatThrownBy(() -> gd.requireMemory(gd.architecture(2, 1), 3))
                .hasMessageContaining("needs 816 bytes (the encoded 3 x 3 data, weights, gradient, workspaces");
    }

    @Test
    void adamCountsItsTwoMoments() {
        Trainer adam = Trainer.of(TrainerConfig.builder().optimizer(OptimizerType.ADAM).maxEpochs(10).build());
        assertThatThrownBy(() -> adam.withMemoryBudget(MemoryBudget.of(744 + 143)).train(SEED))
                .hasMessageContaining("needs 888 bytes (weights, gradient, Adam's two moments, workspaces");
        assertThat(adam.withMemoryBudget(MemoryBudget.of(888)).train(SEED).epochs()).isEqualTo(10);
    }

    @Test
    void aHugeNetworkIsRefusedBeforeItsWeightsExist() {
        TrainerConfig config = TrainerConfig.builder().hidden(20_000, 20_000).optimizer(OptimizerType.ADAM).build();
        assertThatThrownBy(() -> Trainer.of(config).withMemoryBudget(MemoryBudget.of(1L << 30)).train(SEED))
                .hasMessageStartingWith("the network has 400,060,000 parameters: training on 3 rows needs 14.9 GB");
    }

    @Test
    void theHistoryGrowsWithTheEpochsRunNotTheLimit() {
        TrainingResult result = Trainer.of(TrainerConfig.builder().maxEpochs(Integer.MAX_VALUE).tolerance(1e-3)
                .build()).train(SEED);
        assertThat(result.stopReason()).isSameAs(StopReason.CONVERGED);
        assertThat(result.lossHistory()).hasSize(result.epochs());
    }
}
