package dev.backprop.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Model;
import dev.backprop.nn.Network;
import dev.backprop.nn.TrainingHistory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model file: versioned, human-readable JSON, read and written without Java serialisation.
 *
 * <pre>
 * {"format": "backprop-model", "version": 1,
 *  "inputs": ["sleep", "study"], "outputs": ["score"], "loss": "sse",
 *  "layers": [
 *    {"activation": "sigmoid", "bias": null, "weights": [[0.5, -0.3, 0.8], [-0.1, 0.4, 0.2]]},
 *    {"activation": "sigmoid", "bias": null, "weights": [[0.7], [-0.6], [0.3]]}],
 *  "inputScaling": {"method": "minmax", "min": [3, 1], "max": [10, 5]},
 *  "outputScaling": {"method": "minmax", "min": [75], "max": [93]}}
 * </pre>
 * Weights are rows = inputs, columns = outputs; {@code bias} is null or one number per output. {@code inputs},
 * {@code outputs}, {@code loss} (default sse) and the scalings (default none) may be left out of a hand-written file.
 * Doubles are written in Java's shortest round-trip form, so a saved model loads bit-identical.
 */
public final class ModelFile {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "backprop-model";
    /** The newest version this code writes and reads. */
    public static final int VERSION = 1;
    /** Larger networks are refused before any array is allocated. */
    public static final long MAX_PARAMETERS = 200_000_000L;

    /** Reads and writes every model and checkpoint file: nesting at most 64 deep. */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ModelFile() {
    }

    /**
     * Reads the model in {@code file}, checked against the JVM's heap ({@link MemoryBudget#heap()}) as
     * {@link #read(Path, MemoryBudget)} says.
     *
     * @param file a model file written by {@link #write} (this or an earlier format version)
     * @return the model, with its preprocessor and history if the file has them
     * @throws InvalidModelException naming the file and what is wrong with it
     * @throws IOException           if it cannot be read
     */
    public static Model read(Path file) throws IOException {
        return read(file, MemoryBudget.heap());
    }

