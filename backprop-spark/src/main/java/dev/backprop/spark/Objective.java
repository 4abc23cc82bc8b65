package dev.backprop.spark;

/**
 * A differentiable function of a flat parameter vector θ, J(θ) and ∇J(θ) over a whole data set: the core's
 * {@link dev.backprop.optim.Objective}, so the core's optimizers (gradient descent, momentum, Adam, and the line
 * searches of L-BFGS and BFGS) step against it unchanged, plus J alone and the dimension. The same optimizer code runs
 * whether the sum behind J is taken in one JVM or across a cluster. Implementations may be expensive to call (one
 * Spark job each).
 */
public interface Objective extends dev.backprop.optim.Objective {
    /**
     * The number of parameters θ has.
     *
     * @return P ≥ 0
     */
    int dimension();

    /**
     * J(θ) alone (forward passes only).
     *
     * @param parameters θ, length {@link #dimension()}; not modified
     * @return J(θ); NaN if the network's outputs are NaN (it is not checked)
     */
    double value(double[] parameters);
}
