package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.model.Model;
import dev.backprop.train.Checkpoint;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingState;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint file: a paused training run as JSON, written atomically.
 *
 * <pre>
 * {"format": "backprop-checkpoint", "version": 1,
 *  "config": {"hidden": [3], "activation": "sigmoid", ..., "seed": 42, "optimizer": "adam", ...},
 *  "dataFingerprint": "9c1f...",
 *  "context": {"args": ["data.csv", "--epochs", "500"], ...},
 *  "state": {"epochs": 120, "batchStart": 0, "parameters": [...], "optimizerState": [...], "learningRate": 0.001,
 *            "bestLoss": 0.02, "bestEpoch": 118, "lossHistory": [...], "shuffleRandom": [s, γ], ...},
 *  "model": {a model file's object at the state's weights},
 *  "sha256": "3f0a..."}
 * </pre>
 * The last field is the SHA-256 of the file's bytes through its name ({@code CheckpointDigest}): a checkpoint changed after it
 * was written is refused. One written before checkpoints carried it is read without the check.
 * Doubles are written in Java's round-trip form and generator states as integers, so a checkpoint read back
 * continues bit-identically. A +∞ best loss (before the first epoch) is written as null.
 */
public final class CheckpointFile {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "backprop-checkpoint";
    /** The newest version this code writes and reads. */
    public static final int VERSION = 1;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CheckpointFile() {
    }

