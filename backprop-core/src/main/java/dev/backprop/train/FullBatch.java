package dev.backprop.train;

import dev.backprop.optim.Objective;

/**
 * Where a full-batch epoch's J and ∇J come from: rows in this JVM, or a {@link RemoteRows}' objective.
 *
 * @param <A> the array type of θ and ∇J
 */
interface FullBatch<A> {
    /**
     * Writes the update's ∇J into {@code gradient} and returns its J.
     *
     * @param parameters θ; not modified
     * @param gradient   receives ∇J
     * @return J(θ), possibly not finite
     */
    double valueAndGradient(A parameters, A gradient);

    /**
     * The exact objective, for optimizers that search along a direction.
     *
     * @return the objective, or null where the optimizer does not need one
     */
    Format.Evaluation<A> exact();

    /**
     * The exact J(θ), for the final loss.
     *
     * @param parameters θ; not modified
     * @return J(θ)
     */
    double loss(A parameters);

    /** The rows in this JVM: one backpropagation pass (cached for line searches, which ask at one θ twice). */
    static <A> FullBatch<A> of(Format<A> format, Format.Pass<A> backprop, Examples<A> training,
                               boolean needsObjective, int parameterCount) {
        CachedObjective<A> cached = needsObjective
                ? new CachedObjective<>(format, backprop, training, parameterCount) : null;
        return new FullBatch<>() {
            @Override
            public double valueAndGradient(A parameters, A gradient) {
                return cached != null ? cached.valueAndGradient(parameters, gradient)
                        : backprop.lossAndGradient(parameters, training.x(), 0, training.y(), 0, training.w(), 0,
                                training.rows(), gradient);
            }

            @Override
            public Format.Evaluation<A> exact() {
                return cached;
            }

            @Override
            public double loss(A parameters) {
                return backprop.loss(parameters, training.x(), 0, training.y(), 0, training.w(), 0, training.rows());
            }
        };
    }

    /** Rows elsewhere: each update steps on {@code steps}, the line searches and the final loss use {@code exact}. */
    static FullBatch<double[]> of(FullBatchObjective exact, Objective steps) {
        Format.Evaluation<double[]> evaluation = exact::valueAndGradient;
        return new FullBatch<>() {
            @Override
            public double valueAndGradient(double[] parameters, double[] gradient) {
                return steps.valueAndGradient(parameters, gradient);
            }

            @Override
            public Format.Evaluation<double[]> exact() {
                return evaluation;
            }

            @Override
            public double loss(double[] parameters) {
                return exact.value(parameters);
            }
        };
    }
}
