package dev.backprop.train;

import dev.backprop.data.ClassWeights;
import dev.backprop.data.Dataset;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.ClassificationMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Training on weighted rows: integer weights are repeated rows, and class weights follow scikit-learn's rule. */
class WeightedTrainingTest {
    private static final double[][] X = {{0.1, 0.2}, {0.9, 0.4}, {0.3, 0.8}, {0.7, 0.6}, {0.5, 0.1}};
    private static final double[][] Y = {{0.3}, {0.8}, {0.5}, {0.9}, {0.2}};

    @Test
    void integerWeightsOnTheSummedLossTrainAsRepeatedRows() {
        TrainerConfig config = TrainerConfig.builder().maxEpochs(200).tolerance(0)
                .scaling(ScalingMethod.NONE).build();
        Dataset weighted = Dataset.of(Matrix.of(X), Matrix.of(Y)).withWeights(new double[] {3, 1, 0, 2, 1});
        double[][] x = {X[0], X[0], X[0], X[1], X[3], X[3], X[4]};
        double[][] y = {Y[0], Y[0], Y[0], Y[1], Y[3], Y[3], Y[4]};
        // Row 2 weighs 0, so it is left out; without scaling both runs see the same numbers.
        TrainingResult a = Trainer.of(config).train(weighted);
        TrainingResult b = Trainer.of(config).train(Dataset.of(Matrix.of(x), Matrix.of(y)));
        double[] pa = a.model().network().parameters();
        double[] pb = b.model().network().parameters();
        for (int p = 0; p < pa.length; p++) {
            assertThat(pa[p]).isCloseTo(pb[p], within(1e-12));
        }
        assertThat(a.finalLoss()).isCloseTo(b.finalLoss(), within(1e-12));
    }

    @Test
    void balancedClassWeightsAreNOverClassesTimesTheClassCount() {
        // 5 rows: 4 of class a, 1 of b; k = 2: w_a = 5 / (2 * 4) = 0.625, w_b = 5 / (2 * 1) = 2.5.
        Matrix y = Matrix.of(new double[][] {{1, 0}, {1, 0}, {0, 1}, {1, 0}, {1, 0}});
        assertThat(ClassWeights.parse("balanced").rowWeights(List.of("a", "b"), y))
                .containsExactly(0.625, 0.625, 2.5, 0.625, 0.625);
        assertThat(ClassWeights.parse("b=4").rowWeights(List.of("a", "b"), y)).containsExactly(1, 1, 4, 1, 1);
        assertThat(ClassWeights.parse("b=4, a=0.5").id()).isEqualTo("b=4.0,a=0.5");
        assertThatThrownBy(() -> ClassWeights.parse("c=2").rowWeights(List.of("a", "b"), y))
                .hasMessage("class weights name 'c', which is not a class of the target (classes: a, b)");
        assertThatThrownBy(() -> ClassWeights.parse("a=-1")).hasMessage("the weight of class 'a' must be a finite "
                + "number >= 0 but was '-1'");
        assertThatThrownBy(() -> ClassWeights.parse("a")).hasMessageContaining("'a' has no name=weight");
    }

    @Test
    void refusesNegativeNaNAndAllZeroWeights() {
        Dataset data = Dataset.of(Matrix.of(X), Matrix.of(Y));
        assertThatThrownBy(() -> data.withWeights(new double[] {1, 1, -1, 1, 1}))
                .hasMessage("the weight of row 3 must be finite and >= 0 but was -1.0");
        assertThatThrownBy(() -> data.withWeights(new double[] {1, Double.NaN, 1, 1, 1}))
                .hasMessage("the weight of row 2 must be finite and >= 0 but was NaN");
        assertThatThrownBy(() -> data.withWeights(new double[5]))
                .hasMessage("every weight is 0: no row would count in the loss");
        assertThatThrownBy(() -> data.withWeights(new double[4])).hasMessage("5 rows but 4 weights");
    }

    @Test
    void balancedAccuracyIsTheMeanRecallOfThePresentClasses() {
        Matrix p = Matrix.of(new double[][] {{0.9, 0.1}, {0.8, 0.2}, {0.7, 0.3}, {0.4, 0.6}, {0.6, 0.4}});
        ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "b"), p,
                new String[] {"a", "a", "a", "b", "b"});
        // Recall of a: 3/3, of b: 1/2.
        assertThat(m.balancedAccuracy()).isEqualTo(0.75);
    }
}
