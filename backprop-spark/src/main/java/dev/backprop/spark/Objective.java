package dev.backprop.spark;

/**
 * A differentiable function of a flat parameter vector θ: J(θ) and ∇J(θ) over a whole data set. Full-batch
 * optimizers (gradient descent; L-BFGS once the core has it) need nothing else, so the same loop runs whether the sum
 * behind J is taken in one JVM or across a cluster. Implementations may be expensive to call (one Spark job each).
 */
public interface Objective {
    /** The number of parameters θ has. */
    int dimension();

    /**
     * J(θ), writing ∇J(θ) into {@code gradient} (length {@link #dimension()}, fully overwritten).
     * {@code parameters} is not modified.
     *
     * @return J(θ); NaN if the network's outputs are NaN (it is not checked)
     */
    double valueAndGradient(double[] parameters, double[] gradient);

    /** J(θ) alone (forward passes only). {@code parameters} is not modified. */
    double value(double[] parameters);
}
