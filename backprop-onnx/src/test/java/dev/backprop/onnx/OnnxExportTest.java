package dev.backprop.onnx;

import ai.onnxruntime.OrtException;
import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.Column;
import dev.backprop.data.ColumnType;
import dev.backprop.data.DataFiles;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.Frame;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.NumericColumn;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.data.Task;
import dev.backprop.data.TaskChoice;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import dev.backprop.onnx.proto.OnnxProto.ModelProto;
import dev.backprop.onnx.proto.OnnxProto.TensorProto;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exported models against an independent engine: ONNX Runtime runs the graph on the raw columns and must give what
 * backprop itself predicts ({@link Model#prepareInputs} then {@link Model#predict}, what {@code backprop predict
 * --proba} prints) to 1e-9 relative, for every bundled dataset and every activation, on the file's rows plus rows
 * with one missing cell per input column and rows with a category training never saw.
 */
class OnnxExportTest {
    private static final double RELATIVE = 1e-9;
    /**
     * float32 against float32: a few units in float's last place (2⁻²⁴ ≈ 6e-8) per product and activation, grown by
     * the output scaling; a float64 export of the same weights would not show, but a wrong cast or weight would.
     */
    private static final double FLOAT_RELATIVE = 2e-5;
    private static final double FLOAT_ABSOLUTE = 2e-5;
    private static final String UNSEEN = "a-category-training-never-saw";

