package dev.backprop.linalg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class ElementwiseTest {
    @Test
    void logisticMatchesTheFormulaOnEveryLaneAndTheTail() {
        int length = 37; // several vectors plus a scalar tail
        double[] z = new double[length];
        for (int i = 0; i < length; i++) {
            z[i] = -9.0 + 0.5 * i;
        }
        double[] a = new double[length];
        Elementwise.logistic(z, a, 1, length);
        assertThat(a[0]).isZero();
        for (int i = 1; i < length; i++) {
            double expected = 1.0 / (1.0 + Math.exp(-z[i]));
            assertThat(a[i]).as("z=" + z[i]).isCloseTo(expected, offset(2e-16 * expected + 1e-300));
        }
    }

    @Test
    void logisticSaturatesWithoutNaNAndPassesNaNThrough() {
        double[] z = {-1000, 1000, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0, 0, 0};
        double[] a = new double[z.length];
        Elementwise.logistic(z, a, 0, z.length);
        assertThat(a[0]).isEqualTo(0.0);
        assertThat(a[1]).isEqualTo(1.0);
        assertThat(a[2]).isNaN();
        assertThat(a[3]).isEqualTo(0.0);
        assertThat(a[4]).isEqualTo(1.0);
        assertThat(a[5]).isEqualTo(0.5);
    }

    @Test
    void logisticMayWorkInPlaceAndChecksTheSlice() {
        double[] z = {0.0, 2.0};
        Elementwise.logistic(z, z, 0, 2);
        assertThat(z[0]).isEqualTo(0.5);
        assertThatThrownBy(() -> Elementwise.logistic(z, z, 0, 3)).isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }
}
