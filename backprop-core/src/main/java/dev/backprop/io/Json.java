package dev.backprop.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON text to tree and back for the model and checkpoint files, and the checked reading of their values: every
 * failure is an {@link InvalidModelException} on one line that says where.
 */
final class Json {
    /**
     * Reads and writes every model and checkpoint file: nesting at most 64 deep, and no field twice in one object (a
     * tree keeps the last of them silently, so a file edited or merged by hand could compute with the second
     * {@code "activation"} of a layer while it reads as the first).
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Jackson's message for a field named twice in one object. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private Json() {
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
            String line = e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "";
            if (e instanceof MismatchedInputException
                    && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw new InvalidModelException("text after the end of the JSON object" + line
                        + ": a model file holds exactly one JSON object");
            }
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.matches()) {
                throw new InvalidModelException("the field '" + duplicate.group(1).replaceAll("\\p{Cntrl}", "?")
                        + "' appears twice in one object" + line + ": which one is meant is not known");
            }
            String reason = e.getOriginalMessage().replaceAll("\\s+", " ").strip()
                    .replaceAll(": enable `JsonReadFeature\\.[A-Z_]+` to allow", " (JSON numbers must be finite)");
            throw new InvalidModelException("not valid JSON: " + reason + line);
        }
    }

    /**
     * Checks a file's {@code version} field.
     *
     * @param version the field's value; null if absent
     * @param newest  the newest version this code reads (it reads every version from 1)
     * @throws InvalidModelException saying what was found, and that a newer backprop wrote the file if the version is
     *                               a whole number above {@code newest}
     */
    static void requireVersion(JsonNode version, int newest) {
        if (version != null && version.isInt() && version.intValue() >= 1 && version.intValue() <= newest) {
            return;
        }
        boolean newer = version != null && version.isIntegralNumber()
                && version.bigIntegerValue().compareTo(BigInteger.valueOf(newest)) > 0;
        throw new InvalidModelException("\"version\" must be " + (newest == 1 ? "1" : "1 to " + newest) + " but was "
                + version + (newer ? " (a newer backprop wrote this file: upgrade backprop to read it)" : ""));
    }

    /**
     * Writes a tree as {@link #writeTree(JsonNode)} does, straight to {@code out}, so that no text of the whole file is
     * held in memory (a model's weights are streamed from their matrices, {@link ParameterRows}).
     *
     * @param root the tree
     * @param out  the destination; flushed, not closed
     * @throws IOException if writing fails
     */
    static void writeTree(JsonNode root, OutputStream out) throws IOException {
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            MAPPER.writeValue(generator, root);
            generator.writeRaw('\n');
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
     * A finite number.
     *
     * @throws InvalidModelException naming {@code where} if the node is absent, not a number or not finite
     */
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

    /**
     * A string turned into a value by {@code parser} (an enum's {@code fromId}).
     *
     * @throws InvalidModelException naming {@code where} if the node is not a string or the parser refuses it
     */
    static <T> T parseEnum(JsonNode node, String where, Function<String, T> parser) {
        if (!node.isTextual()) {
            throw new InvalidModelException(where + " must be a string but was " + node);
        }
        try {
            return parser.apply(node.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(where + ": " + e.getMessage());
        }
    }
}
