package dev.backprop.nn;

import java.util.random.RandomGenerator;

/**
 * Seeded weight initialisation. Weights of a layer are drawn uniformly from [-r, r], r given by an {@link InitScale}
 * (by default {@link InitScale#AUTO}: He et al.'s √(6 / n_in) for relu and leaky-relu, Glorot and Bengio's
 * √(6 / (n_in + n_out)) for the other activations). Biases start at 0. Draws are taken layer by layer, each W in row-major order, one {@code nextDouble()} per weight
 * from the one generator given (a {@link java.util.SplittableRandom}, or the trainer's generator that draws the same
 * numbers): the same seed gives bit-identical weights on every JVM.
 */
public final class Initializer {
    private Initializer() {
    }

    /**
     * A fresh parameter vector for {@code architecture} at {@link InitScale#AUTO}'s scale, drawn from {@code random}
     * (which is advanced).
     *
     * @param architecture the network's structure
     * @param random       the generator; advanced by one {@code nextDouble()} per weight
     * @return a new array of {@link Architecture#parameterCount()} values: weights uniform in [-r, r], biases 0
     */
    public static double[] initialParameters(Architecture architecture, RandomGenerator random) {
        return initialParameters(architecture, InitScale.AUTO, random);
    }

    /**
     * A fresh parameter vector for {@code architecture}, each layer's weights at {@code scale}'s range, drawn from
     * {@code random} (which is advanced). The draws do not depend on the scale: the same seed gives the same uniform
     * numbers, stretched to each layer's range.
     *
     * @param architecture the network's structure
     * @param scale        how wide each layer's range is
     * @param random       the generator; advanced by one {@code nextDouble()} per weight
     * @return a new array of {@link Architecture#parameterCount()} values: weights uniform in [-r, r], biases 0
     */
    public static double[] initialParameters(Architecture architecture, InitScale scale, RandomGenerator random) {
        double[] parameters = new double[architecture.parameterCount()];
        for (int l = 0; l < architecture.depth(); l++) {
            LayerSpec spec = architecture.layer(l);
            double r = scale.range(spec);
            int offset = architecture.weightOffset(l);
            for (int i = 0, len = spec.inputs() * spec.outputs(); i < len; i++) {
                parameters[offset + i] = (2.0 * random.nextDouble() - 1.0) * r;
            }
        }
        return parameters;
    }
}
