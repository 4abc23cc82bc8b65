package dev.backprop.nn;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
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

    /** A network 1 -> units linear -> 1 linear (mse) with dropout p on its hidden layer, masks drawn from seed. */
    private static Backpropagation probe(int units, double p, long seed) {
        Architecture architecture = new Architecture(List.of(new LayerSpec(1, units, Activation.LINEAR, false),
                new LayerSpec(units, 1, Activation.LINEAR, false)), Loss.MSE);
        return new Backpropagation(architecture, 1, new Regularization(0, p), new SplittableRandom(seed));
    }

    /**
     * The mask a training call of {@link #probe} draws for its hidden layer, read off the gradient: with x = 1,
     * W⁽¹⁾ = 1, W⁽²⁾ = 0 and y = -1, ŷ = 0, δ⁽²⁾ = 1 and so ∂J/∂W⁽²⁾_j = (m ∘ a⁽¹⁾)_j δ⁽²⁾ = m_j exactly.
     */
    private static double[] probeMask(Backpropagation probe) {
        int units = probe.architecture().layer(0).outputs();
        double[] theta = new double[2 * units];
        Arrays.fill(theta, 0, units, 1.0);
        double[] gradient = new double[theta.length];
        probe.lossAndGradient(theta, new double[] {1.0}, new double[] {-1.0}, 1, gradient);
        return Arrays.copyOfRange(gradient, units, 2 * units);
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
        double[] mask = probeMask(probe(44, 0.5, 11));
        double[] again = probeMask(probe(44, 0.5, 11));
        int dropped = 0;
        for (int i = 0; i < mask.length; i++) {
            double m = mask[i];
            assertThat(m).isIn(0.0, 2.0);
            assertThat(m).isEqualTo(again[i]);
            dropped += m == 0.0 ? 1 : 0;
        }
        assertThat(dropped).isBetween(10, 34); // 44 units at p = 0.5
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
        double[] expected = plain.forward(theta, X, 0, ROWS).clone();
        assertThat(dropping.forward(theta, X, 0, ROWS)).isEqualTo(expected);
        assertThat(dropping.loss(theta, X, 0, Y, 0, ROWS)).isEqualTo(plain.loss(theta, X, 0, Y, 0, ROWS));
        Matrix predicted = Network.of(ARCHITECTURE, theta).predict(Matrix.of(ROWS, 3, X));
        assertThat(predicted.toArray()).isEqualTo(java.util.Arrays.copyOf(expected, ROWS * 2));
    }

    @Test
    void gradientWithFixedMasksMatchesCentralDifferences() {
        double[] theta = theta();
        Regularization regularization = new Regularization(0.05, 0.3);
        Backpropagation backprop = new Backpropagation(ARCHITECTURE, ROWS, regularization, new SplittableRandom(5));
        double[] analytic = new double[theta.length];
        backprop.lossAndGradient(theta, X, 0, Y, 0, ROWS, analytic);
        double eps = 1e-5;
        for (int i = 0; i < theta.length; i++) {
            double saved = theta[i];
            theta[i] = saved + eps;
            double plus = withSameMasks(regularization, theta);
            theta[i] = saved - eps;
            double minus = withSameMasks(regularization, theta);
            theta[i] = saved;
            double numerical = (plus - minus) / (2 * eps);
            double scale = Math.max(Math.max(Math.abs(analytic[i]), Math.abs(numerical)), 1e-8);
            assertThat(Math.abs(analytic[i] - numerical) / scale).as("parameter %d", i).isLessThan(1e-6);
        }
    }

    /** The objective at theta with the masks of the gradient above: a fresh instance with its seed draws them again. */
    private static double withSameMasks(Regularization regularization, double[] theta) {
        Backpropagation fresh = new Backpropagation(ARCHITECTURE, ROWS, regularization, new SplittableRandom(5));
        return fresh.lossAndGradient(theta, X, 0, Y, 0, ROWS, new double[theta.length]);
    }

    @Test
    void dropoutNeedsARandomSource() {
        assertThatThrownBy(() -> new Backpropagation(ARCHITECTURE, 2, new Regularization(0, 0.2), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("random");
        Architecture outputOnly = new Architecture(List.of(new LayerSpec(3, 1, Activation.LINEAR, false)), Loss.MSE);
        Backpropagation noHidden = new Backpropagation(outputOnly, 2, new Regularization(0, 0.2), null);
        double[] theta = {0.3, -0.2, 0.5};
        double[] y = {0.4, -0.1};
        double[] dropping = new double[3];
        double[] plain = new double[3];
        assertThat(noHidden.lossAndGradient(theta, X, y, 2, dropping)).as("the output layer is never dropped")
                .isEqualTo(new Backpropagation(outputOnly, 2).lossAndGradient(theta, X, y, 2, plain));
        assertThat(dropping).isEqualTo(plain);
    }

    @Test
    void droppedFractionApproachesTheRate() {
        Backpropagation probe = probe(1000, 0.2, 8);
        int dropped = 0;
        double first = Double.NaN;
        for (int row = 0; row < 10; row++) {
            double[] mask = probeMask(probe);
            first = row == 0 ? mask[0] : first;
            for (double m : mask) {
                dropped += m == 0.0 ? 1 : 0;
            }
        }
        assertThat(dropped / 10_000.0).isCloseTo(0.2, within(0.02));
        assertThat(first).isIn(0.0, 1.25);
    }
}