    /**
     * Reads the model in {@code file}, which must be a regular file (not a FIFO or a device). Before its text is read,
     * one streaming pass bounds what reading it costs: at most {@link #MAX_PARAMETERS} numbers, at most a few other
     * JSON values per number, and its text and tree within {@code budget}.
     *
     * @param file   a model file written by {@link #write} (this or an earlier format version)
     * @param budget the memory reading it may take
     * @return the model, with its preprocessor and history if the file has them
     * @throws InvalidModelException                 naming the file and what is wrong with it
     * @throws dev.backprop.linalg.TooLargeException naming the file, if reading it would not fit the budget
     * @throws IOException                           if it cannot be read
     */
    public static Model read(Path file, MemoryBudget budget) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidModelException(file + ": is a directory, not a model file");
        }
        try {
            JsonFileBounds.check(file, MAX_PARAMETERS, "the model", budget);
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (InvalidModelException e) {
            throw new InvalidModelException(file + ": " + e.getMessage());
        } catch (TooLargeException e) {
            throw e.prefixed(file + ": ");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidModelException(file + ": not a model file (not UTF-8 text)");
        }
    }

    /**
     * Parses a model from JSON text.
     *
     * @param json the text of a model file
     * @return the model
     * @throws InvalidModelException saying what is wrong
     */
    public static Model parse(String json) {
        return fromNode(readTree(json));
    }

    /**
     * The JSON tree of {@code json}, nested at most 64 deep.
     *
     * @throws InvalidModelException with Jackson's reason on one line if it is not valid JSON
     */
    static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's messages can quote the input across lines; an error must stay one line.
            if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException
                    && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw new InvalidModelException("text after the end of the JSON object"
                        + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "")
                        + ": a model file holds exactly one JSON object");
            }
            String reason = e.getOriginalMessage().replaceAll("\\s+", " ").strip()
                    .replaceAll(": enable `JsonReadFeature\\.[A-Z_]+` to allow", " (JSON numbers must be finite)");
            throw new InvalidModelException("not valid JSON: " + reason
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
    }

    /** JSON text of a tree, indented, ending in a newline. */
    static String writeTree(JsonNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * A model from its JSON tree, as {@link #parse}.
     *
     * @throws InvalidModelException saying what is wrong
     */
    static Model fromNode(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidModelException("expected a JSON object with \"format\": \"" + FORMAT + "\"");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new InvalidModelException("\"format\" must be \"" + FORMAT + "\" but was " + root.get("format"));
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() < 1 || version.intValue() > VERSION) {
            throw new InvalidModelException("\"version\" must be 1 to " + VERSION + " but was " + version
                    + " (a newer backprop may have written this file)");
        }
        Loss loss = root.hasNonNull("loss") ? parseEnum(root.get("loss"), "loss", Loss::fromId) : Loss.SSE;
        JsonNode layersNode = root.get("layers");
        if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
            throw new InvalidModelException("\"layers\" must be a non-empty array");
        }
        List<DenseLayer> layers = new ArrayList<>();
        long parameters = 0;
        for (int l = 0; l < layersNode.size(); l++) {
            DenseLayer layer = parseLayer(layersNode.get(l), l + 1, parameters);
            if (l > 0 && layers.get(l - 1).outputs() != layer.inputs()) {
                throw new InvalidModelException("layer " + (l + 1) + " has " + layer.inputs()
                        + " weight rows but layer " + l + " has " + layers.get(l - 1).outputs()
                        + " outputs: expected " + layers.get(l - 1).outputs() + " rows");
            }
            parameters += (long) layer.inputs() * layer.outputs() + layer.outputs();
            layers.add(layer);
        }
        Network network;
        try {
            network = Network.of(layers, loss);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(e.getMessage());
        }
        int m = network.architecture().inputs();
        int k = network.architecture().outputs();
        List<String> inputs = names(root.get("inputs"), "inputs", "x", m);
        List<String> outputs = names(root.get("outputs"), "outputs", "y", k);
        Scaling inputScaling = scaling(root.get("inputScaling"), "inputScaling", m);
        Scaling outputScaling = scaling(root.get("outputScaling"), "outputScaling", k);
        Preprocessor preprocessor = PreprocessingJson.read(root.get("preprocessing"));
        TrainingHistory history = history(root.get("training"));
        try {
            return new Model(network, inputs, outputs, inputScaling, outputScaling, preprocessor, history);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(e.getMessage());
        }
    }

    private static DenseLayer parseLayer(JsonNode node, int number, long parametersSoFar) {
        String where = "layer " + number;
        if (node == null || !node.isObject()) {
            throw new InvalidModelException(where + " must be an object with \"activation\", \"bias\", \"weights\"");
        }
        Activation activation = node.hasNonNull("activation")
                ? parseEnum(node.get("activation"), where + " activation", Activation::fromId) : Activation.SIGMOID;
        JsonNode weightsNode = node.get("weights");
        if (weightsNode == null || !weightsNode.isArray() || weightsNode.isEmpty()
                || !weightsNode.get(0).isArray() || weightsNode.get(0).isEmpty()) {
            throw new InvalidModelException(where + ": \"weights\" must be a non-empty array of rows (one per input)");
        }
        int rows = weightsNode.size();
        int cols = weightsNode.get(0).size();
        if (parametersSoFar + (long) rows * cols > MAX_PARAMETERS) {
            throw new InvalidModelException(where + ": the model would have more than " + MAX_PARAMETERS
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
                weights[i * cols + j] = number(row.get(j), where + " weight [" + (i + 1) + "][" + (j + 1) + "]");
            }
        }
        double[] bias = null;
        JsonNode biasNode = node.get("bias");
        if (biasNode != null && !biasNode.isNull()) {
            if (!biasNode.isArray() || biasNode.size() != cols) {
                throw new InvalidModelException(where + ": \"bias\" must be null or " + cols
                        + " numbers (one per output) but has " + (biasNode.isArray() ? biasNode.size() : "no array"));
            }
            bias = new double[cols];
            for (int j = 0; j < cols; j++) {
                bias[j] = number(biasNode.get(j), where + " bias [" + (j + 1) + "]");
            }
        }
        return new DenseLayer(Matrix.wrap(rows, cols, weights), bias, activation);
    }

    static double number(JsonNode node, String where) {
        if (node == null || !node.isNumber()) {
            throw new InvalidModelException(where + " must be a number but was " + node);
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw new InvalidModelException(where + " is not finite");
        }
        return v;
    }

    static <T> T parseEnum(JsonNode node, String where, java.util.function.Function<String, T> parser) {
        if (!node.isTextual()) {
            throw new InvalidModelException(where + " must be a string but was " + node);
        }
        try {
            return parser.apply(node.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(where + ": " + e.getMessage());
        }
    }

    private static List<String> names(JsonNode node, String field, String prefix, int expected) {
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            for (int j = 0; j < expected; j++) {
                names.add(prefix + (j + 1));
            }
            return names;
        }
        if (!node.isArray() || node.size() != expected) {
            throw new InvalidModelException("\"" + field + "\" must list " + expected + " column names but has "
                    + (node.isArray() ? node.size() : "no array"));
        }
        for (JsonNode name : node) {
            if (!name.isTextual()) {
                throw new InvalidModelException("\"" + field + "\" must hold strings but has " + name);
            }
            names.add(name.asText());
        }
        return names;
    }

    private static Scaling scaling(JsonNode node, String field, int columns) {
        if (node == null || node.isNull()) {
            return Scaling.none(columns);
        }
        if (!node.isObject() || !node.hasNonNull("method")) {
            throw new InvalidModelException("\"" + field + "\" must be null or an object with a \"method\"");
        }
        ScalingMethod method = parseEnum(node.get("method"), field + " method", ScalingMethod::fromId);
        if (method == ScalingMethod.NONE) {
            return Scaling.none(columns);
        }
        double[] max = vector(node.get("max"), field + " max", columns);
        double[] min = method == ScalingMethod.MINMAX ? vector(node.get("min"), field + " min", columns)
                : new double[columns];
        return Scaling.of(method, min, max);
    }

    private static double[] vector(JsonNode node, String where, int expected) {
        if (node == null || !node.isArray() || node.size() != expected) {
            throw new InvalidModelException(where + " must be " + expected + " numbers but has "
                    + (node != null && node.isArray() ? node.size() : "no array"));
        }
        double[] v = new double[expected];
        for (int j = 0; j < expected; j++) {
            v[j] = number(node.get(j), where + " [" + (j + 1) + "]");
        }
        return v;
    }

    /**
     * The model as JSON text, in the layout above.
     *
     * @param model the model; not modified
     * @return the JSON text, numbers written so that reading them back gives the same bits
     */
    public static String toJson(Model model) {
        return writeTree(toNode(model));
    }

    /** The model's JSON tree, in the layout above. */
    static ObjectNode toNode(Model model) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode inputs = root.putArray("inputs");
        model.inputs().forEach(inputs::add);
        ArrayNode outputs = root.putArray("outputs");
        model.outputs().forEach(outputs::add);
        Network network = model.network();
        root.put("task", model.task().id());
        root.put("loss", network.loss().id());
        Architecture architecture = network.architecture();
        root.put("architecture", architecture.toString());
        ArrayNode layers = root.putArray("layers");
        for (DenseLayer layer : network.layers()) {
            ObjectNode node = layers.addObject();
            node.put("activation", layer.activation().id());
            double[] bias = layer.bias();
            if (bias == null) {
                node.putNull("bias");
            } else {
                ArrayNode b = node.putArray("bias");
                for (double v : bias) {
                    b.add(v);
                }
            }
            ArrayNode weights = node.putArray("weights");
            for (double[] row : layer.weights().toRows()) {
                ArrayNode r = weights.addArray();
                for (double v : row) {
                    r.add(v);
                }
            }
        }
        root.set("inputScaling", scalingNode(model.inputScaling()));
        root.set("outputScaling", scalingNode(model.outputScaling()));
        if (model.preprocessor() != null) {
            root.set("preprocessing", PreprocessingJson.write(model.preprocessor()));
        }
        if (model.history() != null) {
            root.set("training", historyNode(model.history()));
        }
        return root;
    }

    private static ObjectNode scalingNode(Scaling scaling) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("method", scaling.method().id());
        if (scaling.method() == ScalingMethod.MINMAX) {
            ArrayNode min = node.putArray("min");
            for (double v : scaling.min()) {
                min.add(v);
            }
        }
        if (scaling.method() != ScalingMethod.NONE) {
            ArrayNode max = node.putArray("max");
            for (double v : scaling.max()) {
                max.add(v);
            }
        }
        return node;
    }

    private static ObjectNode historyNode(TrainingHistory history) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("stopReason", history.stopReason());
        node.put("epochs", history.epochs());
        node.put("bestEpoch", history.bestEpoch());
        node.put("finalLoss", history.finalLoss());
        ObjectNode settings = node.putObject("settings");
        history.settings().forEach(settings::put);
        ArrayNode loss = node.putArray("lossHistory");
        for (double v : history.lossHistory()) {
            loss.add(v);
        }
        ArrayNode validation = node.putArray("validationLossHistory");
        for (double v : history.validationLossHistory()) {
            validation.add(v);
        }
        return node;
    }

    /** The "training" section: optional and informational, so a damaged one is dropped rather than refused. */
    private static TrainingHistory history(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("stopReason").isTextual()
                || !node.path("lossHistory").isArray()) {
            return null;
        }
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        node.path("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        return new TrainingHistory(node.get("stopReason").asText(), node.path("epochs").asInt(),
                node.path("bestEpoch").asInt(), node.path("finalLoss").asDouble(Double.NaN),
                numbers(node.get("lossHistory")), numbers(node.path("validationLossHistory")), settings);
    }

    private static double[] numbers(JsonNode array) {
        double[] out = new double[array.isArray() ? array.size() : 0];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble(Double.NaN);
        }
        return out;
    }

    /**
     * Writes {@code model} to {@code file} atomically: a crash leaves the old file or the new one, never half.
     *
     * @param model the model; not modified
     * @param file  the destination; its directory must exist
     * @throws IOException if the file cannot be written; the old file, if any, is then left as it was
     */
    public static void write(Model model, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(model));
    }
}
