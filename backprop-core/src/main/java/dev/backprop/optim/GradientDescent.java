package dev.backprop.optim;

/**
 * The seed's update, θ ← θ - η ∇J(θ), applied to every parameter. Over the whole data set each epoch it is the
 * seed's gradient descent ({@code gd}); over shuffled mini-batches it is stochastic gradient descent ({@code sgd},
 * Robbins and Monro, "A stochastic approximation method", Ann. Math. Statist. 22, 1951): the update is the same, the
 * trainer decides the batch. No state but η.
 */
public final class GradientDescent implements Optimizer {
    private double learningRate;

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

    @Override
    public double step(double[] parameters, double[] gradient) {
        double largest = 0.0;
        for (int i = 0; i < parameters.length; i++) {
            double change = learningRate * gradient[i];
            parameters[i] -= change;
            largest = Math.max(largest, Math.abs(change));
        }
        return largest;
    }

    @Override
    public Optimizer copy() {
        return new GradientDescent(learningRate);
    }
}
