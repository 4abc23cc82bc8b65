package dev.backprop.train;

import dev.backprop.nn.Backpropagation;
import dev.backprop.optim.Objective;

/** Where a full-batch epoch's J and ∇J come from: rows in this JVM, or a {@link RemoteRows}' objective. */
interface FullBatch {
    /**
     * Writes the update's ∇J into {@code gradient} and returns its J.
     *
     * @param parameters θ; not modified
     * @param gradient   receives ∇J
     * @return J(θ), possibly not finite
     */
    double valueAndGradient(double[] parameters, double[] gradient);

    /**
     * The exact objective, for optimizers that search along a direction.
     *
     * @return the objective, or null where the optimizer does not need one
     */
    Objective exact();

    /**
     * The exact J(θ), for the final loss.
     *
     * @param parameters θ; not modified
     * @return J(θ)
     */
    double loss(double[] parameters);

    /** The rows in this JVM: one backpropagation pass (cached for line searches, which ask at one θ twice). */
    static FullBatch of(Backpropagation backprop, Examples training, boolean needsObjective, int parameterCount) {
        CachedObjective cached = needsObjective ? new CachedObjective(backprop, training, parameterCount) : null;
        return new FullBatch() {
            @Override
            public double valueAndGradient(double[] parameters, double[] gradient) {
                return cached != null ? cached.valueAndGradient(parameters, gradient)
                        : backprop.lossAndGradient(parameters, training.x(), 0, training.y(), 0, training.w(), 0,
                                training.rows(), gradient);
            }

            @Override
            public Objective exact() {
                return cached;
            }

            @Override
            public double loss(double[] parameters) {
                return backprop.loss(parameters, training.x(), 0, training.y(), 0, training.w(), 0, training.rows());
            }
        };
    }

    /** Rows elsewhere: each update steps on {@code steps}, the line searches and the final loss use {@code exact}. */
    static FullBatch of(FullBatchObjective exact, Objective steps) {
        return new FullBatch() {
            @Override
            public double valueAndGradient(double[] parameters, double[] gradient) {
                return steps.valueAndGradient(parameters, gradient);
            }

            @Override
            public Objective exact() {
                return exact;
            }

            @Override
            public double loss(double[] parameters) {
                return exact.value(parameters);
            }
        };
    }
}
