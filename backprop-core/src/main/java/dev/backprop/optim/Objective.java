package dev.backprop.optim;

/**
 * A differentiable function f: ℝ^P → ℝ, here the training loss as a function of the flat parameter vector θ. The
 * trainer provides one over the full batch for optimizers that search along a direction ({@link Lbfgs},
 * {@link Bfgs}); it must be deterministic (no dropout): the same θ gives the same value and gradient.
 */
@FunctionalInterface
public interface Objective {
    /**
     * Writes ∇f(θ) into {@code gradient} (fully overwritten, length P) and returns f(θ). {@code parameters} is not
     * modified. May return NaN or ∞ where f is not finite.
     *
     * @param parameters θ, length P; not modified
     * @param gradient   receives ∇f(θ), length P
     * @return f(θ)
     */
    double valueAndGradient(double[] parameters, double[] gradient);
}
