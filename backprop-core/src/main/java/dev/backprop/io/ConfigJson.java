package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TrainerConfig} as a checkpoint's {@code config} object: every setting of {@link TrainingSettings#ALL}
 * under its name, written and read by its kind; and the typed readers of JSON values the checkpoint shares.
 */
final class ConfigJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ConfigJson() {
    }

    /** Every setting under its name, typed by its kind. */
    static ObjectNode toNode(TrainerConfig c) {
        ObjectNode node = F.objectNode();
        for (TrainingSetting<?> setting : TrainingSettings.ALL) {
            node.set(setting.name(), value(setting, c));
        }
        return node;
    }

    private static <T> JsonNode value(TrainingSetting<T> setting, TrainerConfig c) {
        T v = setting.of(c);
        return switch (setting.kind()) {
            case SIZES -> {
                ArrayNode sizes = F.arrayNode();
                ((List<?>) v).forEach(size -> sizes.add((Integer) size));
                yield sizes;
            }
            case BOOLEAN -> F.booleanNode((Boolean) v);
            case INTEGER -> F.numberNode((Integer) v);
            case LONG -> F.numberNode((Long) v);
            case DOUBLE -> F.numberNode((Double) v);
            case ID -> F.textNode(setting.text(v));
        };
    }

    /**
     * The configuration in a checkpoint's {@code config} object.
     *
     * @throws InvalidModelException naming the setting that is missing, mistyped or out of range
     */
    static TrainerConfig fromNode(JsonNode node) {
        TrainerConfig.Builder builder = TrainerConfig.builder();
        for (TrainingSetting<?> setting : TrainingSettings.ALL) {
            read(setting, node, builder);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException("config: " + e.getMessage());
        }
    }

    private static <T> void read(TrainingSetting<T> setting, JsonNode config, TrainerConfig.Builder builder) {
        String where = "config " + setting.name();
        JsonNode node = config.get(setting.name());
        if (node == null && setting.absentMeans() != null) {
            builder.set(setting, setting.absentMeans());
            return;
        }
        Object value = switch (setting.kind()) {
            case SIZES -> {
                if (node == null || !node.isArray()) {
                    throw new InvalidModelException("config \"" + setting.name() + "\" must be an array of layer sizes");
                }
                List<Integer> sizes = new ArrayList<>();
                for (JsonNode size : node) {
                    sizes.add(integer(size, where));
                }
                yield sizes;
            }
            case BOOLEAN -> bool(node, where);
            case INTEGER -> integer(node, where);
            case LONG -> longInteger(node, where);
            case DOUBLE -> Json.number(node, where);
            case ID -> Json.parseEnum(config.path(setting.name()), where, setting::parse);
        };
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        builder.set(setting, typed);
    }

    static int integer(JsonNode node, String where) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidModelException(where + " must be an integer but was " + node);
        }
        return node.intValue();
    }

    static long longInteger(JsonNode node, String where) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidModelException(where + " must be an integer but was " + node);
        }
        return node.longValue();
    }

    static boolean bool(JsonNode node, String where) {
        if (node == null || !node.isBoolean()) {
            throw new InvalidModelException(where + " must be true or false but was " + node);
        }
        return node.booleanValue();
    }
}
