package dev.backprop.train;

import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.FloatBackpropagation;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.Objective;
import dev.backprop.optim.Optimizer;

import java.util.random.RandomGenerator;

/**
 * One {@link Precision} as a training run holds its numbers: the array type A (double[] for float64, float[] for
 * float32) of θ, gradients, data and workspaces, and the operations the run's pieces ({@link TrainingLoop},
 * {@link TrainingCourse}, {@link MiniBatches}, {@link LossEvaluator}, {@link CachedObjective}) need on them, written
 * once over A. Checkpoints, results and listeners see doubles: a float widens to a double exactly and narrows back to
 * the same float, so a float32 run's state round-trips bit for bit. Stateless.
 *
 * @param <A> the array type
 */
abstract class Format<A> {
    /** double[] everywhere: the trainer as it was before float32. */
    static final Format<double[]> FLOAT64 = new Float64Format();
    /** float[] everywhere; the loss values are doubles summed from float terms. */
    static final Format<float[]> FLOAT32 = new Float32Format();

    /** The format of {@code precision}. */
    static Format<?> of(Precision precision) {
        return precision == Precision.FLOAT32 ? FLOAT32 : FLOAT64;
    }

    abstract Precision precision();

    /** A new zeroed array. */
    abstract A allocate(int length);

    abstract int length(A values);

    /** A copy. */
    abstract A copy(A values);

    /** Whether the two hold the same bits. */
    abstract boolean same(A a, A b);

    /** {@code values} in this format: the array itself for float64, a new rounded copy for float32. */
    abstract A narrow(double[] values);

    /** values in this format into {@code out}, which has their length. */
    abstract void narrow(double[] values, A out);

    /** {@code values} as a new double[] (exact). */
    abstract double[] widen(A values);

    /** {@code values} into {@code out}, which has their length (exact). */
    abstract void widen(A values, double[] out);

    /** The batch pass of this format. */
    abstract Pass<A> pass(Architecture architecture, int capacity, Regularization regularization,
                          RandomGenerator random);

    /** The optimizer's first-order step in this format ({@link Optimizer#step(float[], float[])} for float32). */
    abstract double step(Optimizer optimizer, A parameters, A gradient);

    /**
     * Tells {@code listener} of an update: float64 lends the run's own arrays; float32 widens them into the views,
     * or tells nothing when the views are null (the listener does not read them).
     */
    abstract void parametersUpdated(TrainingListener listener, A parameters, A gradient, double[] parameterView,
                                    double[] gradientView);

    /** λ/2 Σ W² of these parameters. */
    abstract double penalty(Regularization regularization, Architecture architecture, A parameters);

    /**
     * A line-search optimizer's step on θ in this format. Its state and arithmetic are double (its only form); for
     * float32, θ and ∇J are widened into {@code wide} buffers, J is evaluated at θ rounded to float, and the θ it
     * accepts is rounded back to float: scikit-learn's float32 networks under scipy's L-BFGS, whose θ is a double
     * that each evaluation rounds to float.
     */
    abstract LineSearchStep<A> lineSearch(int parameterCount);

    /**
     * The full batch of rows held elsewhere, whose objective takes double θ: float64 steps on it directly; float32
     * widens θ (exactly) into a buffer for each evaluation and rounds the gradient's double sums to float.
     */
    abstract FullBatch<A> remote(FullBatchObjective exact, Objective steps, int parameterCount);

    /** The objective over all rows of one format, for line searches. */
    interface Evaluation<A> {
        /** Writes ∇J(θ) into {@code gradient} and returns J(θ). */
        double valueAndGradient(A parameters, A gradient);
    }

    /** One line-search step on θ in some format, buffers allocated once. */
    interface LineSearchStep<A> {
        /** {@link Optimizer#step(double[], double[], double, Objective)} on θ of this format. */
        double step(Optimizer optimizer, A parameters, A gradient, double value, Evaluation<A> objective);
    }

    /** What one batch costs in this format: {@link Backpropagation} or {@link FloatBackpropagation}. */
    interface Pass<A> {
        int capacity();

        double lossAndGradient(A parameters, A x, int xOffset, A y, int yOffset, A weights, int weightOffset,
                               int rows, A gradient);

        double loss(A parameters, A x, int xOffset, A y, int yOffset, A weights, int weightOffset, int rows);
    }
}
