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

    @Test
    void descendGivesThePlainLoopsBitsAndLargestChange() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        for (int length : new int[] {0, 1, 7, 8, 9, 64, 1000, 1003}) {
            double[] theta = new double[length];
            double[] gradient = new double[length];
            for (int i = 0; i < length; i++) {
                theta[i] = random.nextDouble() - 0.5;
                gradient[i] = (random.nextDouble() - 0.5) * 1e3;
            }
            for (int from : new int[] {0, Math.min(3, length)}) {
                double[] expected = theta.clone();
                double largest = 0.0;
                for (int i = from; i < length; i++) {
                    double change = 0.3 * gradient[i];
                    expected[i] -= change;
                    largest = Math.max(largest, Math.abs(change));
                }
                double[] actual = theta.clone();
                assertThat(Elementwise.descend(actual, gradient, 0.3, from, length)).isEqualTo(largest);
                assertThat(actual).as("length " + length + " from " + from).isEqualTo(expected);
            }
        }
        double[] theta = new double[40];
        double[] gradient = new double[40];
        gradient[17] = Double.NaN; // inside a whole vector
        assertThat(Elementwise.descend(theta, gradient, 0.1, 0, 40)).isNaN();
        assertThatThrownBy(() -> Elementwise.descend(theta, new double[3], 0.1, 0, 4))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }
}
