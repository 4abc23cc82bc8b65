package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.linalg.Elementwise;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * A model file's network: {@code "loss"}, {@code "precision"} (written for float32 networks only; absent means float64,
 * as in every file written before float32 existed) and {@code "layers"}, each layer {@code {"activation": "sigmoid",
 * "bias": null, "weights": [[...], ...]}} with one weight row per input and the bias null or one number per output. A
 * float32 network's parameters are written in their shortest float form ({@link FloatText}). The
 * parameters are counted as they are read, so a file asking for more than {@link ModelFile#MAX_PARAMETERS} is refused
 * before its weights are allocated.
 */
final class NetworkJson {
    private NetworkJson() {
    }

    /**
     * Adds the network's {@code loss} and {@code layers} to {@code root}.
     *
     * @throws IllegalArgumentException if a parameter is NaN or infinite, naming it as {@link #read} would
     */
    static void write(Network network, ObjectNode root) {
        List<DenseLayer> layerValues = network.layers();
        requireFinite(layerValues);
        root.put("loss", network.loss().id());
        root.put("architecture", network.architecture().toString());
        boolean single = network.precision() == Precision.FLOAT32;
        if (single) {
            root.put("precision", network.precision().id());
        }
        ArrayNode layers = root.putArray("layers");
        for (DenseLayer layer : layerValues) {
            ObjectNode node = layers.addObject();
            node.put("activation", layer.activation().id());
            double[] bias = layer.bias();
            if (bias == null) {
                node.putNull("bias");
            } else {
                node.putPOJO("bias", new NumberArray(bias, single));
            }
            node.putPOJO("weights", new ParameterRows(layer.weights(), single));
        }
    }

    /** A file holding a NaN or infinity is one {@link #read} refuses: it is not written. */
    private static void requireFinite(List<DenseLayer> layers) {
        for (int l = 0; l < layers.size(); l++) {
            Matrix weights = layers.get(l).weights();
            int at = weights.firstNonFinite();
            if (at >= 0) {
                int i = at / weights.cols();
                int j = at % weights.cols();
                throw new IllegalArgumentException("layer " + (l + 1) + " weight [" + (i + 1) + "][" + (j + 1)
                        + "] is " + weights.get(i, j) + ": a model file holds finite numbers only");
            }
            double[] bias = layers.get(l).bias();
            int j = bias == null ? -1 : Elementwise.firstNonFinite(bias);
            if (j >= 0) {
                throw new IllegalArgumentException("layer " + (l + 1) + " bias [" + (j + 1) + "] is " + bias[j]
                        + ": a model file holds finite numbers only");
            }
        }
    }

    /**
     * The network in {@code root}'s {@code loss} (sse if absent) and {@code layers}.
     *
     * @throws InvalidModelException saying which layer is wrong and how
     */
    static Network read(JsonNode root) {
        Loss loss = root.hasNonNull("loss") ? Json.parseEnum(root.get("loss"), "loss", Loss::fromId) : Loss.SSE;
        Precision precision = root.hasNonNull("precision")
                ? Json.parseEnum(root.get("precision"), "precision", Precision::fromId) : Precision.FLOAT64;
        JsonNode layersNode = root.get("layers");
        if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
            throw new InvalidModelException("\"layers\" must be a non-empty array");
        }
        List<DenseLayer> layers = new ArrayList<>();
        long parameters = 0;
        for (int l = 0; l < layersNode.size(); l++) {
            DenseLayer layer = layer(layersNode.get(l), l + 1, parameters);
            if (l > 0 && layers.get(l - 1).outputs() != layer.inputs()) {
                throw new InvalidModelException("layer " + (l + 1) + " has " + layer.inputs()
                        + " weight rows but layer " + l + " has " + layers.get(l - 1).outputs()
                        + " outputs: expected " + layers.get(l - 1).outputs() + " rows");
            }
            parameters += (long) layer.inputs() * layer.outputs() + layer.outputs();
            layers.add(layer);
        }
        try {
            Network network = Network.of(layers, loss);
            return precision == Precision.FLOAT64 ? network
                    : Network.of(network.architecture(), floats(network.parameters()), precision);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(e.getMessage());
        }
    }

    /** Each parameter replaced by the float its text was written from ({@link FloatText#read}). */
    private static double[] floats(double[] parsed) {
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = FloatText.read(parsed[i]);
            if (Double.isInfinite(parsed[i])) {
                throw new InvalidModelException("a parameter of this float32 network is outside float32's range "
                        + "(about ±3.4e38)");
            }
        }
        return parsed;
    }

    private static DenseLayer layer(JsonNode node, int number, long parametersSoFar) {
        String where = "layer " + number;
        if (node == null || !node.isObject()) {
            throw new InvalidModelException(where + " must be an object with \"activation\", \"bias\", \"weights\"");
        }
        Activation activation = node.hasNonNull("activation")
                ? Json.parseEnum(node.get("activation"), where + " activation", Activation::fromId)
                : Activation.SIGMOID;
        JsonNode weightsNode = node.get("weights");
        if (weightsNode == null || !weightsNode.isArray() || weightsNode.isEmpty()
                || !weightsNode.get(0).isArray() || weightsNode.get(0).isEmpty()) {
            throw new InvalidModelException(where + ": \"weights\" must be a non-empty array of rows (one per input)");
        }
        int rows = weightsNode.size();
        int cols = weightsNode.get(0).size();
        if (parametersSoFar + (long) rows * cols > ModelFile.MAX_PARAMETERS) {
            throw new InvalidModelException(where + ": the model would have more than " + ModelFile.MAX_PARAMETERS
                    + " parameters");
        }
        double[] weights = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            JsonNode row = weightsNode.get(i);
            if (!row.isArray() || row.size() != cols) {
                throw new InvalidModelException(where + ": weight row " + (i + 1) + " has "
                        + (row.isArray() ? row.size() + " values" : "no array") + " but row 1 has " + cols);
            }
            for (int j = 0; j < cols; j++) {
                weights[i * cols + j] = Json.number(row.get(j), where + " weight [" + (i + 1) + "][" + (j + 1) + "]");
            }
        }
        return new DenseLayer(Matrix.wrap(rows, cols, weights), bias(node.get("bias"), where, cols), activation);
    }

    /** The layer's bias: null, or one number per output. */
    private static double[] bias(JsonNode node, String where, int cols) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() != cols) {
            throw new InvalidModelException(where + ": \"bias\" must be null or " + cols
                    + " numbers (one per output) but has " + (node.isArray() ? node.size() : "no array"));
        }
        double[] bias = new double[cols];
        for (int j = 0; j < cols; j++) {
            bias[j] = Json.number(node.get(j), where + " bias [" + (j + 1) + "]");
        }
        return bias;
    }
}
