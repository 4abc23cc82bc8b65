package dev.backprop.spark;

import dev.backprop.nn.Activation;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.Loss;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Architecture} in a form Spark can ship to executors: the core's types are not {@link Serializable}, and
 * the core stays free of Spark's concerns. Executors rebuild the architecture once per task.
 */
final class ArchitectureShape implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] inputs;
    private final int[] outputs;
    private final Activation[] activations;
    private final boolean[] bias;
    private final Loss loss;

    private ArchitectureShape(int[] inputs, int[] outputs, Activation[] activations, boolean[] bias, Loss loss) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.activations = activations;
        this.bias = bias;
        this.loss = loss;
    }

    /** The shape of {@code architecture} with its loss replaced by {@code loss}. */
    static ArchitectureShape of(Architecture architecture, Loss loss) {
        int depth = architecture.depth();
        int[] inputs = new int[depth];
        int[] outputs = new int[depth];
        Activation[] activations = new Activation[depth];
        boolean[] bias = new boolean[depth];
        for (int l = 0; l < depth; l++) {
            LayerSpec spec = architecture.layer(l);
            inputs[l] = spec.inputs();
            outputs[l] = spec.outputs();
            activations[l] = spec.activation();
            bias[l] = spec.bias();
        }
        return new ArchitectureShape(inputs, outputs, activations, bias, loss);
    }

    Architecture toArchitecture() {
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < inputs.length; l++) {
            layers.add(new LayerSpec(inputs[l], outputs[l], activations[l], bias[l]));
        }
        return new Architecture(layers, loss);
    }
}
