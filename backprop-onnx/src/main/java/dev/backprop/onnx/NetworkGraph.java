package dev.backprop.onnx;

import dev.backprop.linalg.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Network;
import dev.backprop.onnx.proto.OnnxProto.TensorProto;

import java.util.List;

/**
 * A {@link Network}'s forward pass as graph nodes: per layer z = a W + b (Gemm, or MatMul for a layer without bias)
 * and a = f(z). Weights and biases are constants in the network's precision, W stored inputs x outputs as the core
 * holds it. A float32 network computes in float as the core does: its input is cast to float once, its output back to
 * double for the output scaling.
 */
final class NetworkGraph {
    private NetworkGraph() {
    }

    /** Appends every layer of {@code network} to {@code graph}, reading {@code x}; returns the output's name. */
    static String append(GraphBuilder graph, Network network, String x) {
        Constants constants = network.precision() == Precision.FLOAT32 ? graph::floats : graph::doubles;
        String a = network.precision() == Precision.FLOAT32 ? cast(graph, x, TensorProto.DataType.FLOAT) : x;
        for (DenseLayer layer : network.layers()) {
            String w = constants.of("W", layer.weights().toArray(), layer.inputs(), layer.outputs());
            String z = layer.hasBias()
                    ? graph.node("Gemm", List.of(a, w, constants.of("b", layer.bias(), layer.outputs())))
                    : graph.node("MatMul", List.of(a, w));
            a = activation(graph, constants, layer.activation(), z);
        }
        return network.precision() == Precision.FLOAT32 ? cast(graph, a, TensorProto.DataType.DOUBLE) : a;
    }

    /** Constants of the network's element type: {@link GraphBuilder#doubles} or {@link GraphBuilder#floats}. */
    @FunctionalInterface
    private interface Constants {
        String of(String hint, double[] values, long... dims);
    }

    private static String cast(GraphBuilder graph, String x, TensorProto.DataType to) {
        return graph.node("Cast", List.of(x), GraphBuilder.attribute("to", to.getNumber()));
    }

    /**
     * f(z) for one layer. Leaky ReLU is written as Where(z &gt; 0, z, 0.01 z) with the slope in the network's precision:
     * the LeakyRelu operator's alpha is a float attribute, and 0.01f differs from the float64 core's 0.01 by 2e-8
     * relative.
     */
    private static String activation(GraphBuilder graph, Constants constants, Activation f, String z) {
        return switch (f) {
            case SIGMOID -> graph.node("Sigmoid", List.of(z));
            case TANH -> graph.node("Tanh", List.of(z));
            case RELU -> graph.node("Relu", List.of(z));
            case LEAKY_RELU -> {
                String positive = graph.node("Greater", List.of(z, constants.of("zero", new double[] {0.0})));
                String scaled = graph.node("Mul",
                        List.of(z, constants.of("leaky_slope", new double[] {Activation.LEAKY_SLOPE})));
                yield graph.node("Where", List.of(positive, z, scaled));
            }
            case LINEAR -> z;
            case SOFTMAX -> graph.node("Softmax", List.of(z), GraphBuilder.attribute("axis", -1));
        };
    }
}
