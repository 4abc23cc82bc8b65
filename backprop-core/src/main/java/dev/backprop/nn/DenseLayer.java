package dev.backprop.nn;

import dev.backprop.linalg.Matrix;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fully connected layer: a = f(x W + b). The weights W have shape inputs x outputs (row r holds the weights leaving
 * input r), exactly the seed's W⁽¹⁾ ∈ ℝ^{m x k}; the bias b is optional (the seed has none). Immutable.
 *
 * @param weights    W, inputs x outputs
 * @param bias       b, one value per output, or {@code null} for a layer without bias
 * @param activation f
 */
public record DenseLayer(Matrix weights, double[] bias, Activation activation) {
    /**
     * @param weights    W, inputs x outputs, both ≥ 1; kept, not copied (a {@link Matrix} is immutable)
     * @param bias       b, one value per output, or {@code null}; copied
     * @param activation f, not null
     * @throws IllegalArgumentException if the bias length differs from the number of outputs, or a size is zero
     */
    public DenseLayer {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(activation, "activation");
        if (weights.rows() == 0 || weights.cols() == 0) {
            throw new IllegalArgumentException("a layer needs at least one input and one output but its weights are "
                    + weights.shape());
        }
        if (bias != null) {
            if (bias.length != weights.cols()) {
                throw new IllegalArgumentException("bias has " + bias.length + " values but the layer has "
                        + weights.cols() + " outputs");
            }
            bias = bias.clone();
        }
    }

    /**
     * The number of inputs, W's rows.
     *
     * @return ≥ 1
     */
    public int inputs() {
        return weights.rows();
    }

    /**
     * The number of outputs (units), W's columns.
     *
     * @return ≥ 1
     */
    public int outputs() {
        return weights.cols();
    }

    /**
     * Whether the layer adds a bias b.
     *
     * @return true if {@link #bias()} is not null
     */
    public boolean hasBias() {
        return bias != null;
    }

    /**
     * A copy of b, or {@code null}.
     *
     * @return a new array of {@link #outputs()} values, or {@code null} for a layer without bias
     */
    @Override
    public double[] bias() {
        return bias == null ? null : bias.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseLayer l && weights.equals(l.weights) && Arrays.equals(bias, l.bias)
                && activation == l.activation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(weights, Arrays.hashCode(bias), activation);
    }

    @Override
    public String toString() {
        return "Dense(" + inputs() + " -> " + outputs() + ", " + activation.id() + (hasBias() ? ", bias)" : ", no bias)");
    }
}
