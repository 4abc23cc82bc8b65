package dev.backprop.optim;

import dev.backprop.linalg.Precision;

/**
 * Adam (Kingma and Ba, "Adam: a method for stochastic optimization", ICLR 2015, Algorithm 1): a step per parameter
 * scaled by running estimates of the gradient's first and second moments.
 * <pre>
 *   t ← t + 1
 *   m ← β₁ m + (1 - β₁) g          v ← β₂ v + (1 - β₂) g²
 *   m̂ = m / (1 - β₁ᵗ)              v̂ = v / (1 - β₂ᵗ)
 *   θ ← θ - η m̂ / (√v̂ + ε)
 * </pre>
 * m, v start at 0; the bias corrections m̂, v̂ undo that start. Defaults are the paper's: β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-8 (η = 0.001 is the paper's too; the trainer's default depends on the optimizer). State: m, v and t; for
 * float32 steps ({@link #init(int, Precision)}) m and v are floats, as PyTorch keeps them for float32 parameters,
 * while t and the bias corrections β₁ᵗ, β₂ᵗ stay doubles (PyTorch's are Python floats).
 */
public final class Adam implements Optimizer {
    /** η from the Adam paper, 0.001. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** β₁ from the Adam paper, 0.9: decay of the first-moment (mean) estimate m. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** β₂ from the Adam paper, 0.999: decay of the second-moment (uncentred variance) estimate v. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** ε from the Adam paper, 1e-8: keeps the step finite where v̂ is 0. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[] m = new double[0];
    private double[] v = new double[0];
    /** m and v for float32 steps; null unless initialised for float32. */
    private float[] floatM;
    private float[] floatV;
    /** β₁ᵗ and β₂ᵗ for the current t, kept as running products. */
    private double beta1Power = 1.0;
    private double beta2Power = 1.0;
    private long t;

    /**
     * Adam with the paper's β₁, β₂, ε and the given η.
     *
     * @param learningRate η, finite and &gt; 0
     * @throws IllegalArgumentException if η is out of range
     */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * @param learningRate η, finite and &gt; 0
     * @param beta1        β₁, in [0, 1)
     * @param beta2        β₂, in [0, 1)
     * @param epsilon      ε, finite and &gt; 0
     * @throws IllegalArgumentException if a value is out of range
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = Optimizer.checkLearningRate(learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1) but was " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1) but was " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be > 0 and finite but was " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
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
     * t, the number of steps taken since {@link #init}.
     *
     * @return t ≥ 0
     */
    public long steps() {
        return t;
    }

    @Override
    public void init(int parameterCount) {
        m = new double[parameterCount];
        v = new double[parameterCount];
        floatM = null;
        floatV = null;
        beta1Power = 1.0;
        beta2Power = 1.0;
        t = 0;
    }

    @Override
    public void init(int parameterCount, Precision precision) {
        init(precision == Precision.FLOAT32 ? 0 : parameterCount);
        if (precision == Precision.FLOAT32) {
            floatM = new float[parameterCount];
            floatV = new float[parameterCount];
        }
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Optimizer.checkLearningRate(learningRate);
    }

    @Override
    public double step(double[] parameters, double[] gradient) {
        if (m.length != parameters.length || floatM != null) {
            init(parameters.length);
        }
        t++;
        beta1Power *= beta1;
        beta2Power *= beta2;
        double correction1 = 1.0 - beta1Power;
        double correction2 = 1.0 - beta2Power;
        double largest = 0.0;
        for (int i = 0; i < parameters.length; i++) {
            double g = gradient[i];
            m[i] = beta1 * m[i] + (1.0 - beta1) * g;
            v[i] = beta2 * v[i] + (1.0 - beta2) * g * g;
            double mHat = m[i] / correction1;
            double vHat = v[i] / correction2;
            double change = learningRate * mHat / (Math.sqrt(vHat) + epsilon);
            parameters[i] -= change;
            largest = Math.max(largest, Math.abs(change));
        }
        return largest;
    }

    /**
     * The same update in float: m, v, m̂, v̂ and the change computed and rounded in float with β₁, β₂, 1 − β₁,
     * 1 − β₂, ε, η and the bias corrections rounded to float; √v̂ correctly rounded.
     */
    @Override
    public double step(float[] parameters, float[] gradient) {
        if (floatM == null || floatM.length != parameters.length) {
            init(parameters.length, Precision.FLOAT32);
        }
        t++;
        beta1Power *= beta1;
        beta2Power *= beta2;
        float correction1 = (float) (1.0 - beta1Power);
        float correction2 = (float) (1.0 - beta2Power);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1.0 - beta1);
        float oneMinusB2 = (float) (1.0 - beta2);
        float eta = (float) learningRate;
        float eps = (float) epsilon;
        float[] fm = floatM;
        float[] fv = floatV;
        float largest = 0.0f;
        for (int i = 0; i < parameters.length; i++) {
            float g = gradient[i];
            fm[i] = b1 * fm[i] + oneMinusB1 * g;
            fv[i] = b2 * fv[i] + oneMinusB2 * g * g;
            float mHat = fm[i] / correction1;
            float vHat = fv[i] / correction2;
            float change = eta * mHat / ((float) Math.sqrt(vHat) + eps);
            parameters[i] -= change;
            largest = Math.max(largest, Math.abs(change));
        }
        return largest;
    }

    /** [t, β₁ᵗ, β₂ᵗ, m₁..m_P, v₁..v_P] (float m and v widened exactly). */
    @Override
    public double[] state() {
        int p = floatM != null ? floatM.length : m.length;
        double[] state = new double[3 + 2 * p];
        state[0] = t;
        state[1] = beta1Power;
        state[2] = beta2Power;
        if (floatM != null) {
            for (int i = 0; i < p; i++) {
                state[3 + i] = floatM[i];
                state[3 + p + i] = floatV[i];
            }
        } else {
            System.arraycopy(m, 0, state, 3, p);
            System.arraycopy(v, 0, state, 3 + p, p);
        }
        return state;
    }

    @Override
    public void restore(double[] state) {
        int p = floatM != null ? floatM.length : m.length;
        Optimizer.checkStateLength("adam", state, 3 + 2L * p);
        if (!(state[0] >= 0) || state[0] != Math.rint(state[0])) {
            throw new IllegalArgumentException("adam state: the step count must be a whole number >= 0 but was "
                    + state[0]);
        }
        t = (long) state[0];
        beta1Power = state[1];
        beta2Power = state[2];
        if (floatM != null) {
            for (int i = 0; i < p; i++) {
                floatM[i] = (float) state[3 + i];
                floatV[i] = (float) state[3 + p + i];
            }
        } else {
            System.arraycopy(state, 3, m, 0, p);
            System.arraycopy(state, 3 + p, v, 0, p);
        }
    }

    @Override
    public Optimizer copy() {
        Adam copy = new Adam(learningRate, beta1, beta2, epsilon);
        copy.m = m.clone();
        copy.v = v.clone();
        copy.floatM = floatM == null ? null : floatM.clone();
        copy.floatV = floatV == null ? null : floatV.clone();
        copy.beta1Power = beta1Power;
        copy.beta2Power = beta2Power;
        copy.t = t;
        return copy;
    }
}
