package dev.backprop.onnx;

import dev.backprop.data.ColumnNames;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Task;
import dev.backprop.model.Model;
import dev.backprop.onnx.proto.OnnxProto.ModelProto;
import dev.backprop.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.backprop.onnx.proto.OnnxProto.TensorProto;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link Model} as one ONNX graph, raw columns in and predictions out, computing what {@link Model#prepareInputs}
 * followed by {@link Model#predict} computes (see docs/onnx.md for the graph, node by node).
 *
 * <p>Inputs follow the sklearn-onnx convention for tables: one per input column of the model's preprocessor, named as
 * the column, shape [N, 1], double for a numeric column (NaN for a missing cell) and string for a categorical one.
 * A model without a preprocessor has one input {@value #FEATURES}, [N, inputs]. Outputs: {@value #PREDICTED}, the
 * class name as a string ([N]) for classification and the value in the target's units ([N, outputs]) for
 * regression; for classification also {@value #PROBABILITIES}, [N, classes], in the order of
 * {@link Model#classes()}. Tensors are double, as the core computes.
 *
 * <p>The graph uses opset {@value #OPSET} of the default domain and {@value #ML_OPSET} of {@code ai.onnx.ml}, and is
 * written as IR version {@value #IR_VERSION}. What the graph cannot do as backprop does: refuse a missing cell (a
 * model trained without {@code --missing mean}) or drop its row ({@code --missing drop}); there a NaN gives NaN
 * outputs and a missing label encodes as an unseen category.
 */
public final class OnnxExport {
    /**
     * The version of the default operator set (ai.onnx) the graph uses: 17, the newest that onnx 1.12 (Debian 12's)
     * checks, and every operator used has had its present form since 16 or earlier.
     */
    public static final long OPSET = 17;
    /** The version of the ai.onnx.ml operator set the graph uses (for OneHotEncoder). */
    public static final long ML_OPSET = 3;
    /** The ONNX IR version the model is written as: 8, the one that goes with opset 17. */
    public static final long IR_VERSION = 8;
    /** The input of a model without a preprocessor: its network's inputs as one [N, inputs] matrix. */
    public static final String FEATURES = "X";
    /** The output holding each row's prediction. */
    public static final String PREDICTED = "predicted";
    /** The output holding each row's class probabilities (classification only). */
    public static final String PROBABILITIES = "probabilities";

    private OnnxExport() {
    }

    /**
     * The ONNX model of {@code model}.
     *
     * @param model the model, with or without a preprocessor; not modified
     * @return the ONNX model, ready for {@link ModelProto#toByteArray()}
     * @throws IllegalArgumentException if an input column is named {@value #PREDICTED} or {@value #PROBABILITIES}
     *                                  (graph inputs and outputs share one namespace), or the model reads ISO dates
     *                                  (ONNX's operators cannot parse them)
     */
    public static ModelProto of(Model model) {
        Preprocessor preprocessor = model.preprocessor();
        if (preprocessor != null && !preprocessor.dates().columns().isEmpty()) {
            throw new IllegalArgumentException("the model reads the column "
                    + ColumnNames.quoted(preprocessor.dates().columns().get(0))
                    + " as ISO dates, which ONNX's operators cannot parse; train without it (--ignore) to export");
        }
        List<String> columns = preprocessor == null ? List.of(FEATURES) : preprocessor.inputColumns();
        for (String output : List.of(PREDICTED, PROBABILITIES)) {
            if (columns.contains(output)) {
                throw new IllegalArgumentException("the input column " + ColumnNames.quoted(output)
                        + " has the name of an ONNX "
                        + "output of the exported graph; rename the column and train again");
            }
        }
        Set<String> reserved = new HashSet<>(columns);
        reserved.add(PREDICTED);
        reserved.add(PROBABILITIES);
        GraphBuilder graph = new GraphBuilder(reserved);

        String x;
        if (preprocessor == null) {
            graph.input(FEATURES, TensorProto.DataType.DOUBLE, model.inputs().size());
            x = FEATURES;
        } else {
            x = FeatureGraph.append(graph, preprocessor.features(), preprocessor.imputation());
        }
        String scaled = ScalingGraph.of(model.inputScaling()).apply(graph, x);
        String yhat = NetworkGraph.append(graph, model.network(), scaled);
        String y = ScalingGraph.of(model.outputScaling()).invert(graph, yhat);

        int k = model.outputs().size();
        if (model.task() == Task.CLASSIFICATION) {
            graph.node("", "Identity", List.of(y), PROBABILITIES);
            String index = graph.node("ArgMax", List.of(y), GraphBuilder.attribute("axis", 1),
                    GraphBuilder.attribute("keepdims", 0));
            graph.node("", "Gather", List.of(graph.strings("classes", model.classes(), k), index), PREDICTED,
                    GraphBuilder.attribute("axis", 0));
            graph.output(PREDICTED, TensorProto.DataType.STRING);
            graph.output(PROBABILITIES, TensorProto.DataType.DOUBLE, k);
        } else {
            graph.node("", "Identity", List.of(y), PREDICTED);
            graph.output(PREDICTED, TensorProto.DataType.DOUBLE, k);
        }
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(GraphBuilder.ML_DOMAIN).setVersion(ML_OPSET))
                .setProducerName("backprop")
                .setGraph(graph.build())
                .build();
    }
}
