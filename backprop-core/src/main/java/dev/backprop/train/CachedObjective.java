package dev.backprop.train;

import dev.backprop.nn.Backpropagation;
import dev.backprop.optim.Objective;

import java.util.Arrays;

/**
 * The training objective over the full batch as an {@link Objective} for line-search optimizers, remembering its last
 * point: a line search ends by evaluating the point it accepts, and the next epoch starts there, so asking again at
 * the same θ (compared bit for bit) copies the stored value and gradient instead of another pass (over rows in this
 * JVM, or a cluster's job for a {@link BlockObjective}). Not thread-safe.
 */
final class CachedObjective implements Objective {
    private final Objective pass;
    private final double[] point;
    private final double[] gradient;
    private double value;
    private boolean valid;
    private long evaluations;

    /** The objective of one backpropagation pass over {@code examples}. */
    CachedObjective(Backpropagation backpropagation, Examples examples, int parameterCount) {
        this((parameters, gradient) -> backpropagation.lossAndGradient(parameters, examples.x(), 0, examples.y(), 0,
                examples.w(), 0, examples.rows(), gradient), parameterCount);
    }

    /** Remembers the last point of {@code pass}, which writes all of ∇J. */
    CachedObjective(Objective pass, int parameterCount) {
        this.pass = pass;
        this.point = new double[parameterCount];
        this.gradient = new double[parameterCount];
    }

    @Override
    public double valueAndGradient(double[] parameters, double[] gradientOut) {
        if (!holds(parameters)) {
            valid = false;
            value = pass.valueAndGradient(parameters, gradient);
            System.arraycopy(parameters, 0, point, 0, point.length);
            valid = true;
            evaluations++;
        }
        System.arraycopy(gradient, 0, gradientOut, 0, gradient.length);
        return value;
    }

    /** Whether the last point evaluated is {@code parameters}, whose J {@link #value()} then gives. */
    boolean holds(double[] parameters) {
        return valid && Arrays.equals(parameters, point);
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