    /**
     * Writes {@code checkpoint} to {@code file} atomically: a crash leaves the old file or the new one.
     *
     * @param checkpoint the checkpoint; not modified
     * @param file       the destination; its directory must exist
     * @throws IOException if the file cannot be written; the old file, if any, is then left as it was
     */
    public static void write(Checkpoint checkpoint, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(checkpoint, out));
    }

    /**
     * Writes {@code checkpoint}'s JSON text to {@code out} as a stream (its weights straight from their arrays), its
     * digest ({@code sha256}) computed from the bytes as they pass.
     */
    private static void write(Checkpoint checkpoint, OutputStream out) throws IOException {
        MessageDigest digest = CheckpointDigest.sha256();
        ObjectNode root = toNode(checkpoint);
        root.set(CheckpointDigest.FIELD, F.pojoNode(new CheckpointDigest(digest)));
        Json.writeTree(root, new DigestOutputStream(out, digest));
    }

    /**
     * Reads the checkpoint in {@code file}, as {@link #readContents}.
     *
     * @param file a checkpoint file written by {@link #write}
     * @return the checkpoint
     * @throws InvalidModelException                 naming the file and what is wrong with it, or saying that it was
     *                                               changed after it was written
     * @throws dev.backprop.linalg.TooLargeException naming the file, if reading it would not fit the heap
     * @throws IOException                           if it cannot be read
     */
    public static Checkpoint read(Path file) throws IOException {
        return readContents(file).checkpoint();
    }

    /**
     * Reads the checkpoint in {@code file}, checked against the JVM's heap as a model file is
     * ({@link ModelFile#read(Path, MemoryBudget)}): a regular file, at most a few JSON values per number, its text and
     * tree within {@link MemoryBudget#heap()}; and, if it carries a digest, against the digest.
     *
     * @param file a checkpoint file written by {@link #write}
     * @return the checkpoint, and whether its digest was checked
     * @throws InvalidModelException                 naming the file and what is wrong with it, or saying that it was
     *                                               changed after it was written
     * @throws dev.backprop.linalg.TooLargeException naming the file, if reading it would not fit the heap
     * @throws IOException                           if it cannot be read
     */
    public static Contents readContents(Path file) throws IOException {
        return JsonFileBounds.read(file, Long.MAX_VALUE, "a checkpoint", "the checkpoint", MemoryBudget.heap(),
                CheckpointFile::contents);
    }

    /**
     * The checkpoint as JSON text: the bytes {@link #write} writes, decoded.
     *
     * @param checkpoint the checkpoint; not modified
     * @return the JSON text, numbers written so that reading them back gives the same bits, ending in its digest
     */
    public static String toJson(Checkpoint checkpoint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(checkpoint, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a checkpoint could not be written to memory", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * A checkpoint as read from its file.
     *
     * @param checkpoint the checkpoint
     * @param digested   whether the file carried the digest every checkpoint is written with, and matched it; false
     *                   for a checkpoint written before checkpoints carried one, in which a change cannot be detected
     */
    public record Contents(Checkpoint checkpoint, boolean digested) {
    }

    /** The checkpoint's JSON tree, its model's weights streamed when it is written ({@link ParameterRows}). */
    private static ObjectNode toNode(Checkpoint checkpoint) {
        ObjectNode root = F.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("config", ConfigJson.toNode(checkpoint.config()));
        root.put("dataFingerprint", Long.toHexString(checkpoint.dataFingerprint()));
        ObjectNode context = root.putObject("context");
        checkpoint.context().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ArrayNode values = context.putArray(e.getKey());
            e.getValue().forEach(values::add);
        });
        root.set("state", state(checkpoint.state()));
        root.set("model", ModelFile.toNode(checkpoint.model()));
        return root;
    }

    /**
     * Parses a checkpoint from JSON text.
     *
     * @param json the text of a checkpoint file
     * @return the checkpoint
     * @throws InvalidModelException saying what is wrong, or that the text was changed after it was written (its
     *                               digest does not match)
     */
    public static Checkpoint parse(String json) {
        return contents(json).checkpoint();
    }

    /** The checkpoint in {@code json}, its digest checked if it has one. */
    private static Contents contents(String json) {
        JsonNode root = Json.readTree(json);
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new InvalidModelException("not a checkpoint: expected a JSON object with \"format\": \"" + FORMAT
                    + "\"");
        }
        Json.requireVersion(root.get("version"), VERSION);
        boolean digested = CheckpointDigest.verify(json, root);
        TrainerConfig config = ConfigJson.fromNode(object(root, "config"));
        long fingerprint;
        try {
            fingerprint = Long.parseUnsignedLong(root.path("dataFingerprint").asText(""), 16);
        } catch (NumberFormatException e) {
            throw new InvalidModelException("\"dataFingerprint\" must be a hexadecimal number");
        }
        Map<String, List<String>> context = new LinkedHashMap<>();
        JsonNode contextNode = root.get("context");
        if (contextNode != null && !contextNode.isNull()) {
            if (!contextNode.isObject()) {
                throw new InvalidModelException("\"context\" must be an object of string arrays");
            }
            contextNode.fields().forEachRemaining(e -> context.put(e.getKey(), strings(e.getValue(),
                    "context " + e.getKey())));
        }
        TrainingState state = readState(object(root, "state"));
        Model model = ModelFile.fromNode(object(root, "model"));
        try {
            return new Contents(new Checkpoint(config, model, state, fingerprint, context), digested);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(e.getMessage());
        }
    }

    private static ObjectNode state(TrainingState s) {
        ObjectNode node = F.objectNode();
        node.put("epochs", s.epochs());
        node.put("batchStart", s.batchStart());
        node.put("epochLoss", s.epochLoss());
        node.put("epochLargestChange", s.epochLargestChange());
        node.put("learningRate", s.learningRate());
        node.put("epochsWithoutImprovement", s.epochsWithoutImprovement());
        if (Double.isFinite(s.bestLoss())) {
            node.put("bestLoss", s.bestLoss());
        } else {
            node.putNull("bestLoss");
        }
        node.put("bestEpoch", s.bestEpoch());
        node.set("parameters", doubles(s.parameters()));
        node.set("optimizerState", doubles(s.optimizerState()));
        node.set("bestParameters", doubles(s.bestParameters()));
        node.set("lastFiniteParameters", doubles(s.lastFiniteParameters()));
        node.set("lossHistory", doubles(s.lossHistory()));
        node.set("validationLossHistory", doubles(s.validationLossHistory()));
        node.set("splitRandom", longs(s.splitRandom()));
        node.set("shuffleRandom", longs(s.shuffleRandom()));
        node.set("dropoutRandom", longs(s.dropoutRandom()));
        if (s.rowOrder() == null) {
            node.putNull("rowOrder");
        } else {
            ArrayNode order = node.putArray("rowOrder");
            for (int i : s.rowOrder()) {
                order.add(i);
            }
        }
        return node;
    }

    private static TrainingState readState(JsonNode node) {
        JsonNode best = node.get("bestLoss");
        double bestLoss = best == null || best.isNull() ? Double.POSITIVE_INFINITY
                : Json.number(best, "state bestLoss");
        int[] order = null;
        JsonNode orderNode = node.get("rowOrder");
        if (orderNode != null && !orderNode.isNull()) {
            if (!orderNode.isArray()) {
                throw new InvalidModelException("state rowOrder must be null or an array of row numbers");
            }
            order = new int[orderNode.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = ConfigJson.integer(orderNode.get(i), "state rowOrder");
            }
        }
        double[] parameters = doubles(node.get("parameters"), "state parameters", false);
        try {
            return new TrainingState(ConfigJson.integer(node.get("epochs"), "state epochs"),
                    ConfigJson.integer(node.get("batchStart"), "state batchStart"),
                    Json.number(node.get("epochLoss"), "state epochLoss"),
                    Json.number(node.get("epochLargestChange"), "state epochLargestChange"),
                    parameters,
                    doubles(node.get("optimizerState"), "state optimizerState", false),
                    Json.number(node.get("learningRate"), "state learningRate"),
                    ConfigJson.integer(node.get("epochsWithoutImprovement"), "state epochsWithoutImprovement"),
                    bestLoss,
                    ConfigJson.integer(node.get("bestEpoch"), "state bestEpoch"),
                    doubles(node.get("bestParameters"), "state bestParameters", true),
                    doubles(node.get("lastFiniteParameters"), "state lastFiniteParameters", true),
                    doubles(node.get("lossHistory"), "state lossHistory", false),
                    doubles(node.get("validationLossHistory"), "state validationLossHistory", false),
                    longs(node.get("splitRandom"), "state splitRandom"),
                    longs(node.get("shuffleRandom"), "state shuffleRandom"),
                    order,
                    longs(node.get("dropoutRandom"), "state dropoutRandom"));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException("state: " + e.getMessage());
        }
    }

    private static JsonNode doubles(double[] values) {
        if (values == null) {
            return F.nullNode();
        }
        return F.pojoNode(new NumberArray(values, false));
    }

    private static double[] doubles(JsonNode node, String where, boolean nullable) {
        if (nullable && (node == null || node.isNull())) {
            return null;
        }
        if (node == null || !node.isArray()) {
            throw new InvalidModelException(where + " must be an array of numbers");
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Json.number(node.get(i), where + " [" + (i + 1) + "]");
        }
        return values;
    }

    private static JsonNode longs(long[] values) {
        ArrayNode array = F.arrayNode(values.length);
        for (long v : values) {
            array.add(v);
        }
        return array;
    }

    private static long[] longs(JsonNode node, String where) {
        if (node == null || !node.isArray()) {
            throw new InvalidModelException(where + " must be an array of integers");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ConfigJson.longInteger(node.get(i), where);
        }
        return values;
    }

    private static List<String> strings(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new InvalidModelException(where + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw new InvalidModelException(where + " must be an array of strings");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static ObjectNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new InvalidModelException("\"" + field + "\" must be an object");
        }
        return (ObjectNode) node;
    }
}
