package dev.backprop.onnx;

import dev.backprop.nn.Activation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Network;

import java.util.List;

/**
 * A {@link Network}'s forward pass as graph nodes: per layer z = a W + b (Gemm, or MatMul for a layer without bias)
 * and a = f(z). Weights and biases are double constants, W stored inputs x outputs as the core holds it.
 */
final class NetworkGraph {
    private NetworkGraph() {
    }

    /** Appends every layer of {@code network} to {@code graph}, reading {@code x}; returns the output's name. */
    static String append(GraphBuilder graph, Network network, String x) {
        String a = x;
        for (DenseLayer layer : network.layers()) {
            String w = graph.doubles("W", layer.weights().toArray(), layer.inputs(), layer.outputs());
            String z = layer.hasBias()
                    ? graph.node("Gemm", List.of(a, w, graph.doubles("b", layer.bias(), layer.outputs())))
                    : graph.node("MatMul", List.of(a, w));
            a = activation(graph, layer.activation(), z);
        }
        return a;
    }

    /**
     * f(z) for one layer. Leaky ReLU is written as Where(z &gt; 0, z, 0.01 z) with a double slope: the LeakyRelu
     * operator's alpha is a float attribute, and 0.01f differs from the core's 0.01 by 2e-8 relative.
     */
    private static String activation(GraphBuilder graph, Activation f, String z) {
        return switch (f) {
            case SIGMOID -> graph.node("Sigmoid", List.of(z));
            case TANH -> graph.node("Tanh", List.of(z));
            case RELU -> graph.node("Relu", List.of(z));
            case LEAKY_RELU -> {
                String positive = graph.node("Greater", List.of(z, graph.doubles("zero", new double[] {0.0})));
                String scaled = graph.node("Mul",
                        List.of(z, graph.doubles("leaky_slope", new double[] {Activation.LEAKY_SLOPE})));
                yield graph.node("Where", List.of(positive, z, scaled));
            }
            case LINEAR -> z;
            case SOFTMAX -> graph.node("Softmax", List.of(z), GraphBuilder.attribute("axis", -1));
        };
    }
}
