package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import dev.backprop.model.TrainingHistory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A training result reads the run from its model's history, the one record of it. */
class TrainingResultTest {
    private static final Dataset SEED = Dataset.of(Matrix.of(new double[][]{{3, 5}, {5, 1}, {10, 2}}),
            Matrix.of(new double[][]{{75}, {82}, {93}}));

    private static TrainingResult trained() {
        return Trainer.of(TrainerConfig.builder().maxEpochs(20).validationFraction(0.34).patience(0).build())
                .train(SEED);
    }

    @Test
    void theRunIsReadFromTheModelsHistory() {
        TrainingResult result = trained();
        TrainingHistory history = result.model().history();
        assertThat(result.history()).isSameAs(history);
        assertThat(history.stopReason()).isEqualTo(result.stopReason().id());
        assertThat(result.epochs()).isEqualTo(history.epochs()).isEqualTo(20);
        assertThat(result.bestEpoch()).isEqualTo(history.bestEpoch());
        assertThat(result.finalLoss()).isEqualTo(history.finalLoss());
        assertThat(result.lossHistory()).containsExactly(history.lossHistory()).hasSize(20);
        assertThat(result.validationLossHistory()).containsExactly(history.validationLossHistory()).hasSize(20);
    }

    @Test
    void aModelWithoutHistoryOrWithAnotherStopReasonIsRefused() {
        Model bare = trained().model().withHistory(null);
        assertThatThrownBy(() -> new TrainingResult(bare, StopReason.MAX_EPOCHS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a training result needs a model with a training history");
        assertThatThrownBy(() -> new TrainingResult(trained().model(), StopReason.CONVERGED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model's history says training stopped by 'max-epochs' but the result says "
                        + "'converged'");
    }

    @Test
    void theLongConstructorRecordsTheRunInTheModelKeepingItsSettings() {
        TrainingResult trained = trained();
        TrainingResult result = new TrainingResult(trained.model(), StopReason.CONVERGED, 3, 0.25,
                new double[]{1, 0.5, 0.25}, new double[]{2, 1, 1.5}, 2);
        assertThat(result.model().history()).isEqualTo(new TrainingHistory("converged", 3, 2, 0.25,
                new double[]{1, 0.5, 0.25}, new double[]{2, 1, 1.5}, trained.history().settings()));
        assertThat(result.model().network()).isEqualTo(trained.model().network());
    }

    @Test
    void withModelKeepsTheHistoryForAModelWithoutOne() {
        TrainingResult trained = trained();
        TrainingResult moved = trained.withModel(trained.model().withHistory(null));
        assertThat(moved.history()).isEqualTo(trained.history());
        assertThat(moved.stopReason()).isEqualTo(trained.stopReason());
    }
}
