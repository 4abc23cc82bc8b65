package dev.backprop.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.linalg.Matrix;

import java.util.Map;

/** Building the one JSON object a command prints with {@code --format json}. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** An object of {@code fields}, in their order: strings, numbers and nulls as JSON writes them. */
    static ObjectNode object(Map<String, ?> fields) {
        ObjectNode node = object();
        fields.forEach((key, value) -> node.set(key, MAPPER.valueToTree(value)));
        return node;
    }

    /** A matrix as an array of rows. */
    static ArrayNode matrix(Matrix m) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < m.rows(); i++) {
            ArrayNode row = rows.addArray();
            for (int j = 0; j < m.cols(); j++) {
                row.add(m.get(i, j));
            }
        }
        return rows;
    }

    /** A vector as an array, or JSON null for a null vector. */
    static com.fasterxml.jackson.databind.JsonNode vector(double[] v) {
        if (v == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (double x : v) {
            array.add(x);
        }
        return array;
    }

    static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
