package dev.backprop.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** L-BFGS and BFGS against hand-computed 2x2 steps, and converging on known problems. */
class QuasiNewtonTest {
    /**
     * On f = ½ θᵀAθ - bᵀθ with A = diag(1, 0.5), from θ₀ = (0.6, 0.2): g₀ = (0.4, 0.2), ‖g₀‖ &lt; 1 so the first try
     * is α = 1 along -g₀, which meets both Wolfe conditions, giving θ₁ = (0.2, 0). The second step goes along
     * d = -H₁ g₁ with H₁ the BFGS update of (sᵀy / yᵀy) I by s = θ₁ - θ₀, y = g₁ - g₀, formed here as matrices.
     */
    private static void checkTwoSteps(Optimizer optimizer) {
        double[] theta = {0.6, 0.2};
        double[] g = new double[2];
        optimizer.init(2);
        double f = Quadratics.SMALL.valueAndGradient(theta, g);
        assertThat(g).containsExactly(new double[]{0.4, 0.2}, within(1e-15));
        optimizer.step(theta, g, f, Quadratics.SMALL);
        assertThat(theta).containsExactly(new double[]{0.2, 0.0}, within(1e-15));

        double[] g1 = new double[2];
        f = Quadratics.SMALL.valueAndGradient(theta, g1);
        double[] s = {-0.4, -0.2};
        double[] y = {g1[0] - 0.4, g1[1] - 0.2};
        double sy = s[0] * y[0] + s[1] * y[1];
        double gamma = sy / (y[0] * y[0] + y[1] * y[1]);
        double rho = 1 / sy;
        double[][] h = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                // (I - ρ s yᵀ) γ I (I - ρ y sᵀ) + ρ s sᵀ, entry (i, j)
                double sum = 0;
                for (int k = 0; k < 2; k++) {
                    double left = (i == k ? 1 : 0) - rho * s[i] * y[k];
                    double right = (k == j ? 1 : 0) - rho * y[k] * s[j];
                    sum += left * gamma * right;
                }
                h[i][j] = sum + rho * s[i] * s[j];
            }
        }
        double[] expected = {theta[0] - (h[0][0] * g1[0] + h[0][1] * g1[1]),
                theta[1] - (h[1][0] * g1[0] + h[1][1] * g1[1])};
        optimizer.step(theta, g1, f, Quadratics.SMALL);
        assertThat(theta).containsExactly(expected, within(1e-14));
    }

    @Test
    void lbfgsTwoStepsByHand() {
        checkTwoSteps(new Lbfgs());
    }

    @Test
    void bfgsTwoStepsByHand() {
        checkTwoSteps(new Bfgs());
    }

    @Test
    void bothSolveAQuadraticExactlyAndRosenbrock() {
        for (Optimizer optimizer : new Optimizer[]{new Lbfgs(), new Bfgs(), new Lbfgs(3)}) {
            String name = optimizer.getClass().getSimpleName();
            double[] quadratic = minimise(optimizer.copy(), Quadratics.ILL_CONDITIONED, new double[]{3, -4, 5}, 50);
            assertThat(quadratic).as(name).containsExactly(new double[]{0, 1, 2}, within(1e-8));
            double[] rosenbrock = minimise(optimizer.copy(), Quadratics.ROSENBROCK, new double[]{-1.2, 1}, 200);
            assertThat(rosenbrock).as(name).containsExactly(new double[]{1, 1}, within(1e-6));
        }
    }

    /** Steps until the change is 0 or {@code steps} are taken. */
    private static double[] minimise(Optimizer optimizer, Objective f, double[] start, int steps) {
        double[] theta = start.clone();
        double[] g = new double[theta.length];
        optimizer.init(theta.length);
        for (int k = 0; k < steps; k++) {
            double value = f.valueAndGradient(theta, g);
            if (optimizer.step(theta, g, value, f) == 0.0) {
                break;
            }
        }
        return theta;
    }

    @Test
    void aFunctionThatCannotDecreaseLeavesTheParametersAlone() {
        Objective nanAway = (theta, g) -> {
            g[0] = 1.0;
            return theta[0] == 0.5 ? 1.0 : Double.NaN;
        };
        double[] theta = {0.5};
        double[] g = {1.0};
        Lbfgs lbfgs = new Lbfgs();
        assertThat(lbfgs.step(theta, g, 1.0, nanAway)).isZero();
        assertThat(theta).containsExactly(0.5);
        assertThat(lbfgs.pairs()).isZero();
    }

    @Test
    void needTheObjective() {
        assertThat(new Lbfgs().needsObjective()).isTrue();
        assertThat(new Bfgs().needsObjective()).isTrue();
        assertThat(new Adam(0.1).needsObjective()).isFalse();
        assertThatThrownBy(() -> new Lbfgs().step(new double[1], new double[1]))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bfgsRefusesLargeNetworks() {
        assertThatThrownBy(() -> new Bfgs().init(Bfgs.MAX_PARAMETERS + 1))
                .hasMessageContaining("bfgs keeps a dense 2001 x 2001 matrix").hasMessageContaining("use lbfgs");
        assertThatThrownBy(() -> new Lbfgs(0)).hasMessage("memory must be > 0 but was 0");
    }

    @Test
    void copyContinuesIdentically() {
        for (Optimizer original : new Optimizer[]{new Lbfgs(), new Bfgs()}) {
            double[] theta = {-1.2, 1};
            double[] g = new double[2];
            original.init(2);
            for (int k = 0; k < 3; k++) {
                original.step(theta, g, Quadratics.ROSENBROCK.valueAndGradient(theta, g), Quadratics.ROSENBROCK);
            }
            Optimizer copy = original.copy();
            double[] a = theta.clone();
            double[] b = theta.clone();
            double f = Quadratics.ROSENBROCK.valueAndGradient(theta, g);
            original.step(a, g, f, Quadratics.ROSENBROCK);
            copy.step(b, g, f, Quadratics.ROSENBROCK);
            assertThat(b).isEqualTo(a);
        }
    }
}
