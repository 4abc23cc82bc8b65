package dev.backprop.metrics;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClassificationMetricsTest {
    @Test
    void aClassTheModelNeverSawIsAnErrorEverywhereAndHasItsOwnRow() {
        Matrix probabilities = Matrix.of(new double[][] {{0.9, 0.1}, {0.2, 0.8}, {0.3, 0.7}});
        ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "b"), probabilities,
                new String[] {"a", "b", "z"});
        assertThat(m.classes()).containsExactly("a", "b", "z");
        assertThat(m.unseenClasses()).containsExactly("z");
        assertThat(m.confusion()).isDeepEqualTo(new long[][] {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}});
        assertThat(m.accuracy()).isEqualTo(2.0 / 3);
        assertThat(m.precision()).containsExactly(1.0, 0.5, 0.0);
        assertThat(m.recall()).containsExactly(1.0, 1.0, 0.0);
        assertThat(m.macroF1()).isCloseTo((1 + 2.0 / 3 + 0) / 3, within(1e-15));
        assertThat(m.logLoss()).isCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(1e-15)) / 3, within(1e-12));
    }

    @Test
    void aRowWithNaNProbabilitiesIsAnErrorThatPredictsNoClass() {
        // Before, argmax took the NaN row as a prediction of "a", so it counted as correct for an "a" row.
        Matrix probabilities = Matrix.of(new double[][] {{0.9, 0.1}, {Double.NaN, Double.NaN}, {0.3, 0.7},
                {0.6, Double.NaN}});
        ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "b"), probabilities,
                new String[] {"a", "a", "b", "b"});
        assertThat(m.confusion()).isDeepEqualTo(new long[][] {{1, 0}, {0, 1}});
        assertThat(m.unanswered()).containsExactly(1, 1);
        assertThat(m.unansweredRows()).isEqualTo(2);
        assertThat(m.support(0)).isEqualTo(2);
        assertThat(m.accuracy()).isEqualTo(0.5);
        assertThat(m.precision()).containsExactly(1.0, 1.0);
        assertThat(m.recall()).containsExactly(0.5, 0.5);
        assertThat(m.balancedAccuracy()).isEqualTo(0.5);
        assertThat(m.logLoss()).isCloseTo(-(Math.log(0.9) + Math.log(0.7) + 2 * Math.log(1e-15)) / 4,
                within(1e-12));
    }

    @Test
    void withoutUnseenClassesTheTableIsTheModels() {
        ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "b"),
                Matrix.of(new double[][] {{0.9, 0.1}, {0.2, 0.8}}), new String[] {"a", "b"});
        assertThat(m.unseenClasses()).isEmpty();
        assertThat(m.macroF1()).isEqualTo(1.0);
    }
}
