package dev.backprop.nn;

/**
 * What training adds to the loss to keep a network from fitting noise: an L2 penalty on the weights and dropout on
 * the hidden layers. Immutable.
 *
 * <p>L2, as in the seed's source material: the objective becomes J/n + λ/2 Σ_l Σ W⁽ˡ⁾², where J/n is the loss as a
 * mean over the n examples of the batch (the mean losses are already that; {@link Loss#SSE} is divided by n when
 * λ &gt; 0) and the biases are not penalised. Its gradient adds λ W to ∂J/∂W.
 *
 * <p>Dropout (Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov, "Dropout: a simple way to prevent neural
 * networks from overfitting", JMLR 15, 2014), inverted: while training, each hidden unit's activation is zeroed with
 * probability p and the survivors are multiplied by 1/(1 - p), so the expected activation is unchanged and
 * prediction uses the network as it is. Never applied to the inputs or the output layer.
 *
 * @param l2      λ, finite and ≥ 0 (0: no penalty)
 * @param dropout p, the probability of dropping a hidden unit, in [0, 1) (0: no dropout)
 */
public record Regularization(double l2, double dropout) {
    /** No penalty and no dropout. */
    public static final Regularization NONE = new Regularization(0.0, 0.0);

    /**
     * @param l2      λ, finite and ≥ 0
     * @param dropout p, in [0, 1)
     * @throws IllegalArgumentException if λ is negative or not finite, or p is outside [0, 1)
     */
    public Regularization {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be >= 0 and finite but was " + l2);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1) but was " + dropout);
        }
    }

    /**
     * Only an L2 penalty λ.
     *
     * @param lambda λ, finite and ≥ 0
     * @return a regularization with that penalty and no dropout
     * @throws IllegalArgumentException if λ is negative or not finite
     */
    public static Regularization l2(double lambda) {
        return new Regularization(lambda, 0.0);
    }

    /**
     * The factor on J in the objective: 1/n when an L2 penalty turns the summed SSE into the mean J/n, otherwise 1
     * (the mean losses already are means, and without a penalty J is the objective).
     */
    double dataScale(Loss loss, int rows) {
        boolean toMean = l2 > 0 && !loss.meanOverRows() && rows > 0;
        return toMean ? 1.0 / rows : 1.0;
    }

    /**
     * λ/2 Σ W² over every layer's weights (not biases) in the flat {@code parameters}. Not modified.
     *
     * @param architecture the layout of {@code parameters}
     * @param parameters   the flat parameter vector; not modified
     * @return the penalty, ≥ 0; 0 when λ = 0; NaN or ∞ if a weight is
     */
    public double penalty(Architecture architecture, double[] parameters) {
        if (l2 == 0.0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int l = 0; l < architecture.depth(); l++) {
            LayerSpec spec = architecture.layer(l);
            for (int i = architecture.weightOffset(l), end = i + spec.inputs() * spec.outputs(); i < end; i++) {
                double w = parameters[i];
                sum += w * w;
            }
        }
        return 0.5 * l2 * sum;
    }

    /**
     * gradient_W += λ W for every layer's weights; biases and {@code parameters} are not modified.
     *
     * @param architecture the layout of both vectors
     * @param parameters   the flat parameter vector; not modified
     * @param gradient     the flat gradient, same layout; its weight entries are increased
     */
    public void addPenaltyGradient(Architecture architecture, double[] parameters, double[] gradient) {
        if (l2 == 0.0) {
            return;
        }
        for (int l = 0; l < architecture.depth(); l++) {
            LayerSpec spec = architecture.layer(l);
            for (int i = architecture.weightOffset(l), end = i + spec.inputs() * spec.outputs(); i < end; i++) {
                gradient[i] += l2 * parameters[i];
            }
        }
    }

    /**
     * {@link #penalty(Architecture, double[])} of float parameters: λ/2 Σ W² summed in double.
     *
     * @param architecture the layout of {@code parameters}
     * @param parameters   the flat parameter vector; not modified
     * @return the penalty, ≥ 0; 0 when λ = 0; NaN or ∞ if a weight is
     */
    public double penalty(Architecture architecture, float[] parameters) {
        if (l2 == 0.0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int l = 0; l < architecture.depth(); l++) {
            LayerSpec spec = architecture.layer(l);
            for (int i = architecture.weightOffset(l), end = i + spec.inputs() * spec.outputs(); i < end; i++) {
                double w = parameters[i];
                sum += w * w;
            }
        }
        return 0.5 * l2 * sum;
    }

    /**
     * {@link #addPenaltyGradient(Architecture, double[], double[])} in float: gradient_W += λ W with λ rounded to
     * float and each product and sum rounded to float.
     *
     * @param architecture the layout of both vectors
     * @param parameters   the flat parameter vector; not modified
     * @param gradient     the flat gradient, same layout; its weight entries are increased
     */
    public void addPenaltyGradient(Architecture architecture, float[] parameters, float[] gradient) {
        if (l2 == 0.0) {
            return;
        }
        float lambda = (float) l2;
        for (int l = 0; l < architecture.depth(); l++) {
            LayerSpec spec = architecture.layer(l);
            for (int i = architecture.weightOffset(l), end = i + spec.inputs() * spec.outputs(); i < end; i++) {
                gradient[i] += lambda * parameters[i];
            }
        }
    }
}
