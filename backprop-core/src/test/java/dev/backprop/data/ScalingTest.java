package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScalingTest {
    private final Matrix data = Matrix.of(new double[][] {{3, 5, 7}, {5, 1, 7}, {10, 2, 7}});

    @Test
    void minmaxMapsEachColumnOntoZeroOneAndBack() {
        Scaling scaling = Scaling.fit(ScalingMethod.MINMAX, data);
        Matrix scaled = scaling.apply(data);
        assertThat(scaled.get(0, 0)).isEqualTo(0.0);
        assertThat(scaled.get(1, 0)).isCloseTo(2.0 / 7, within(1e-15));
        assertThat(scaled.get(2, 0)).isEqualTo(1.0);
        assertThat(scaled.get(0, 1)).isEqualTo(1.0);
        assertThat(scaled.get(1, 1)).isEqualTo(0.0);
        Matrix back = scaling.invert(scaled);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(back.get(i, j)).isCloseTo(data.get(i, j), within(1e-12));
            }
        }
    }

    @Test
    void standardGivesZScoresWithThePopulationDeviationAndMapsBack() {
        Scaling scaling = Scaling.fit(ScalingMethod.STANDARD, data);
        // Column 1: 3, 5, 10 has mean 6 and sd sqrt((9 + 1 + 16) / 3); column 3 is constant, so it maps to 0.
        double sd = Math.sqrt(26.0 / 3);
        assertThat(scaling.mean()).containsExactly(6, 8.0 / 3, 7);
        assertThat(scaling.standardDeviation()[0]).isCloseTo(sd, within(1e-15));
        assertThat(scaling.standardDeviation()[2]).isZero();
        Matrix scaled = scaling.apply(data);
        assertThat(scaled.get(0, 0)).isCloseTo(-3 / sd, within(1e-15));
        assertThat(scaled.get(2, 0)).isCloseTo(4 / sd, within(1e-15));
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < 3; i++) {
            sum += scaled.get(i, 1);
            squares += scaled.get(i, 1) * scaled.get(i, 1);
            assertThat(scaled.get(i, 2)).isEqualTo(0.0);
        }
        assertThat(sum).isCloseTo(0, within(1e-15));
        assertThat(squares / 3).isCloseTo(1, within(1e-15));
        Matrix back = scaling.invert(scaled);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(back.get(i, j)).isCloseTo(data.get(i, j), within(1e-12));
            }
        }
        assertThat(Scaling.standard(scaling.mean(), scaling.standardDeviation())).isEqualTo(scaling);
    }

    @Test
    void aConstantColumnDoesNotDivideByZero() {
        Matrix scaled = Scaling.fit(ScalingMethod.MINMAX, data).apply(data);
        for (int i = 0; i < 3; i++) {
            assertThat(scaled.get(i, 2)).isEqualTo(0.0);
        }
        Matrix zeros = Matrix.zeros(2, 1);
        assertThat(Scaling.fit(ScalingMethod.MAX, zeros).apply(zeros).get(1, 0)).isEqualTo(0.0);
    }

    @Test
    void aRangeWiderThanADoubleStillMapsOntoZeroOneAndBack() {
        Matrix wide = Matrix.of(new double[][] {{1.7e308}, {-1.7e308}, {0}});
        Scaling scaling = Scaling.fit(ScalingMethod.MINMAX, wide);
        Matrix scaled = scaling.apply(wide);
        assertThat(scaled.get(0, 0)).isEqualTo(1.0);
        assertThat(scaled.get(1, 0)).isEqualTo(0.0);
        assertThat(scaled.get(2, 0)).isEqualTo(0.5);
        Matrix back = scaling.invert(scaled);
        for (int i = 0; i < 3; i++) {
            assertThat(back.get(i, 0)).isEqualTo(wide.get(i, 0));
        }
    }

    @Test
    void aStandardScalingOfValuesWiderThanADoubleGivesTheirZScoresAndMapsBack() {
        // Mean 0, sd = 1.7e308 √(2/3): the z-scores are ±√(3/2) and 0, though 1.7e308 - (-1.7e308) overflows.
        Matrix wide = Matrix.of(new double[][] {{1.7e308}, {-1.7e308}, {0}});
        Scaling scaling = Scaling.fit(ScalingMethod.STANDARD, wide);
        assertThat(scaling.standardDeviation()[0]).isCloseTo(1.7e308 * Math.sqrt(2.0 / 3), within(1e293));
        Matrix scaled = scaling.apply(wide);
        assertThat(scaled.get(0, 0)).isCloseTo(Math.sqrt(1.5), within(1e-15));
        assertThat(scaled.get(1, 0)).isCloseTo(-Math.sqrt(1.5), within(1e-15));
        assertThat(scaled.get(2, 0)).isEqualTo(0.0);
        Matrix back = scaling.invert(scaled);
        for (int i = 0; i < 3; i++) {
            assertThat(back.get(i, 0)).isCloseTo(wide.get(i, 0), within(1e293));
        }
        // The stored mean and sd, as a model file keeps them, scale the same way.
        assertThat(Scaling.standard(scaling.mean(), scaling.standardDeviation()).apply(wide)).isEqualTo(scaled);
    }

    @Test
    void maxDividesByTheColumnMaximumAsTheSeedDoes() {
        Matrix scaled = Scaling.fit(ScalingMethod.MAX, data).apply(data);
        assertThat(scaled.get(0, 0)).isCloseTo(0.3, within(1e-15));
        assertThat(scaled.get(0, 1)).isEqualTo(1.0);
        assertThat(scaled.get(1, 1)).isCloseTo(0.2, within(1e-15));
        assertThat(scaled.get(2, 2)).isEqualTo(1.0);
    }

    @Test
    void noneIsTheIdentity() {
        Scaling scaling = Scaling.fit(ScalingMethod.NONE, data);
        assertThat(scaling.apply(data)).isEqualTo(data);
        assertThat(scaling.invert(data)).isEqualTo(data);
    }

    @Test
    void fittingOnAMatrixsRangesGivesTheScalingFittedOnTheMatrix() {
        Matrix signed = Matrix.of(new double[][] {{-4, 0.5}, {2, -0.25}, {1, 0}});
        ColumnRanges ranges = ColumnRanges.of(signed);
        assertThat(ranges.min()).containsExactly(-4, -0.25);
        assertThat(ranges.max()).containsExactly(2, 0.5);
        assertThat(ranges.maxAbs()).containsExactly(4, 0.5);
        for (ScalingMethod method : EnumSet.complementOf(EnumSet.of(ScalingMethod.STANDARD))) {
            assertThat(Scaling.fit(method, ranges)).isEqualTo(Scaling.fit(method, signed));
        }
        assertThatThrownBy(() -> Scaling.fit(ScalingMethod.STANDARD, ranges))
                .hasMessageContaining("standard scaling needs the columns' means and standard deviations");
        assertThat(ColumnRanges.of(Matrix.zeros(0, 2)).max()).containsExactly(0, 0);
    }
}
