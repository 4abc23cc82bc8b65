package dev.backprop.optim;

/**
 * Updates a flat parameter vector from its gradient. An optimizer may keep state between steps (momentum, moments),
 * so one instance serves one training run; {@link #copy()} gives an independent one in the same state.
 */
public interface Optimizer {
    /**
     * Moves {@code parameters} against {@code gradient}. The gradient is not modified; the parameters are.
     *
     * @return the largest absolute change made to any parameter, which the trainer's convergence test reads
     */
    double step(double[] parameters, double[] gradient);

    /** An independent optimizer in the same state. */
    Optimizer copy();
}
