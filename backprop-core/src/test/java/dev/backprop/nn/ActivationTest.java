package dev.backprop.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ActivationTest {
    private static final double[] POINTS = {-3.0, -1.0, -0.3, 0.2, 0.7, 2.5};

    @Test
    void sigmoidSaturatesWithoutNaN() {
        assertThat(apply(Activation.SIGMOID, 1000)).isEqualTo(1.0);
        assertThat(apply(Activation.SIGMOID, -1000)).isEqualTo(0.0);
        assertThat(derivative(Activation.SIGMOID, 1000)).isEqualTo(0.0);
        assertThat(derivative(Activation.SIGMOID, -1000)).isEqualTo(0.0);
        assertThat(apply(Activation.SIGMOID, 0)).isEqualTo(0.5);
        assertThat(apply(Activation.SIGMOID, Double.NaN)).isNaN();
    }

    @Test
    void sigmoidIsStableAtInfinity() {
        assertThat(apply(Activation.SIGMOID, Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(apply(Activation.SIGMOID, Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
    }

    @Test
    void sigmoidAndItsDerivativeMatchTheSeed() {
        for (double z = -8; z <= 8; z += 0.25) {
            double e = Math.exp(-z);
            assertThat(apply(Activation.SIGMOID, z)).isCloseTo(1 / (1 + e), within(1e-15));
            assertThat(derivative(Activation.SIGMOID, z)).isCloseTo(e / ((1 + e) * (1 + e)), within(1e-15));
        }
    }

    @Test
    void valuesFromTheFormulas() {
        double[] z = {-2.0, -0.5, 0.0, 0.5, 2.0};
        for (double v : z) {
            assertThat(apply(Activation.TANH, v)).isEqualTo(Math.tanh(v));
            assertThat(apply(Activation.RELU, v)).isEqualTo(Math.max(0, v));
            assertThat(apply(Activation.LEAKY_RELU, v)).isEqualTo(v > 0 ? v : 0.01 * v);
            assertThat(apply(Activation.LINEAR, v)).isEqualTo(v);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH", "RELU", "LEAKY_RELU", "LINEAR"})
    void derivativeMatchesCentralDifference(Activation f) {
        double h = 1e-6;
        for (double z : POINTS) {
            double numerical = (apply(f, z + h) - apply(f, z - h)) / (2 * h);
            assertThat(derivative(f, z)).as("%s'(%s)", f.id(), z).isCloseTo(numerical, within(1e-8));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH", "RELU", "LEAKY_RELU", "LINEAR"})
    void nanPropagates(Activation f) {
        assertThat(apply(f, Double.NaN)).isNaN();
        if (f == Activation.LINEAR) {
            assertThat(derivative(f, Double.NaN)).as("f' = 1 does not read z").isEqualTo(1.0);
        } else {
            assertThat(derivative(f, Double.NaN)).isNaN();
        }
    }

    @Test
    void rectifierDerivativesAtTheKink() {
        assertThat(derivative(Activation.RELU, 0.0)).isEqualTo(0.0);
        assertThat(derivative(Activation.LEAKY_RELU, 0.0)).isEqualTo(0.01);
        assertThat(derivative(Activation.RELU, -5)).isEqualTo(0.0);
        assertThat(derivative(Activation.RELU, 5)).isEqualTo(1.0);
    }

    @Test
    void softmaxNormalisesEachRowAndNeverOverflows() {
        double[] z = {1.0, 2.0, 3.0, 1000.0, 1000.0, -1000.0};
        double[] a = new double[6];
        Activation.SOFTMAX.applyRows(z, a, 0, 2, 3);
        double e1 = Math.exp(1), e2 = Math.exp(2), e3 = Math.exp(3);
        double sum = e1 + e2 + e3;
        assertThat(a[0]).isCloseTo(e1 / sum, within(1e-15));
        assertThat(a[1]).isCloseTo(e2 / sum, within(1e-15));
        assertThat(a[2]).isCloseTo(e3 / sum, within(1e-15));
        assertThat(a[3]).isEqualTo(0.5);
        assertThat(a[4]).isEqualTo(0.5);
        assertThat(a[5]).isEqualTo(0.0);
        assertThat(Activation.SOFTMAX.elementWise()).isFalse();
        assertThat(Activation.TANH.elementWise()).isTrue();
    }

    @Test
    void softmaxDerivativeIsItsJacobianTimesDelta() {
        double[] z = {0.3, -1.2, 0.8, 0.1};
        double[] upstream = {0.5, -1.0, 2.0, 0.25};
        double[] a = new double[4];
        Activation.SOFTMAX.apply(z, a, 0, 4);
        double[] delta = upstream.clone();
        Activation.SOFTMAX.multiplyByDerivative(z, a, delta, 0, 4);
        double h = 1e-6;
        for (int o = 0; o < 4; o++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[o] += h;
            minus[o] -= h;
            double[] ap = new double[4];
            double[] am = new double[4];
            Activation.SOFTMAX.apply(plus, ap, 0, 4);
            Activation.SOFTMAX.apply(minus, am, 0, 4);
            double numerical = 0;
            for (int k = 0; k < 4; k++) {
                numerical += upstream[k] * (ap[k] - am[k]) / (2 * h);
            }
            assertThat(delta[o]).isCloseTo(numerical, within(1e-9));
        }
    }

    @Test
    void applyMayWorkInPlace() {
        double[] z = {-1.0, 2.0};
        Activation.RELU.apply(z, z, 0, 2);
        assertThat(z).containsExactly(0.0, 2.0);
        double[] w = {-1.0, 2.0};
        Activation.LINEAR.apply(w, w, 0, 2);
        assertThat(w).containsExactly(-1.0, 2.0);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void idRoundTrips(Activation f) {
        assertThat(Activation.fromId(f.id())).isSameAs(f);
        assertThat(Activation.fromId(f.id().toUpperCase(java.util.Locale.ROOT))).isSameAs(f);
    }

    @Test
    void idsAndAliases() {
        assertThat(Activation.fromId("leaky_relu")).isSameAs(Activation.LEAKY_RELU);
        assertThat(Activation.LEAKY_RELU.id()).isEqualTo("leaky-relu");
        assertThatThrownBy(() -> Activation.fromId("swish"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown activation 'swish'")
                .hasMessageContaining("sigmoid, tanh, relu, leaky-relu, linear, softmax");
    }

    private static double apply(Activation f, double z) {
        double[] a = new double[1];
        f.apply(new double[]{z}, a, 0, 1);
        return a[0];
    }

    /** f'(z) at one point, through the public pair: a = f(z), then δ = 1 multiplied by f'. */
    private static double derivative(Activation f, double z) {
        double[] zs = {z};
        double[] a = new double[1];
        f.apply(zs, a, 0, 1);
        double[] d = {1.0};
        f.multiplyByDerivative(zs, a, d, 0, 1);
        return d[0];
    }
}
