package dev.backprop.optim;

import dev.backprop.linalg.Elementwise;
import dev.backprop.linalg.Parallel;
import dev.backprop.linalg.RangeLoop;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's update, θ ← θ - η ∇J(θ), applied to every parameter. Over the whole data set each epoch it is the
 * seed's gradient descent ({@code gd}); over shuffled mini-batches it is stochastic gradient descent ({@code sgd},
 * Robbins and Monro, "A stochastic approximation method", Ann. Math. Statist. 22, 1951): the update is the same, the
 * trainer decides the batch. No state but η.
 */
public final class GradientDescent implements Optimizer {
    private double learningRate;
    private final Update update = new Update();

    /**
     * @param learningRate η, finite and &gt; 0
     * @throws IllegalArgumentException otherwise
     */
    public GradientDescent(double learningRate) {
        this.learningRate = Optimizer.checkLearningRate(learningRate);
    }

    /**
     * The current learning rate η.
     *
     * @return η, finite and &gt; 0
     */
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Optimizer.checkLearningRate(learningRate);
    }

    /**
     * Shared among the threads the products use when there are many parameters (W3 has 394,241: reading and writing
     * them is about a millisecond per step on one core). Each parameter's update is independent, and the largest
     * change is a maximum, which does not depend on the order its pieces are combined in.
     */
    @Override
    public double step(double[] parameters, double[] gradient) {
        update.parameters = parameters;
        update.gradient = gradient;
        double largest = update.over(parameters.length);
        update.parameters = null;
        update.gradient = null;
        return largest;
    }

    /** The same update in float: η rounded to float, each η g_i and θ_i − η g_i rounded to float. */
    @Override
    public double step(float[] parameters, float[] gradient) {
        update.floatParameters = parameters;
        update.floatGradient = gradient;
        double largest = update.over(parameters.length);
        update.floatParameters = null;
        update.floatGradient = null;
        return largest;
    }

    /** θ_i ← θ_i − η g_i over a range; the largest |η g_i| joins the step's maximum. Reused: a step allocates nothing. */
    private final class Update implements RangeLoop {
        /** Bits of the largest |change| so far: non-negative doubles (NaN included) order like their bits. */
        final AtomicLong largestBits = new AtomicLong();
        /** The step's vectors: the double ones, or else the float ones. */
        double[] parameters;
        double[] gradient;
        float[] floatParameters;
        float[] floatGradient;

        /** Updates all {@code length} parameters, shared among threads when there are enough; the largest |change|. */
        double over(int length) {
            if (!Parallel.wouldSplit(length)) {
                return apply(0, length);
            }
            largestBits.set(0L);
            Parallel.forRanges(length, 1, this);
            return Double.longBitsToDouble(largestBits.get());
        }

        @Override
        public void run(int from, int to) {
            largestBits.accumulateAndGet(Double.doubleToLongBits(apply(from, to)), Math::max);
        }

        /** Updates [from, to) and returns the largest |change| there. */
        double apply(int from, int to) {
            return parameters != null ? Elementwise.descend(parameters, gradient, learningRate, from, to)
                    : Elementwise.descend(floatParameters, floatGradient, (float) learningRate, from, to);
        }
    }

    @Override
    public Optimizer copy() {
        return new GradientDescent(learningRate);
    }
}
