package dev.backprop.nn;

import java.io.Serializable;
import java.util.Objects;

/**
 * The shape of one dense layer without its numbers: sizes, activation and whether it has a bias.
 *
 * @param inputs     rows of W
 * @param outputs    columns of W
 * @param activation f
 * @param bias       whether the layer adds a bias vector
 * @serial exclude
 */
public record LayerSpec(int inputs, int outputs, Activation activation, boolean bias) implements Serializable {
    /**
     * Checks the sizes.
     *
     * @param inputs     rows of W, ≥ 1
     * @param outputs    columns of W, ≥ 1
     * @param activation f, not null
     * @param bias       whether the layer adds a bias vector
     * @throws IllegalArgumentException if a size is not positive
     */
    public LayerSpec {
        Objects.requireNonNull(activation, "activation");
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("layer sizes must be > 0 but were " + inputs + " -> " + outputs);
        }
    }

    /**
     * Number of trainable values: inputs x outputs weights plus outputs biases if present.
     *
     * @return inputs x outputs (+ outputs with a bias), as a long so it cannot overflow
     */
    public long parameterCount() {
        return (long) inputs * outputs + (bias ? outputs : 0);
    }
}
