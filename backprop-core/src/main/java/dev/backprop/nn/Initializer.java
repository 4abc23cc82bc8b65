package dev.backprop.nn;

import java.util.random.RandomGenerator;

/**
 * Seeded weight initialisation matched to each layer's activation. Weights of a layer with fan-in n_in and fan-out
 * n_out are drawn uniformly from [-r, r]:
 * <ul>
 *   <li>sigmoid, tanh, linear, softmax: r = √(6 / (n_in + n_out)) (Glorot and Bengio, "Understanding the difficulty
 *       of training deep feedforward neural networks", AISTATS 2010), which keeps activations and gradients at a
 *       similar scale from layer to layer;</li>
 *   <li>relu, leaky-relu: r = √(6 / n_in), variance 2 / n_in (He, Zhang, Ren and Sun, "Delving deep into
 *       rectifiers", ICCV 2015), which makes up for the half of the units a rectifier silences.</li>
 * </ul>
 * Biases start at 0. Draws are taken layer by layer, each W in row-major order, one {@code nextDouble()} per weight
 * from the one generator given (a {@link java.util.SplittableRandom}, or the trainer's generator that draws the same
 * numbers): the same seed gives bit-identical weights on every JVM.
 */
public final class Initializer {
    private Initializer() {
    }

    /**
     * A fresh parameter vector for {@code architecture}, drawn from {@code random} (which is advanced).
     *
     * @param architecture the network's structure
     * @param random       the generator; advanced by one {@code nextDouble()} per weight
     * @return a new array of {@link Architecture#parameterCount()} values: weights uniform in [-r, r], biases 0
     */
    public static double[] initialParameters(Architecture architecture, RandomGenerator random) {
        double[] parameters = new double[architecture.parameterCount()];
        for (int l = 0; l < architecture.depth(); l++) {
            LayerSpec spec = architecture.layer(l);
            double r = range(spec);
            int offset = architecture.weightOffset(l);
            for (int i = 0, len = spec.inputs() * spec.outputs(); i < len; i++) {
                parameters[offset + i] = (2.0 * random.nextDouble() - 1.0) * r;
            }
        }
        return parameters;
    }

    /** r for a layer: He for the rectifiers, Glorot for everything else. */
    static double range(LayerSpec spec) {
        return switch (spec.activation()) {
            case RELU, LEAKY_RELU -> Math.sqrt(6.0 / spec.inputs());
            case SIGMOID, TANH, LINEAR, SOFTMAX -> Math.sqrt(6.0 / (spec.inputs() + spec.outputs()));
        };
    }
}
