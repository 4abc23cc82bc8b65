package dev.backprop.train;

import dev.backprop.optim.Objective;

/**
 * The training objective over the full batch as an {@link Objective} for line-search optimizers, remembering its last
 * point: a line search ends by evaluating the point it accepts, and the next epoch starts there, so asking again at
 * the same θ (compared bit for bit) copies the stored value and gradient instead of another pass (over rows in this
 * JVM, or a cluster's job for a {@link BlockObjective}). Not thread-safe.
 *
 * @param <A> the array type of θ and ∇J
 */
final class CachedObjective<A> implements Format.Evaluation<A> {
    private final Format<A> format;
    private final Format.Evaluation<A> pass;
    private final A point;
    private final A gradient;
    private double value;
    private boolean valid;
    private long evaluations;

    /** The objective of one backpropagation pass over {@code examples}. */
    CachedObjective(Format<A> format, Format.Pass<A> backpropagation, Examples<A> examples, int parameterCount) {
        this(format, (parameters, gradient) -> backpropagation.lossAndGradient(parameters, examples.x(), 0,
                examples.y(), 0, examples.w(), 0, examples.rows(), gradient), parameterCount);
    }

    /** Remembers the last point of {@code pass}, which writes all of ∇J. */
    CachedObjective(Format<A> format, Format.Evaluation<A> pass, int parameterCount) {
        this.format = format;
        this.pass = pass;
        this.point = format.allocate(parameterCount);
        this.gradient = format.allocate(parameterCount);
    }

    /** Remembers the last point of a double {@code pass}, which writes all of ∇J (rows elsewhere). */
    static CachedObjective<double[]> of(Objective pass, int parameterCount) {
        return new CachedObjective<>(Format.FLOAT64, pass::valueAndGradient, parameterCount);
    }

    @Override
    public double valueAndGradient(A parameters, A gradientOut) {
        if (!holds(parameters)) {
            valid = false;
            value = pass.valueAndGradient(parameters, gradient);
            System.arraycopy(parameters, 0, point, 0, format.length(point));
            valid = true;
            evaluations++;
        }
        System.arraycopy(gradient, 0, gradientOut, 0, format.length(gradient));
        return value;
    }

    /** Whether the last point evaluated is {@code parameters}, whose J {@link #value()} then gives. */
    boolean holds(A parameters) {
        return valid && format.same(parameters, point);
    }

    /** J at the last point evaluated. */
    double value() {
        return value;
    }

    /** How many passes over the data were made (cache misses). */
    long evaluations() {
        return evaluations;
    }
}
