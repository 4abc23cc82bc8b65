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
 *   <li>Categorical column: ai.onnx.ml.OneHotEncoder over the learned categories with zeros = 1, so an unseen label
 *       (or, without an imputation, a missing one) encodes as all zeros as in the core; its float 0/1 output is cast
 *       to double. With an imputation, a missing label (the reader's missing cells: empty, {@code ?}, {@code NA})
 *       encodes as the training mode: the encoder also lists the missing labels, and a 0/1 matrix folds their
 *       columns onto the mode's. (Comparing strings with Equal would need opset 19, which onnx releases before
 *       1.14, such as Debian 12's, cannot check.)</li>
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
                List<String> categories = features.categories().get(j);
                parts.add(imputation.isPresent()
                        ? oneHotFilled(graph, column, categories, imputation.get().modes()[j])
                        : oneHot(graph, column, categories));
            }
        }
        return parts.size() == 1 ? parts.get(0)
                : graph.node("Concat", parts, GraphBuilder.attribute("axis", 1));
    }

    private static String fillNumber(GraphBuilder graph, String x, double mean) {
        String missing = graph.node("IsNaN", List.of(x));
        return graph.node("Where", List.of(missing, graph.doubles("mean", new double[] {mean}), x));
    }

    /**
     * One-hot with a missing label counted as the mode: the one-hot encoding over the categories and then the missing
     * labels, times the matrix that keeps each category's column and adds each missing label's column to the mode's
     * (all 0/1 values, so the product is exact).
     */
    private static String oneHotFilled(GraphBuilder graph, String x, List<String> categories, String mode) {
        List<String> labels = new ArrayList<>(categories);
        for (String missing : MISSING_LABELS) {
            if (!labels.contains(missing)) {
                labels.add(missing);
            }
        }
        int k = categories.size();
        int modeIndex = categories.indexOf(mode);
        double[] fold = new double[labels.size() * k];
        for (int r = 0; r < labels.size(); r++) {
            int c = r < k ? r : modeIndex;
            if (c >= 0) {
                fold[r * k + c] = 1.0;
            }
        }
        String encoded = oneHot(graph, x, labels);
        return graph.node("MatMul", List.of(encoded, graph.doubles("missing_to_mode", fold, labels.size(), k)));
    }

    /** [N, 1] labels to [N, categories] doubles, 1 at the label's category, all 0 for a label not among them. */
    private static String oneHot(GraphBuilder graph, String x, List<String> categories) {
        String encoded = graph.node(GraphBuilder.ML_DOMAIN, "OneHotEncoder", List.of(x), graph.fresh("onehot"),
                GraphBuilder.attribute("cats_strings", categories), GraphBuilder.attribute("zeros", 1));
        graph.declare(encoded, TensorProto.DataType.FLOAT, 1, categories.size());
        String matrix = graph.node("Reshape",
                List.of(encoded, graph.longs("shape", new long[] {-1, categories.size()}, 2)));
        return graph.node("Cast", List.of(matrix),
                GraphBuilder.attribute("to", TensorProto.DataType.DOUBLE.getNumber()));
    }
}
