package dev.backprop.nn;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DropoutTest {
    private static final Architecture ARCHITECTURE = new Architecture(List.of(
            new LayerSpec(3, 6, Activation.TANH, true),
            new LayerSpec(6, 5, Activation.RELU, true),
            new LayerSpec(5, 2, Activation.SIGMOID, true)), Loss.BINARY_CROSS_ENTROPY);
    private static final int ROWS = 4;
    private static final double[] X = {0.1, -0.4, 0.9, 0.5, 0.3, -0.8, -0.2, 0.7, 0.6, 0.8, -0.1, -0.5};
    private static final double[] Y = {1, 0, 0, 1, 1, 1, 0, 0};

    private static double[] theta() {
        return Initializer.initialParameters(ARCHITECTURE, new SplittableRandom(3));
    }

    @Test
    void masksAreSeededReproducibleAndInverted() {
        Backpropagation one = new Backpropagation(ARCHITECTURE, ROWS, new Regularization(0, 0.5),
                new SplittableRandom(11));
        Backpropagation two = new Backpropagation(ARCHITECTURE, ROWS, new Regularization(0, 0.5),
                new SplittableRandom(11));
        double[] g1 = new double[ARCHITECTURE.parameterCount()];
        double[] g2 = new double[ARCHITECTURE.parameterCount()];
        double j1 = one.lossAndGradient(theta(), X, Y, ROWS, g1);
        double j2 = two.lossAndGradient(theta(), X, Y, ROWS, g2);
        assertThat(j1).isEqualTo(j2);
        assertThat(g1).isEqualTo(g2);
        int dropped = 0;
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < ROWS * ARCHITECTURE.layer(l).outputs(); i++) {
                double m = one.dropoutMask(l, i);
                assertThat(m).isIn(0.0, 2.0);
                assertThat(m).isEqualTo(two.dropoutMask(l, i));
                dropped += m == 0.0 ? 1 : 0;
            }
        }
        assertThat(dropped).isBetween(10, 34); // 44 units at p = 0.5
        assertThat(one.dropoutMask(2, 0)).as("the output layer is never dropped").isEqualTo(1.0);
        one.lossAndGradient(theta(), X, Y, ROWS, g1);
        assertThat(g1).as("each training call draws new masks").isNotEqualTo(g2);
    }

    @Test
    void inactiveWhenPredicting() {
        double[] theta = theta();
        Backpropagation plain = new Backpropagation(ARCHITECTURE, ROWS);
        Backpropagation dropping = new Backpropagation(ARCHITECTURE, ROWS, new Regularization(0, 0.5),
                new SplittableRandom(1));
        double[] g = new double[theta.length];
        dropping.lossAndGradient(theta, X, Y, ROWS, g);
        double[] expected = plain.forward(theta, X, ROWS).clone();
        assertThat(dropping.forward(theta, X, ROWS)).isEqualTo(expected);
        assertThat(dropping.loss(theta, X, 0, Y, 0, ROWS)).isEqualTo(plain.loss(theta, X, 0, Y, 0, ROWS));
        Matrix predicted = Network.of(ARCHITECTURE, theta).predict(Matrix.of(ROWS, 3, X));
        assertThat(predicted.toArray()).isEqualTo(java.util.Arrays.copyOf(expected, ROWS * 2));
    }

    @Test
    void gradientWithFixedMasksMatchesCentralDifferences() {
        double[] theta = theta();
        Backpropagation backprop = new Backpropagation(ARCHITECTURE, ROWS, new Regularization(0.05, 0.3),
                new SplittableRandom(5));
        double[] analytic = new double[theta.length];
        backprop.lossAndGradient(theta, X, 0, Y, 0, ROWS, analytic);
        double eps = 1e-5;
        for (int i = 0; i < theta.length; i++) {
            double saved = theta[i];
            theta[i] = saved + eps;
            double plus = backprop.lossWithMasks(theta, X, 0, Y, 0, ROWS);
            theta[i] = saved - eps;
            double minus = backprop.lossWithMasks(theta, X, 0, Y, 0, ROWS);
            theta[i] = saved;
            double numerical = (plus - minus) / (2 * eps);
            double scale = Math.max(Math.max(Math.abs(analytic[i]), Math.abs(numerical)), 1e-8);
            assertThat(Math.abs(analytic[i] - numerical) / scale).as("parameter %d", i).isLessThan(1e-6);
        }
    }

    @Test
    void dropoutNeedsARandomSource() {
        assertThatThrownBy(() -> new Backpropagation(ARCHITECTURE, 2, new Regularization(0, 0.2), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("random");
        Backpropagation noHidden = new Backpropagation(new Architecture(List.of(
                new LayerSpec(3, 1, Activation.LINEAR, false)), Loss.MSE), 2, new Regularization(0, 0.2), null);
        assertThat(noHidden.dropoutMask(0, 0)).isEqualTo(1.0);
    }

    @Test
    void droppedFractionApproachesTheRate() {
        Architecture wide = new Architecture(List.of(new LayerSpec(1, 1000, Activation.RELU, false),
                new LayerSpec(1000, 1, Activation.LINEAR, false)), Loss.MSE);
        Backpropagation backprop = new Backpropagation(wide, 10, new Regularization(0, 0.2), new SplittableRandom(8));
        backprop.drawMasks(10);
        int dropped = 0;
        for (int i = 0; i < 10_000; i++) {
            dropped += backprop.dropoutMask(0, i) == 0.0 ? 1 : 0;
        }
        assertThat(dropped / 10_000.0).isCloseTo(0.2, within(0.02));
        assertThat(backprop.dropoutMask(0, 0)).isIn(0.0, 1.25);
    }
}
