package dev.backprop.metrics;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** MSE, RMSE, MAE and R² against sums worked by hand; the rows an overflow made not finite. */
class RegressionMetricsTest {
    @Test
    void oneTargetMatchesTheSumsByHand() {
        // residuals 0, 1, 2: Σr² = 5, Σ|r| = 3; ȳ = 3, Σ(y - ȳ)² = 8
        RegressionMetrics m = RegressionMetrics.of(Matrix.of(3, 1, new double[] {1, 2, 3}),
                Matrix.of(3, 1, new double[] {1, 3, 5}));
        assertThat(m.mse()).isCloseTo(5.0 / 3, within(1e-15));
        assertThat(m.rmse()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
        assertThat(m.mae()).isCloseTo(1.0, within(1e-15));
        assertThat(m.r2()).isCloseTo(1 - 5.0 / 8, within(1e-15));
    }

    @Test
    void severalTargetsTakeEachColumnsOwnMean() {
        // column 0: y 0, 2 (ȳ 1), ŷ 0, 2; column 1: y 10, 30 (ȳ 20), ŷ 12, 30: Σr² = 4, Σ(y - ȳ)² = 2 + 200
        RegressionMetrics m = RegressionMetrics.of(Matrix.of(2, 2, new double[] {0, 12, 2, 30}),
                Matrix.of(2, 2, new double[] {0, 10, 2, 30}));
        assertThat(m.mse()).isCloseTo(1.0, within(1e-15));
        assertThat(m.mae()).isCloseTo(0.5, within(1e-15));
        assertThat(m.r2()).isCloseTo(1 - 4.0 / 202, within(1e-15));
    }

    @Test
    void rSquaredOfConstantTargetsIsNaNAndNoRowsAreRefused() {
        assertThat(RegressionMetrics.of(Matrix.of(2, 1, new double[] {1, 2}), Matrix.of(2, 1, new double[] {4, 4}))
                .r2()).isNaN();
        assertThatThrownBy(() -> RegressionMetrics.of(Matrix.of(0, 1, new double[0]), Matrix.of(0, 1,
                new double[0]))).isInstanceOf(IllegalArgumentException.class).hasMessage("there are no rows to "
                + "evaluate");
    }

    @Test
    void notFiniteRowsCountsEachRowHoldingAnInfiniteOrNaNPredictionOnce() {
        Matrix predicted = Matrix.of(4, 2, new double[] {1, Double.NaN, 2, 3, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, Double.MAX_VALUE});
        assertThat(RegressionMetrics.notFiniteRows(predicted)).isEqualTo(2);
        assertThat(RegressionMetrics.notFiniteRows(Matrix.of(1, 1, new double[] {0}))).isZero();
    }
}
