package dev.backprop.optim;

/** Small known problems for the optimizer tests. */
final class Quadratics {
    private Quadratics() {
    }

    /** f(θ) = ½ θᵀ A θ - bᵀ θ with A = [[1, 0], [0, 0.5]] and b = (0.2, -0.1); minimum at A⁻¹ b = (0.2, -0.2). */
    static final Objective SMALL = (theta, g) -> {
        g[0] = theta[0] - 0.2;
        g[1] = 0.5 * theta[1] + 0.1;
        return 0.5 * (theta[0] * theta[0] + 0.5 * theta[1] * theta[1]) - 0.2 * theta[0] + 0.1 * theta[1];
    };

    /** An ill-conditioned quadratic, f(θ) = ½ Σ cᵢ (θᵢ - i)² with c = (1, 10, 100); minimum at (0, 1, 2). */
    static final Objective ILL_CONDITIONED = (theta, g) -> {
        double f = 0;
        for (int i = 0; i < 3; i++) {
            double c = Math.pow(10, i);
            double r = theta[i] - i;
            g[i] = c * r;
            f += 0.5 * c * r * r;
        }
        return f;
    };

    /** Rosenbrock's function (1 - x)² + 100 (y - x²)², minimum 0 at (1, 1). */
    static final Objective ROSENBROCK = (theta, g) -> {
        double x = theta[0];
        double y = theta[1];
        g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        g[1] = 200 * (y - x * x);
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    };

    /** Runs {@code steps} steps of a first-order optimizer on f from θ; returns θ. */
    static double[] descend(Optimizer optimizer, Objective f, double[] start, int steps) {
        double[] theta = start.clone();
        double[] g = new double[theta.length];
        optimizer.init(theta.length);
        for (int k = 0; k < steps; k++) {
            double value = f.valueAndGradient(theta, g);
            optimizer.step(theta, g, value, f);
        }
        return theta;
    }
}
