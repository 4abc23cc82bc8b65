package dev.backprop.train;

import dev.backprop.optim.Objective;

/**
 * The training objective over every training row, J(θ) = the loss of the whole batch (plus the L2 penalty), when the
 * rows are not in this JVM: {@link Trainer#train(RemoteRows)} steps on it with the same loop, schedule and stopping
 * rules as on rows it holds. Must be deterministic (no dropout): the same θ gives the same J and ∇J, as the line
 * searches of lbfgs and bfgs need.
 */
public interface FullBatchObjective extends Objective {
    /**
     * J(θ) alone (forward passes only), for the final loss.
     *
     * @param parameters θ; not modified
     * @return J(θ); NaN or ∞ where J is not finite
     */
    double value(double[] parameters);
}
