package dev.backprop.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One layer's backward pass against central differences of its forward pass: with J = Σ g ∘ a for fixed weights g,
 * ∂J/∂a = g, so after {@code multiplyByDerivative} and {@code backward} the gradient must be ∂J/∂θ and the δ sent down
 * must be ∂J/∂input.
 */
class DenseLayerPassTest {
    private static final int ROWS = 4;
    private static final int IN = 3;
    private static final int OUT = 2;

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH", "LEAKY_RELU", "LINEAR"})
    void backwardIsTheDerivativeOfForward(Activation f) {
        Architecture architecture = new Architecture(List.of(new LayerSpec(IN, OUT, f, true)), Loss.MSE);
        SplittableRandom random = new SplittableRandom(21);
        double[] theta = randoms(random, architecture.parameterCount());
        double[] x = randoms(random, 1 + ROWS * IN);
        double[] g = randoms(random, ROWS * OUT);
        DenseLayerPass<double[]> layer = new DenseLayerPass<>(Arithmetic.FLOAT64, architecture, 0, ones(), ROWS);
        layer.forward(theta, x, 1, ROWS);
        System.arraycopy(g, 0, layer.delta, 0, g.length);
        layer.multiplyByDerivative(ROWS);
        double[] gradient = new double[theta.length];
        double[] deltaBelow = new double[ROWS * IN];
        layer.backward(theta, x, 1, ROWS, gradient, deltaBelow);
        for (int i = 0; i < theta.length; i++) {
            assertThat(gradient[i]).as("%s: ∂J/∂θ_%d", f.id(), i)
                    .isCloseTo(centralDifference(architecture, theta, i, theta, x, g), within(1e-8));
        }
        for (int i = 0; i < ROWS * IN; i++) {
            assertThat(deltaBelow[i]).as("%s: ∂J/∂x_%d", f.id(), i)
                    .isCloseTo(centralDifference(architecture, x, 1 + i, theta, x, g), within(1e-8));
        }
    }

    /** (J(v_i + h) - J(v_i - h)) / 2h, where v is theta or x. */
    private static double centralDifference(Architecture architecture, double[] v, int i, double[] theta, double[] x,
                                            double[] g) {
        double h = 1e-6;
        double saved = v[i];
        v[i] = saved + h;
        double plus = j(architecture, theta, x, g);
        v[i] = saved - h;
        double minus = j(architecture, theta, x, g);
        v[i] = saved;
        return (plus - minus) / (2 * h);
    }

    /** J = Σ g ∘ a, a from a fresh layer's forward pass. */
    private static double j(Architecture architecture, double[] theta, double[] x, double[] g) {
        DenseLayerPass<double[]> layer = new DenseLayerPass<>(Arithmetic.FLOAT64, architecture, 0, ones(), ROWS);
        layer.forward(theta, x, 1, ROWS);
        double sum = 0.0;
        for (int i = 0; i < g.length; i++) {
            sum += g[i] * layer.a[i];
        }
        return sum;
    }

    private static double[] ones() {
        double[] ones = new double[ROWS];
        Arrays.fill(ones, 1.0);
        return ones;
    }

    private static double[] randoms(SplittableRandom random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return values;
    }
}
