package dev.backprop.train;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.Column;
import dev.backprop.data.Frame;
import dev.backprop.data.NumericColumn;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Task;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.model.Model;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermutationImportanceTest {
    /** y = sin(3 x1) + x1 over 200 rows; x2 is noise, and so is the categorical colour with three levels. */
    private static Frame frame() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 200;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        String[] colour = new String[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = random.nextDouble();
            x2[i] = random.nextDouble();
            colour[i] = List.of("red", "green", "blue").get(random.nextInt(3));
            y[i] = Math.sin(3 * x1[i]) + x1[i];
        }
        return Frame.of("synthetic", List.<Column>of(NumericColumn.of("x2", x2), CategoricalColumn.ofLabels("colour",
                colour), NumericColumn.of("x1", x1), NumericColumn.of("y", y)));
    }

    private static Model model(Frame frame) {
        TrainerConfig config = Preset.AUTO.builder(Task.REGRESSION, frame.rows()).hidden(16).maxEpochs(300).learningRate(0.01)
                .build();
        return Trainer.of(config).train(frame, PreprocessConfig.of("y")).model();
    }

    @Test
    void onlyTheColumnThatDecidesTheTargetMattersAndItRanksFirstByAWideMargin() {
        Frame frame = frame();
        Model model = model(frame);
        List<PermutationImportance.ColumnImportance> importances = PermutationImportance.of(model, frame, "r2", 5, 3);
        assertThat(importances).extracting(PermutationImportance.ColumnImportance::column)
                .containsExactly("x2", "colour", "x1");
        PermutationImportance.ColumnImportance x1 = importances.get(2);
        assertThat(x1.mean()).isGreaterThan(1.0);
        assertThat(x1.drops()).hasSize(5);
        assertThat(x1.sd()).isPositive();
        for (PermutationImportance.ColumnImportance other : importances.subList(0, 2)) {
            assertThat(x1.mean()).isGreaterThan(20 * Math.abs(other.mean()) + 10 * x1.sd());
        }
    }

    @Test
    void theSameSeedGivesTheSameImportancesAndALossDropsTheOtherWay() {
        Frame frame = frame();
        Model model = model(frame);
        var a = PermutationImportance.of(model, frame, "rmse", 2, 8);
        var b = PermutationImportance.of(model, frame, "rmse", 2, 8);
        assertThat(a.get(2).drops()).containsExactly(b.get(2).drops());
        assertThat(a.get(2).mean()).isPositive();
        assertThatThrownBy(() -> PermutationImportance.of(model, frame, "accuracy", 2, 8))
                .hasMessage("a regression model is scored by r2, rmse, mae, not 'accuracy'");
        assertThatThrownBy(() -> PermutationImportance.of(model, frame, "r2", 0, 8))
                .hasMessage("repeats must be >= 1 but was 0");
    }

    /** A drop is kept per shuffle: --repeats beyond the heap is refused up front (it was an OutOfMemoryError). */
    @Test
    void progressIsToldOfEachColumnInTheModelsOrder() {
        Frame frame = frame();
        Model model = model(frame);
        List<PermutationImportance.ColumnImportance> told = new java.util.ArrayList<>();
        List<PermutationImportance.ColumnImportance> importances = PermutationImportance.of(model, frame, "r2", 2, 3,
                told::add);
        assertThat(told).containsExactlyElementsOf(importances);
        assertThat(told.get(0).drops()).containsExactly(PermutationImportance.of(model, frame, "r2", 2, 3).get(0)
                .drops());
    }

    @Test
    void repeatsTheHeapCannotHoldAreRefusedBeforeAnyShuffle() {
        Frame frame = frame();
        Model model = model(frame);
        assertThatThrownBy(() -> PermutationImportance.of(model, frame, "r2", Integer.MAX_VALUE, 8))
                .isInstanceOf(TooLargeException.class)
                .hasMessageStartingWith("permutation importance of 3 columns x 2,147,483,647 repeats needs 48.0 GB "
                        + "(one score drop per shuffle of each column) but the JVM may use ");
    }
}