    static Stream<Arguments> datasetsAndActivations() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("../data", "../examples")) {
            try (Stream<Path> listing = Files.list(Path.of(dir))) {
                listing.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".arff")).sorted()
                        .forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        List<Activation> hidden = List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.LEAKY_RELU, Activation.LINEAR);
        return files.stream().flatMap(f -> hidden.stream().map(a -> Arguments.of(f.getFileName().toString(), f, a)));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("datasetsAndActivations")
    void onnxRuntimeGivesBackpropsPredictionsOnRawRowsMissingCellsAndUnseenCategories(String name, Path file,
                                                                                      Activation activation)
            throws OrtException {
        Frame frame = DataFiles.read(file);
        String target = frame.names().get(frame.names().size() - 1);
        Model model = train(frame, target, activation, MissingPolicy.MEAN, activation != Activation.SIGMOID);

        Frame rows = withHardRows(frame, model.preparation().features());
        assertThat(rows.rows()).isGreaterThan(frame.rows());
        assertAgree(model, rows);
    }

    static Stream<Arguments> datasets() throws IOException {
        return datasetsAndActivations().filter(a -> a.get()[2] == Activation.LEAKY_RELU);
    }

    /**
     * A float32 network exports float weights and computes in float between two casts: ONNX Runtime agrees with
     * backprop's float32 prediction to float's precision (its float kernels sum in another order and approximate
     * sigmoid and tanh differently, so not to the bit), and every weight and bias tensor holds the model's floats.
     */
    @ParameterizedTest(name = "{0} float32")
    @MethodSource("datasets")
    void aFloat32ModelExportsFloatWeightsAndAgreesToFloatPrecision(String name, Path file, Activation activation)
            throws OrtException {
        Frame frame = DataFiles.read(file);
        Model trained = train(frame, frame.names().get(frame.names().size() - 1), activation, MissingPolicy.MEAN, true);
        Network network = trained.network();
        Model model = new Model(Network.of(network.architecture(), network.parameters(), Precision.FLOAT32),
                trained.inputs(), trained.outputs(), trained.inputScaling(), trained.outputScaling(),
                trained.preprocessor());

        ModelProto onnx = OnnxExport.of(model);
        List<Float> constants = new ArrayList<>();
        onnx.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().startsWith("W") || t.getName().startsWith("b"))
                .forEach(t -> {
                    assertThat(t.getDataType()).as(t.getName()).isEqualTo(TensorProto.DataType.FLOAT.getNumber());
                    constants.addAll(t.getFloatDataList());
                });
        double[] parameters = model.network().parameters();
        assertThat(constants).hasSize(parameters.length);
        assertThat(constants.stream().mapToDouble(Float::doubleValue).sorted().toArray())
                .isEqualTo(java.util.Arrays.stream(parameters).sorted().toArray());
        assertAgree(model, withHardRows(frame, model.preparation().features()), FLOAT_RELATIVE, FLOAT_ABSOLUTE);
    }

    @Test
    void aModelThatRefusesMissingCellsStillAgreesOnCompleteRowsAndMaxScaling() throws OrtException {
        Frame frame = DataFiles.read(Path.of("../data/iris.csv"));
        Model model = Trainer.of(TrainerConfig.builder().hidden(5, 3).activation(Activation.TANH).bias(true)
                        .output(Activation.SOFTMAX).loss(Loss.CATEGORICAL_CROSS_ENTROPY).scaling(ScalingMethod.MAX)
                        .optimizer(OptimizerType.ADAM).maxEpochs(20).seed(7).build())
                .train(frame, PreprocessConfig.of("species")).model();
        assertThat(model.preprocessor().imputation()).isEmpty();
        assertAgree(model, frame);
    }

    @Test
    void aModelWithoutPreprocessorTakesOneMatrixAndScalesHugeRangesOnHalvedValues() throws OrtException {
        Network network = Network.of(List.of(
                new DenseLayer(Matrix.of(new double[][] {{0.5, -0.3, 0.8}, {-0.1, 0.4, 0.2}}), null, Activation.SIGMOID),
                new DenseLayer(Matrix.of(new double[][] {{0.7, 0.1}, {-0.6, 0.2}, {0.3, -0.9}}), new double[] {0.1, -2},
                        Activation.SIGMOID)),
                Loss.SSE);
        Scaling in = Scaling.of(ScalingMethod.MINMAX, new double[] {-1e308, 2}, new double[] {1e308, 2});
        Scaling out = Scaling.of(ScalingMethod.MINMAX, new double[] {-3, -1.5e308}, new double[] {5, 1.7e308});
        Model model = new Model(network, List.of("a", "b"), List.of("y", "z"), in, out);
        Matrix x = Matrix.of(new double[][] {{0.3, 1.0}, {-5e307, 2}, {9e307, 40}, {0, 0}});

        try (OnnxRuntime ort = new OnnxRuntime(OnnxExport.of(model).toByteArray())) {
            assertThat(ort.inputs()).containsExactly(OnnxExport.FEATURES);
            OnnxRuntime.Outputs got = ort.run(x);
            assertThat(got.probabilities()).isNull();
            assertClose((double[][]) got.predicted(), model.predict(x));
        }
    }

    /**
     * The output layers the other tests do not reach: a classifier whose outputs are sigmoid (binary cross-entropy) or
     * linear (mse) scores rather than a softmax, and a regression of several targets at once (one output each, each
     * with its own scaling).
     */
    static Stream<Arguments> outputKinds() {
        return Stream.of(Arguments.of("iris.csv", List.of("species"), Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY),
                Arguments.of("iris.csv", List.of("species"), Activation.LINEAR, Loss.MSE),
                Arguments.of("weather.nominal.arff", List.of("play"), Activation.SIGMOID, Loss.SSE),
                Arguments.of("linnerud.csv", List.of("weight", "waist", "pulse"), Activation.LINEAR, Loss.MSE),
                Arguments.of("linnerud.csv", List.of("weight", "waist", "pulse"), Activation.SIGMOID, Loss.SSE));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("outputKinds")
    void everyOutputLayerAgrees(String file, List<String> targets, Activation output, Loss loss) throws OrtException {
        Frame frame = DataFiles.read(Path.of("../data", file));
        Model model = Trainer.of(TrainerConfig.builder().hidden(4).activation(Activation.TANH).bias(true)
                        .output(output).loss(loss).optimizer(OptimizerType.ADAM).learningRate(0.05).maxEpochs(10)
                        .seed(5).build())
                .train(frame, PreprocessConfig.of(targets.get(0)).withTargets(targets).withMissing(MissingPolicy.MEAN))
                .model();
        assertThat(model.outputs()).hasSize(targets.size() > 1 ? targets.size() : model.outputs().size());
        assertAgree(model, withHardRows(frame, model.preparation().features()));
    }

    @Test
    void anInputColumnNamedAsAnOutputIsRefused() {
        Frame frame = DataFiles.read(Path.of("../examples/xor.csv"));
        Frame renamed = Frame.of("xor.csv", List.of(NumericColumn.of("predicted", numbers(frame.column("a"))),
                frame.column("b"), frame.column("xor")));
        Model model = train(renamed, "xor", Activation.TANH, MissingPolicy.ERROR, true);
        assertThatThrownBy(() -> OnnxExport.of(model)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'predicted'");
    }

    private static Model train(Frame frame, String target, Activation activation, MissingPolicy missing, boolean bias) {
        PreprocessConfig prep = PreprocessConfig.of(target).withMissing(missing);
        // The task as backprop infers it: text labels, or a few whole numbers each in several rows (digits.csv).
        boolean classify = TaskChoice.of(null, frame.column(target)).task() == Task.CLASSIFICATION;
        TrainerConfig config = TrainerConfig.builder().hidden(6).activation(activation).bias(bias)
                .output(classify ? Activation.SOFTMAX : activation)
                .loss(classify ? Loss.CATEGORICAL_CROSS_ENTROPY : Loss.MSE)
                .optimizer(OptimizerType.ADAM).learningRate(0.05).maxEpochs(15).seed(3).build();
        Model model = Trainer.of(config).train(frame, prep).model();
        assertThat(model.task()).isEqualTo(classify ? Task.CLASSIFICATION : Task.REGRESSION);
        return model;
    }

    /** Backprop's predictions on {@code rows} against ONNX Runtime's. */
    private static void assertAgree(Model model, Frame rows) throws OrtException {
        assertAgree(model, rows, RELATIVE, 0.0);
    }

    /** Backprop's predictions on {@code rows} against ONNX Runtime's, to {@code relative} |e| + {@code absolute}. */
    private static void assertAgree(Model model, Frame rows, double relative, double absolute) throws OrtException {
        Matrix expected = model.predict(model.prepareInputs(rows).x());
        FeatureEncoder features = model.preparation().features();
        try (OnnxRuntime ort = new OnnxRuntime(OnnxExport.of(model).toByteArray())) {
            assertThat(ort.inputs()).containsExactlyElementsOf(features.columns());
            OnnxRuntime.Outputs got = ort.run(rows, features);
            if (model.task() == Task.CLASSIFICATION) {
                assertClose(got.probabilities(), expected, relative, absolute);
                String[] predicted = (String[]) got.predicted();
                assertThat(predicted).hasSize(rows.rows());
                for (int i = 0; i < rows.rows(); i++) {
                    assertThat(predicted[i]).as("row %d", i)
                            .isEqualTo(model.classes().get(ClassificationMetrics.argmax(expected, i)));
                }
            } else {
                assertThat(got.probabilities()).isNull();
                assertClose((double[][]) got.predicted(), expected, relative, absolute);
            }
        }
    }

    private static void assertClose(double[][] actual, Matrix expected) {
        assertClose(actual, expected, RELATIVE, 0.0);
    }

    private static void assertClose(double[][] actual, Matrix expected, double relative, double absolute) {
        assertThat(actual).hasNumberOfRows(expected.rows());
        for (int i = 0; i < expected.rows(); i++) {
            assertThat(actual[i]).hasSize(expected.cols());
            for (int j = 0; j < expected.cols(); j++) {
                double e = expected.get(i, j);
                assertThat(Double.isFinite(e)).as("backprop's (%d, %d) is %s", i, j, e).isTrue();
                assertThat(Math.abs(actual[i][j] - e)).as("(%d, %d): onnx %s, backprop %s", i, j, actual[i][j], e)
                        .isLessThanOrEqualTo(relative * Math.abs(e) + absolute);
            }
        }
    }

    /**
     * {@code frame}'s rows, then per input column a copy of row 0 with that cell missing, then per categorical input
     * column a copy of row 0 holding a category training never saw.
     */
    private static Frame withHardRows(Frame frame, FeatureEncoder features) {
        List<Integer> missingAt = new ArrayList<>();
        List<Integer> unseenAt = new ArrayList<>();
        for (int j = 0; j < features.columns().size(); j++) {
            missingAt.add(frame.indexOf(features.columns().get(j)));
            if (features.types().get(j) == ColumnType.CATEGORICAL) {
                unseenAt.add(frame.indexOf(features.columns().get(j)));
            }
        }
        int n = frame.rows();
        int extra = missingAt.size() + unseenAt.size();
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < frame.columns().size(); c++) {
            Column column = frame.columns().get(c);
            int missingRow = missingAt.indexOf(c);
            int unseenRow = unseenAt.indexOf(c);
            if (column.type() == ColumnType.NUMERIC) {
                double[] values = new double[n + extra];
                System.arraycopy(numbers(column), 0, values, 0, n);
                for (int r = n; r < n + extra; r++) {
                    values[r] = r - n == missingRow ? Double.NaN : ((NumericColumn) column).value(0);
                }
                columns.add(NumericColumn.of(column.name(), values));
            } else {
                CategoricalColumn labels = column.toCategorical();
                String[] values = new String[n + extra];
                for (int r = 0; r < n + extra; r++) {
                    int source = r < n ? r : 0;
                    values[r] = labels.label(source);
                    if (r - n == missingRow) {
                        values[r] = null;
                    } else if (r >= n && r - n - missingAt.size() == unseenRow) {
                        values[r] = UNSEEN;
                    }
                }
                columns.add(CategoricalColumn.ofLabels(column.name(), values));
            }
        }
        return Frame.of(frame.source(), columns);
    }

    private static double[] numbers(Column column) {
        return ((NumericColumn) column).values();
    }
}
