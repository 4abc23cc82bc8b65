package dev.backprop.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Gradient descent, momentum and Adam against hand-computed 2x2 updates, and converging on known problems. */
class FirstOrderOptimizerTest {
    private static final double[] THETA = {1.0, -2.0};
    private static final double[] G1 = {0.5, -1.0};
    private static final double[] G2 = {0.25, 2.0};

    @Test
    void gradientDescentStep() {
        double[] theta = THETA.clone();
        double change = new GradientDescent(0.1).step(theta, G1);
        assertThat(theta).containsExactly(new double[]{0.95, -1.9}, within(1e-15));
        assertThat(change).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void classicalMomentumTwoSteps() {
        Momentum m = new Momentum(0.1, 0.9, false);
        double[] theta = THETA.clone();
        m.step(theta, G1);
        // v = -0.1 g1 = (-0.05, 0.1)
        assertThat(theta).containsExactly(new double[]{0.95, -1.9}, within(1e-15));
        double change = m.step(theta, G2);
        // v = 0.9 (-0.05, 0.1) - 0.1 (0.25, 2) = (-0.07, -0.11)
        assertThat(m.velocity()).containsExactly(new double[]{-0.07, -0.11}, within(1e-15));
        assertThat(theta).containsExactly(new double[]{0.88, -2.01}, within(1e-15));
        assertThat(change).isCloseTo(0.11, within(1e-15));
    }

    @Test
    void nesterovMomentumTwoSteps() {
        Momentum m = new Momentum(0.1, 0.9, true);
        double[] theta = THETA.clone();
        m.step(theta, G1);
        // v = (-0.05, 0.1); θ += 0.9 v - 0.1 g1 = (-0.045 - 0.05, 0.09 + 0.1)
        assertThat(theta).containsExactly(new double[]{0.905, -1.81}, within(1e-15));
        m.step(theta, G2);
        // v = (-0.07, -0.11); θ += 0.9 v - 0.1 g2 = (-0.063 - 0.025, -0.099 - 0.2)
        assertThat(theta).containsExactly(new double[]{0.817, -2.109}, within(1e-15));
    }

    @Test
    void adamTwoSteps() {
        Adam adam = new Adam(0.1);
        double[] theta = THETA.clone();
        adam.step(theta, G1);
        // t = 1: m̂ = g, v̂ = g², step = η g / (|g| + ε)
        assertThat(theta[0]).isCloseTo(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), within(1e-15));
        assertThat(theta[1]).isCloseTo(-2.0 + 0.1 * 1.0 / (1.0 + 1e-8), within(1e-15));
        double[] expected = theta.clone();
        adam.step(theta, G2);
        for (int i = 0; i < 2; i++) {
            double m = 0.9 * (0.1 * G1[i]) + 0.1 * G2[i];
            double v = 0.999 * (0.001 * G1[i] * G1[i]) + 0.001 * G2[i] * G2[i];
            double mHat = m / (1 - 0.9 * 0.9);
            double vHat = v / (1 - 0.999 * 0.999);
            expected[i] -= 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
        }
        assertThat(theta).containsExactly(expected, within(1e-15));
        assertThat(adam.steps()).isEqualTo(2);
    }

    @Test
    void eachConvergesOnAQuadratic() {
        double[] start = {3.0, -4.0, 5.0};
        double[] minimum = {0.0, 1.0, 2.0};
        assertThat(Quadratics.descend(new GradientDescent(0.015), Quadratics.ILL_CONDITIONED, start, 2000))
                .containsExactly(minimum, within(1e-6));
        assertThat(Quadratics.descend(new Momentum(0.01, 0.9, false), Quadratics.ILL_CONDITIONED, start, 1000))
                .containsExactly(minimum, within(1e-6));
        assertThat(Quadratics.descend(new Momentum(0.01, 0.9, true), Quadratics.ILL_CONDITIONED, start, 1000))
                .containsExactly(minimum, within(1e-6));
        assertThat(Quadratics.descend(new Adam(0.05), Quadratics.ILL_CONDITIONED, start, 3000))
                .containsExactly(minimum, within(1e-4));
    }

    @Test
    void momentumBeatsPlainDescentOnAnIllConditionedProblem() {
        double[] start = {3.0, -4.0, 5.0};
        double[] g = new double[3];
        double plain = Quadratics.ILL_CONDITIONED.valueAndGradient(
                Quadratics.descend(new GradientDescent(0.01), Quadratics.ILL_CONDITIONED, start, 200), g);
        double heavyBall = Quadratics.ILL_CONDITIONED.valueAndGradient(
                Quadratics.descend(new Momentum(0.01, 0.9, false), Quadratics.ILL_CONDITIONED, start, 200), g);
        assertThat(heavyBall).isLessThan(plain / 100);
    }

    @Test
    void copyContinuesIdenticallyAndIndependently() {
        for (Optimizer original : new Optimizer[]{new GradientDescent(0.1), new Momentum(0.1, 0.9, false),
                new Momentum(0.1, 0.5, true), new Adam(0.01)}) {
            double[] theta = THETA.clone();
            original.init(2);
            original.step(theta, G1);
            Optimizer copy = original.copy();
            double[] a = theta.clone();
            double[] b = theta.clone();
            original.step(a, G2);
            copy.step(b, G2);
            assertThat(b).as(original.getClass().getSimpleName()).isEqualTo(a);
            original.step(a, G1);
            assertThat(b).isNotEqualTo(a);
        }
    }

    @Test
    void learningRateCanBeScheduled() {
        GradientDescent gd = new GradientDescent(0.1);
        gd.setLearningRate(0.2);
        double[] theta = THETA.clone();
        gd.step(theta, G1);
        assertThat(theta).containsExactly(new double[]{0.9, -1.8}, within(1e-15));
        assertThatThrownBy(() -> gd.setLearningRate(0)).hasMessage("learningRate must be > 0 and finite but was 0.0");
    }

    @Test
    void rangesAreChecked() {
        assertThatThrownBy(() -> new Momentum(0.1, 1.0, false)).hasMessage("momentum must be in [0, 1) but was 1.0");
        assertThatThrownBy(() -> new Adam(0.1, 0.9, 1.0, 1e-8)).hasMessage("beta2 must be in [0, 1) but was 1.0");
        assertThatThrownBy(() -> new Adam(-1)).hasMessageContaining("learningRate must be > 0");
    }
}
