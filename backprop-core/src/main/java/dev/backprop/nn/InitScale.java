package dev.backprop.nn;

import java.util.Locale;

/**
 * The range r of a layer's initial weights, drawn uniformly from [-r, r], for a layer of fan-in n_in and fan-out
 * n_out:
 * <ul>
 *   <li>{@link #GLOROT}: r = √(6 / (n_in + n_out)) for every layer (Glorot and Bengio, "Understanding the difficulty
 *       of training deep feedforward neural networks", AISTATS 2010), which keeps activations and gradients at a
 *       similar scale from layer to layer; scikit-learn's MLP and Keras' {@code Dense} draw every layer so;</li>
 *   <li>{@link #HE}: r = √(6 / n_in), variance 2 / n_in, for every layer (He, Zhang, Ren and Sun, "Delving deep into
 *       rectifiers", ICCV 2015), which makes up for the half of the units a rectifier silences;</li>
 *   <li>{@link #AUTO}: chosen by the layer's activation: He for relu and leaky-relu, Glorot for sigmoid, tanh,
 *       linear and softmax.</li>
 * </ul>
 */
public enum InitScale {
    /** He for the rectifiers, Glorot for every other activation. */
    AUTO("auto"),
    /** Glorot and Bengio's range for every layer. */
    GLOROT("glorot"),
    /** He et al.'s range for every layer. */
    HE("he");

    private final String id;

    InitScale(String id) {
        this.id = id;
    }

    /**
     * The name used in options and files.
     *
     * @return {@code auto}, {@code glorot} or {@code he}
     */
    public String id() {
        return id;
    }

    /**
     * The scale with this {@link #id()}.
     *
     * @param id {@code auto}, {@code glorot} or {@code he}, any case
     * @return the scale
     * @throws IllegalArgumentException for any other word, naming the accepted ones
     */
    public static InitScale fromId(String id) {
        return switch (id.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "glorot", "xavier" -> GLOROT;
            case "he", "kaiming" -> HE;
            default -> throw new IllegalArgumentException("unknown initial scale '" + id
                    + "' (choose auto, glorot or he)");
        };
    }

    /**
     * r for a layer.
     *
     * @param spec the layer
     * @return the half-width of the uniform range its weights are drawn from, &gt; 0
     */
    public double range(LayerSpec spec) {
        boolean he = switch (this) {
            case GLOROT -> false;
            case HE -> true;
            case AUTO -> spec.activation() == Activation.RELU || spec.activation() == Activation.LEAKY_RELU;
        };
        return he ? Math.sqrt(6.0 / spec.inputs()) : Math.sqrt(6.0 / (spec.inputs() + spec.outputs()));
    }
}
