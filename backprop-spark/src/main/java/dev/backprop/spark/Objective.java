package dev.backprop.spark;

import dev.backprop.train.FullBatchObjective;

/**
 * A differentiable function of a flat parameter vector θ, J(θ) and ∇J(θ) over a whole data set: the core's
 * {@link dev.backprop.optim.Objective}, so the core's optimizers (gradient descent, momentum, Adam, and the line
 * searches of L-BFGS and BFGS) step against it unchanged, plus J alone (as a {@link FullBatchObjective}, which the
 * core's trainer steps on for rows it does not hold) and the dimension. The same optimizer code runs whether the sum
 * behind J is taken in one JVM or across a cluster. Implementations may be expensive to call (one Spark job each).
 */
public interface Objective extends FullBatchObjective {
    /**
     * The number of parameters θ has.
     *
     * @return P ≥ 0
     */
    int dimension();
}
