package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Scaling;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.model.Model;
import dev.backprop.model.TrainingHistory;
import dev.backprop.nn.Network;

import java.io.IOException;
import java.io.OutputStream;
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
 * Doubles are written in Java's shortest round-trip form, so a saved model loads bit-identical. This class holds the
 * envelope (format, version, column names) and the file; each part's JSON is its own class: {@code NetworkJson},
 * {@code ScalingJson}, {@code PreprocessingJson}, {@code HistoryJson}.
 */
public final class ModelFile {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "backprop-model";
    /** The newest version this code writes and reads. */
    public static final int VERSION = 1;
    /** Larger networks are refused before any array is allocated. */
    public static final long MAX_PARAMETERS = 200_000_000L;

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
        return JsonFileBounds.read(file, MAX_PARAMETERS, "a model file", "the model", budget, ModelFile::parse);
    }

    /**
     * Parses a model from JSON text.
     *
     * @param json the text of a model file
     * @return the model
     * @throws InvalidModelException saying what is wrong
     */
    public static Model parse(String json) {
        return fromNode(Json.readTree(json));
    }

    /**
     * Parses a model from JSON text read from {@code name}, a place the core does not open itself (a Hadoop URI, say).
     *
     * @param json the text of a model file
     * @param name where it was read from, for the message
     * @return the model
     * @throws InvalidModelException naming {@code name} and saying what is wrong
     */
    public static Model parse(String json, String name) {
        try {
            return parse(json);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(name + ": " + e.getMessage());
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
            throw new InvalidModelException("\"format\" must be \"" + FORMAT + "\" but was " + root.get("format")
                    + (CheckpointFile.FORMAT.equals(root.path("format").asText(null))
                    ? ": a training checkpoint, not a model; its run's model is written beside it (train --out), "
                            + "and train --resume continues the run" : ""));
        }
        Json.requireVersion(root.get("version"), VERSION);
        Network network = NetworkJson.read(root);
        int m = network.architecture().inputs();
        int k = network.architecture().outputs();
        List<String> inputs = names(root.get("inputs"), "inputs", "x", m);
        List<String> outputs = names(root.get("outputs"), "outputs", "y", k);
        Scaling inputScaling = ScalingJson.read(root.get("inputScaling"), "inputScaling", m);
        Scaling outputScaling = ScalingJson.read(root.get("outputScaling"), "outputScaling", k);
        Preprocessor preprocessor = PreprocessingJson.read(root.get("preprocessing"));
        TrainingHistory history = HistoryJson.read(root.get("training"));
        try {
            return new Model(network, inputs, outputs, inputScaling, outputScaling, preprocessor, history);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(e.getMessage());
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

    /**
     * The model as JSON text, in the layout above.
     *
     * @param model the model; not modified
     * @return the JSON text, numbers written so that reading them back gives the same bits
     * @throws IllegalArgumentException if a weight or bias is NaN or infinite (a hand-made network's), which no model
     *                                  file may hold
     */
    public static String toJson(Model model) {
        return Json.writeTree(toNode(model));
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
        root.put("task", model.task().id());
        NetworkJson.write(model.network(), root);
        root.set("inputScaling", ScalingJson.write(model.inputScaling()));
        root.set("outputScaling", ScalingJson.write(model.outputScaling()));
        if (model.preprocessor() != null) {
            root.set("preprocessing", PreprocessingJson.write(model.preprocessor()));
        }
        if (model.history() != null) {
            root.set("training", HistoryJson.write(model.history()));
        }
        return root;
    }

    /**
     * Writes {@code model} to {@code file} atomically: a crash leaves the old file or the new one, never half.
     *
     * @param model the model; not modified
     * @param file  the destination; its directory must exist
     * @throws IOException if the file cannot be written; the old file, if any, is then left as it was
     * @throws IllegalArgumentException as {@link #toJson}, before anything is written
     */
    public static void write(Model model, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(model, out));
    }

    /**
     * Writes {@code model}'s JSON text ({@link #toJson}'s bytes, UTF-8) to {@code out} as a stream: its weights go
     * straight from the network's matrices, so writing needs no memory in proportion to the model's size.
     *
     * @param model the model; not modified
     * @param out   the destination; flushed, not closed
     * @throws IOException if writing fails
     * @throws IllegalArgumentException as {@link #toJson}, before anything is written
     */
    public static void write(Model model, OutputStream out) throws IOException {
        Json.writeTree(toNode(model), out);
    }
}
