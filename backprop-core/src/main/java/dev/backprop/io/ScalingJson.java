package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;

/**
 * A model file's {@code inputScaling} and {@code outputScaling}: {@code {"method": "minmax", "min": [...], "max":
 * [...]}}, {@code min} only for min-max, {@code max} for minmax and max; {@code {"method": "standard", "mean": [...],
 * "sd": [...]}}; null or absent means none.
 */
final class ScalingJson {
    private ScalingJson() {
    }

    /** The scaling's JSON object. */
    static ObjectNode write(Scaling scaling) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("method", scaling.method().id());
        if (scaling.method() == ScalingMethod.STANDARD) {
            array(node.putArray("mean"), scaling.mean());
            array(node.putArray("sd"), scaling.standardDeviation());
            return node;
        }
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

    private static void array(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }

    /**
     * The scaling of {@code columns} columns in {@code node} (the field {@code field}), none if it is null or absent.
     *
     * @throws InvalidModelException naming the field if it is not a scaling of that many columns
     */
    static Scaling read(JsonNode node, String field, int columns) {
        if (node == null || node.isNull()) {
            return Scaling.none(columns);
        }
        if (!node.isObject() || !node.hasNonNull("method")) {
            throw new InvalidModelException("\"" + field + "\" must be null or an object with a \"method\"");
        }
        ScalingMethod method = Json.parseEnum(node.get("method"), field + " method", ScalingMethod::fromId);
        if (method == ScalingMethod.NONE) {
            return Scaling.none(columns);
        }
        if (method == ScalingMethod.STANDARD) {
            double[] mean = vector(node.get("mean"), field + " mean", columns);
            double[] sd = vector(node.get("sd"), field + " sd", columns);
            for (int j = 0; j < columns; j++) {
                if (sd[j] < 0) {
                    throw new InvalidModelException(field + " sd [" + (j + 1) + "] must be >= 0 but was " + sd[j]);
                }
            }
            return Scaling.standard(mean, sd);
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
            v[j] = Json.number(node.get(j), where + " [" + (j + 1) + "]");
        }
        return v;
    }
}
