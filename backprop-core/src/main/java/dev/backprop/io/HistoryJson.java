package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.model.TrainingHistory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model file's {@code training} section, the {@link TrainingHistory}: how training stopped, its settings and the
 * loss per epoch. Optional and informational, so a damaged one is dropped rather than refused.
 */
final class HistoryJson {
    private HistoryJson() {
    }

    /** The history's JSON object. */
    static ObjectNode write(TrainingHistory history) {
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

    /** The history in {@code node}, or null if it is absent or damaged. */
    static TrainingHistory read(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("stopReason").isTextual()
                || !node.path("lossHistory").isArray()) {
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
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
}
