package dev.backprop.optim;

/** The seed's update, W ← W - η ∂J/∂W, applied to every parameter. Stateless. */
public final class GradientDescent implements Optimizer {
    private final double learningRate;

    /**
     * @param learningRate η, finite and &gt; 0
     * @throws IllegalArgumentException otherwise
     */
    public GradientDescent(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite but was " + learningRate);
        }
        this.learningRate = learningRate;
    }

    public double learningRate() {
        return learningRate;
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
