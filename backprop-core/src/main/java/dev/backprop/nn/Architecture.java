package dev.backprop.nn;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A network's structure: its stack of layers and its loss, with the layout of all parameters in one flat vector.
 *
 * <p>Layout: for each layer in order, W row-major (inputs x outputs) then b (outputs values) if the layer has one. One
 * flat vector lets every optimizer (including L-BFGS) treat the network as a point in ℝ^P. Immutable; serializable, so
 * that a distributed trainer can ship it to its workers (the serialized form is no storage format: the model file is).
 *
 * @serial exclude
 */
public final class Architecture implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Networks larger than this are refused: the flat parameter vector is one Java array. */
    public static final long MAX_PARAMETERS = Integer.MAX_VALUE - 16;

    private final List<LayerSpec> layers;
    private final Loss loss;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int parameterCount;

    /**
     * @param layers the layers from the input side to the output; copied, at least one
     * @param loss   the training loss, suited to the last layer's activation
     * @throws IllegalArgumentException if there are no layers, consecutive layers do not chain (layer l's outputs
     *                                  must equal layer l+1's inputs), the network has too many parameters, a
     *                                  hidden layer uses softmax, or the loss does not suit the output activation
     *                                  ({@link Loss#checkOutput})
     */
    public Architecture(List<LayerSpec> layers, Loss loss) {
        this.layers = List.copyOf(layers);
        this.loss = Objects.requireNonNull(loss, "loss");
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        weightOffsets = new int[this.layers.size()];
        biasOffsets = new int[this.layers.size()];
        long offset = 0;
        for (int l = 0; l < this.layers.size(); l++) {
            LayerSpec spec = this.layers.get(l);
            if (l > 0 && this.layers.get(l - 1).outputs() != spec.inputs()) {
                throw new IllegalArgumentException("layer " + l + " has " + this.layers.get(l - 1).outputs()
                        + " outputs while layer " + (l + 1) + " takes " + spec.inputs() + " inputs");
            }
            weightOffsets[l] = (int) Math.min(offset, Integer.MAX_VALUE);
            offset += (long) spec.inputs() * spec.outputs();
            biasOffsets[l] = spec.bias() ? (int) Math.min(offset, Integer.MAX_VALUE) : -1;
            offset += spec.bias() ? spec.outputs() : 0;
            if (offset > MAX_PARAMETERS) {
                throw new IllegalArgumentException("the network would have more than " + MAX_PARAMETERS
                        + " parameters, which is more than one array can hold");
            }
        }
        parameterCount = (int) offset;
        int last = this.layers.size() - 1;
        for (int l = 0; l < last; l++) {
            if (!this.layers.get(l).activation().elementWise()) {
                throw new IllegalArgumentException(this.layers.get(l).activation().id() + " is an output activation"
                        + " but layer " + (l + 1) + " of " + this.layers.size() + " uses it");
            }
        }
        loss.checkOutput(this.layers.get(last).activation(), this.layers.get(last).outputs());
    }

    /**
     * The layers from the input side to the output.
     *
     * @return an unmodifiable list of at least one layer
     */
    public List<LayerSpec> layers() {
        return layers;
    }

    /**
     * Layer {@code l}, 0 being the one fed by the inputs.
     *
     * @param l layer index in [0, {@link #depth()})
     * @return the layer's specification
     * @throws IndexOutOfBoundsException if l is out of range
     */
    public LayerSpec layer(int l) {
        return layers.get(l);
    }

    /**
     * The number of layers (hidden layers plus the output layer).
     *
     * @return ≥ 1
     */
    public int depth() {
        return layers.size();
    }

    /**
     * The loss the network is trained with.
     *
     * @return the loss, never null
     */
    public Loss loss() {
        return loss;
    }

    /**
     * The number of inputs, the first layer's {@link LayerSpec#inputs()}.
     *
     * @return ≥ 1
     */
    public int inputs() {
        return layers.get(0).inputs();
    }

    /**
     * The number of outputs, the last layer's {@link LayerSpec#outputs()}.
     *
     * @return ≥ 1
     */
    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /**
     * P, the length of the flat parameter vector: Σ over layers of inputs x outputs (+ outputs with a bias).
     *
     * @return P in [0, {@link #MAX_PARAMETERS}]
     */
    public int parameterCount() {
        return parameterCount;
    }

    /**
     * Offset of layer l's W in the flat parameter vector.
     *
     * @param l layer index in [0, {@link #depth()})
     * @return index of W⁽ˡ⁾'s first entry
     */
    public int weightOffset(int l) {
        return weightOffsets[l];
    }

    /**
     * Offset of layer l's b in the flat parameter vector, or -1 if it has none.
     *
     * @param l layer index in [0, {@link #depth()})
     * @return index of b⁽ˡ⁾'s first entry, or -1
     */
    public int biasOffset(int l) {
        return biasOffsets[l];
    }

    /**
     * The widest layer's output count, for sizing workspaces.
     *
     * @return the largest of the input count and every layer's output count
     */
    public int maxWidth() {
        int w = inputs();
        for (LayerSpec s : layers) {
            w = Math.max(w, s.outputs());
        }
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && layers.equals(a.layers) && loss == a.loss;
    }

    @Override
    public int hashCode() {
        return Objects.hash(layers, loss);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(inputs());
        for (LayerSpec s : layers) {
            sb.append(" -> ").append(s.outputs()).append(' ').append(s.activation().id()).append(s.bias() ? "+b" : "");
        }
        return sb.append(", loss ").append(loss.id()).toString();
    }
}
