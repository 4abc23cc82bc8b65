package dev.backprop.nn;

import java.util.Objects;

/**
 * The shape of one dense layer without its numbers: sizes, activation and whether it has a bias.
 *
 * @param inputs     rows of W
 * @param outputs    columns of W
 * @param activation f
 * @param bias       whether the layer adds a bias vector
 */
public record LayerSpec(int inputs, int outputs, Activation activation, boolean bias) {
    public LayerSpec {
        Objects.requireNonNull(activation, "activation");
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("layer sizes must be > 0 but were " + inputs + " -> " + outputs);
        }
    }

    /** Number of trainable values: inputs x outputs weights plus outputs biases if present. */
    public long parameterCount() {
        return (long) inputs * outputs + (bias ? outputs : 0);
    }
}
