package dev.backprop.nn;

import dev.backprop.linalg.Matrix;

import java.util.List;

/**
 * The matrices of one forward and backward pass, copied from a {@link Backpropagation} ({@link
 * Backpropagation#trace}) so that a step can be shown: per layer l (0-based), z⁽ˡ⁾ = a⁽ˡ⁻¹⁾ W⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁾ =
 * f(z⁽ˡ⁾) before any dropout mask (ŷ for the last layer), and δ⁽ˡ⁾ = ∂J/∂z⁽ˡ⁾. Each is rows x (outputs of layer l).
 *
 * @param z     z⁽ˡ⁾ of each layer
 * @param a     a⁽ˡ⁾ of each layer
 * @param delta δ⁽ˡ⁾ of each layer
 */
public record PassTrace(List<Matrix> z, List<Matrix> a, List<Matrix> delta) {
    /**
     * Copies the lists (the matrices are the trace's own copies already).
     *
     * @param z     z⁽ˡ⁾ of each layer; not null
     * @param a     a⁽ˡ⁾ of each layer; not null
     * @param delta δ⁽ˡ⁾ of each layer; not null
     */
    public PassTrace {
        z = List.copyOf(z);
        a = List.copyOf(a);
        delta = List.copyOf(delta);
    }
}
