package dev.backprop.optim;

import dev.backprop.linalg.Precision;

/**
 * Gradient descent with momentum: a velocity v accumulates past gradients, so steps grow along directions the
 * gradient keeps pointing and cancel across ones where it oscillates.
 * <pre>
 *   v ← μ v - η ∇J(θ)
 *   classical: θ ← θ + v                    (Polyak, "Some methods of speeding up the convergence of iteration
 *                                             methods", USSR Comput. Math. and Math. Phys. 4, 1964)
 *   Nesterov:  θ ← θ + μ v - η ∇J(θ)         (Nesterov 1983, in the form of Sutskever, Martens, Dahl and Hinton,
 *                                             "On the importance of initialization and momentum in deep learning",
 *                                             ICML 2013: the gradient is in effect taken at the look-ahead point)
 * </pre>
 * v starts at 0. State: v, one value per parameter, in the format of the steps ({@link #init(int, Precision)}).
 */
public final class Momentum implements Optimizer {
    /** The usual μ. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private double learningRate;
    private final double momentum;
    private final boolean nesterov;
    private double[] velocity = new double[0];
    /** v for float32 steps; null unless initialised for float32. */
    private float[] floatVelocity;

    /**
     * @param learningRate η, finite and &gt; 0
     * @param momentum     μ, in [0, 1)
     * @param nesterov     whether to take Nesterov's look-ahead step
     * @throws IllegalArgumentException if a value is out of range
     */
    public Momentum(double learningRate, double momentum, boolean nesterov) {
        this.learningRate = Optimizer.checkLearningRate(learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1) but was " + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    /**
     * The current learning rate η.
     *
     * @return η, finite and &gt; 0
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * μ, the fraction of the previous velocity kept each step.
     *
     * @return μ in [0, 1)
     */
    public double momentum() {
        return momentum;
    }

    /**
     * Whether the step is Nesterov's look-ahead form rather than classical momentum.
     *
     * @return true for Nesterov momentum
     */
    public boolean nesterov() {
        return nesterov;
    }

    /**
     * A copy of v.
     *
     * @return a new array of P values; changing it does not change this optimizer
     */
    public double[] velocity() {
        return floatVelocity != null ? widen(floatVelocity) : velocity.clone();
    }

    @Override
    public void init(int parameterCount) {
        velocity = new double[parameterCount];
        floatVelocity = null;
    }

    @Override
    public void init(int parameterCount, Precision precision) {
        init(precision == Precision.FLOAT32 ? 0 : parameterCount);
        if (precision == Precision.FLOAT32) {
            floatVelocity = new float[parameterCount];
        }
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Optimizer.checkLearningRate(learningRate);
    }

    @Override
    public double step(double[] parameters, double[] gradient) {
        if (velocity.length != parameters.length || floatVelocity != null) {
            init(parameters.length);
        }
        double[] v = velocity;
        double largest = 0.0;
        for (int i = 0; i < parameters.length; i++) {
            double g = gradient[i];
            v[i] = momentum * v[i] - learningRate * g;
            double change = nesterov ? momentum * v[i] - learningRate * g : v[i];
            parameters[i] += change;
            largest = Math.max(largest, Math.abs(change));
        }
        return largest;
    }

    /**
     * The same update in float: v_i ← μ v_i − η g_i and the change, with μ and η rounded to float and each product,
     * difference and sum rounded to float; v kept in float.
     */
    @Override
    public double step(float[] parameters, float[] gradient) {
        if (floatVelocity == null || floatVelocity.length != parameters.length) {
            init(parameters.length, Precision.FLOAT32);
        }
        float[] v = floatVelocity;
        float mu = (float) momentum;
        float eta = (float) learningRate;
        float largest = 0.0f;
        for (int i = 0; i < parameters.length; i++) {
            float g = gradient[i];
            v[i] = mu * v[i] - eta * g;
            float change = nesterov ? mu * v[i] - eta * g : v[i];
            parameters[i] += change;
            largest = Math.max(largest, Math.abs(change));
        }
        return largest;
    }

    /** v (float state widened exactly). */
    @Override
    public double[] state() {
        return velocity();
    }

    @Override
    public void restore(double[] state) {
        if (floatVelocity != null) {
            Optimizer.checkStateLength("momentum", state, floatVelocity.length);
            for (int i = 0; i < floatVelocity.length; i++) {
                floatVelocity[i] = (float) state[i];
            }
            return;
        }
        Optimizer.checkStateLength("momentum", state, velocity.length);
        System.arraycopy(state, 0, velocity, 0, velocity.length);
    }

    @Override
    public Optimizer copy() {
        Momentum copy = new Momentum(learningRate, momentum, nesterov);
        copy.velocity = velocity.clone();
        copy.floatVelocity = floatVelocity == null ? null : floatVelocity.clone();
        return copy;
    }

    private static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }
}
