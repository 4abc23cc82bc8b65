package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.ColumnType;
import dev.backprop.data.DateFeatures;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.Imputation;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.TargetEncoder;
import dev.backprop.data.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model file's {@code "preprocessing"} object: how a data file's columns become the network's inputs.
 *
 * <pre>
 * "preprocessing": {
 *   "target": "play", "task": "classification", "classes": ["no", "yes"],
 *   "ignore": ["id"], "missing": "mean",
 *   "columns": [
 *     {"name": "outlook", "type": "categorical", "categories": ["overcast", "rainy", "sunny"], "fill": "sunny"},
 *     {"name": "temperature", "type": "numeric", "fill": 73.5}]}
 * </pre>
 * {@code fill} (the training mean or mode) is present exactly when {@code missing} is {@code mean}. Several
 * regression targets, predicted together, are a list: {@code "target": ["weight", "waist"]}. Date columns read as
 * numbers are listed as {@code "dates": [{"name": "day", "time": false}]} (absent when there is none), their parts
 * ({@code day.days}, ...) in {@code columns}.
 */
final class PreprocessingJson {
    private PreprocessingJson() {
    }

    static ObjectNode write(Preprocessor preprocessor) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        TargetEncoder target = preprocessor.target();
        if (target.columns().size() == 1) {
            node.put("target", target.column());
        } else {
            ArrayNode targets = node.putArray("target");
            target.columns().forEach(targets::add);
        }
        node.put("task", target.task().id());
        ArrayNode classes = node.putArray("classes");
        target.classes().forEach(classes::add);
        ArrayNode ignore = node.putArray("ignore");
        preprocessor.ignored().forEach(ignore::add);
        DateFeatures dates = preprocessor.dates();
        if (!dates.columns().isEmpty()) {
            ArrayNode list = node.putArray("dates");
            for (int j = 0; j < dates.columns().size(); j++) {
                list.addObject().put("name", dates.columns().get(j)).put("time", dates.withTime().get(j));
            }
        }
        node.put("missing", preprocessor.missing().id());
        FeatureEncoder features = preprocessor.features();
        Imputation imputation = preprocessor.imputation().orElse(null);
        ArrayNode columns = node.putArray("columns");
        for (int j = 0; j < features.columns().size(); j++) {
            ObjectNode column = columns.addObject();
            column.put("name", features.columns().get(j));
            boolean numeric = features.types().get(j) == ColumnType.NUMERIC;
            column.put("type", numeric ? "numeric" : "categorical");
            if (!numeric) {
                ArrayNode categories = column.putArray("categories");
                features.categories().get(j).forEach(categories::add);
            }
            if (imputation != null) {
                if (numeric) {
                    column.put("fill", imputation.means()[j]);
                } else {
                    column.put("fill", imputation.modes()[j]);
                }
            }
        }
        return node;
    }

    /**
     * @return the preprocessor, or null for an absent or null node
     * @throws InvalidModelException saying which field is wrong
     */
    static Preprocessor read(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String where = "preprocessing";
        if (!node.isObject()) {
            throw new InvalidModelException("\"preprocessing\" must be an object");
        }
        JsonNode targetNode = node.get("target");
        List<String> targets = targetNode != null && targetNode.isArray() ? strings(targetNode, where + " target")
                : List.of(text(targetNode, where + " target"));
        Task task = Json.parseEnum(node.get("task"), where + " task", Task::fromId);
        MissingPolicy missing = node.hasNonNull("missing")
                ? Json.parseEnum(node.get("missing"), where + " missing", MissingPolicy::fromId)
                : MissingPolicy.ERROR;
        List<String> classes = strings(node.get("classes"), where + " classes");
        List<String> ignore = strings(node.get("ignore"), where + " ignore");
        List<String> dateNames = new ArrayList<>();
        List<Boolean> dateTimes = new ArrayList<>();
        JsonNode datesNode = node.get("dates");
        if (datesNode != null && !datesNode.isNull()) {
            if (!datesNode.isArray()) {
                throw new InvalidModelException(where + " dates must be an array of {\"name\", \"time\"} objects");
            }
            for (JsonNode date : datesNode) {
                String at = where + " dates item";
                if (!date.isObject() || date.get("time") == null || !date.get("time").isBoolean()) {
                    throw new InvalidModelException(at + " must be an object with \"name\" and a true or false "
                            + "\"time\"");
                }
                dateNames.add(text(date.get("name"), at + " name"));
                dateTimes.add(date.get("time").booleanValue());
            }
        }
        JsonNode columnsNode = node.get("columns");
        if (columnsNode == null || !columnsNode.isArray() || columnsNode.isEmpty()) {
            throw new InvalidModelException(where + " columns must be a non-empty array");
        }
        List<String> names = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        List<List<String>> categories = new ArrayList<>();
        double[] means = new double[columnsNode.size()];
        String[] modes = new String[columnsNode.size()];
        for (int j = 0; j < columnsNode.size(); j++) {
            JsonNode column = columnsNode.get(j);
            String at = where + " column " + (j + 1);
            if (!column.isObject()) {
                throw new InvalidModelException(at + " must be an object with \"name\" and \"type\"");
            }
            names.add(text(column.get("name"), at + " name"));
            String type = text(column.get("type"), at + " type").toLowerCase(Locale.ROOT);
            boolean numeric = switch (type) {
                case "numeric" -> true;
                case "categorical" -> false;
                default -> throw new InvalidModelException(at + " type must be numeric or categorical but was '"
                        + type + "'");
            };
            types.add(numeric ? ColumnType.NUMERIC : ColumnType.CATEGORICAL);
            categories.add(numeric ? List.of() : strings(column.get("categories"), at + " categories"));
            if (missing == MissingPolicy.MEAN) {
                if (numeric) {
                    means[j] = Json.number(column.get("fill"), at + " fill");
                } else {
                    modes[j] = text(column.get("fill"), at + " fill");
                }
            }
        }
        try {
            FeatureEncoder features = FeatureEncoder.of(names, types, categories);
            Imputation imputation = missing == MissingPolicy.MEAN ? Imputation.of(names, types, means, modes) : null;
            TargetEncoder target = targets.size() == 1 ? TargetEncoder.of(targets.get(0), task, classes)
                    : task == Task.REGRESSION && classes.isEmpty() ? TargetEncoder.regression(targets) : null;
            if (target == null) {
                throw new InvalidModelException(where + ": several targets must be a regression without classes");
            }
            return Preprocessor.of(ignore, DateFeatures.of(dateNames, dateTimes), missing, imputation, features,
                    target);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String where) {
        if (node == null || !node.isTextual()) {
            throw new InvalidModelException(where + " must be a string but was " + node);
        }
        return node.asText();
    }

    private static List<String> strings(JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new InvalidModelException(where + " must be an array of strings but was " + node);
        }
        for (JsonNode item : node) {
            out.add(text(item, where + " item"));
        }
        return out;
    }
}
