package dev.backprop.onnx;

import dev.backprop.data.ColumnType;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.Imputation;
import dev.backprop.onnx.proto.OnnxProto.TensorProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link dev.backprop.data.Preprocessor}'s input side as graph nodes: one graph input per input column (named as
 * the column, shape [N, 1]: double for a numeric column, string for a categorical one), the missing-value filling
 * of {@code --missing mean}, one-hot encoding, and the concatenation into the N x width matrix the core's
 * {@link FeatureEncoder#encode} makes.
 *
 * <ul>
 *   <li>Numeric column: the value; with an imputation, a NaN becomes the training mean:
 *       Where(IsNaN(x), mean, x).</li>
 *   <li>Categorical column: with an imputation, a missing label (the reader's missing cells: empty, {@code ?},
 *       {@code NA}) becomes the training mode: Where(x = "" or x = "?" or x = "NA", mode, x). Then
 *       ai.onnx.ml.OneHotEncoder over the learned categories with zeros = 1, so an unseen label (or, without an
 *       imputation, a missing one) encodes as all zeros as in the core; its float 0/1 output is cast to double.</li>
 * </ul>
 */
final class FeatureGraph {
    /** The labels the core's readers read as a missing cell. */
    static final List<String> MISSING_LABELS = List.of("", "?", "NA");

    private FeatureGraph() {
    }

    /** Declares the inputs of {@code features} and appends their encoding; returns the N x width matrix's name. */
    static String append(GraphBuilder graph, FeatureEncoder features, Optional<Imputation> imputation) {
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < features.columns().size(); j++) {
            String column = features.columns().get(j);
            if (features.types().get(j) == ColumnType.NUMERIC) {
                graph.input(column, TensorProto.DataType.DOUBLE, 1);
                parts.add(imputation.isPresent() ? fillNumber(graph, column, imputation.get().means()[j]) : column);
            } else {
                graph.input(column, TensorProto.DataType.STRING, 1);
                String x = imputation.isPresent() ? fillLabel(graph, column, imputation.get().modes()[j]) : column;
                parts.add(oneHot(graph, x, features.categories().get(j)));
            }
        }
        return parts.size() == 1 ? parts.get(0)
                : graph.node("Concat", parts, GraphBuilder.attribute("axis", 1));
    }

    private static String fillNumber(GraphBuilder graph, String x, double mean) {
        String missing = graph.node("IsNaN", List.of(x));
        return graph.node("Where", List.of(missing, graph.doubles("mean", new double[] {mean}), x));
    }

    private static String fillLabel(GraphBuilder graph, String x, String mode) {
        String missing = null;
        for (String label : MISSING_LABELS) {
            String is = graph.node("Equal", List.of(x, graph.strings("missing_label", List.of(label))));
            missing = missing == null ? is : graph.node("Or", List.of(missing, is));
        }
        return graph.node("Where", List.of(missing, graph.strings("mode", List.of(mode)), x));
    }

    /** [N, 1] labels to [N, categories] doubles, 1 at the label's category, all 0 for a label not among them. */
    private static String oneHot(GraphBuilder graph, String x, List<String> categories) {
        String encoded = graph.node(GraphBuilder.ML_DOMAIN, "OneHotEncoder", List.of(x), graph.fresh("onehot"),
                GraphBuilder.attribute("cats_strings", categories), GraphBuilder.attribute("zeros", 1));
        String matrix = graph.node("Reshape",
                List.of(encoded, graph.longs("shape", new long[] {-1, categories.size()}, 2)));
        return graph.node("Cast", List.of(matrix),
                GraphBuilder.attribute("to", TensorProto.DataType.DOUBLE.getNumber()));
    }
}
