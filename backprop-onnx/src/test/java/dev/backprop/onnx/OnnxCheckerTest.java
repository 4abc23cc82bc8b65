package dev.backprop.onnx;

import dev.backprop.data.ColumnType;
import dev.backprop.data.DataFiles;
import dev.backprop.data.Frame;
import dev.backprop.data.MissingPolicy;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import dev.backprop.optim.OptimizerType;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reference checker: {@code onnx.checker.check_model(..., full_check=True)} (structure, operator schemas and
 * shape inference) of the onnx Python package accepts a model exported from every bundled dataset, each activation
 * and a model without preprocessing. Skipped, saying so, where no python3 with onnx is installed (Debian:
 * {@code apt-get install python3-onnx}; CI installs it).
 */
class OnnxCheckerTest {
    private static final String CHECK = """
            import sys, onnx
            for path in sys.argv[1:]:
                onnx.checker.check_model(onnx.load(path), full_check=True)
                print("ok", path)
            """;

    @TempDir
    Path dir;

    @Test
    void theOnnxCheckerAcceptsAModelOfEveryBundledDatasetAndAFloat32One() throws Exception {
        String python = pythonWithOnnx();
        assumeTrue(python != null, "no python3 with the onnx package (apt-get install python3-onnx): not checked");
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("../data", "../examples")) {
            try (Stream<Path> listing = Files.list(Path.of(folder))) {
                listing.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".arff")).sorted()
                        .forEach(files::add);
            }
        }
        List<Activation> activations = List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.LEAKY_RELU, Activation.LINEAR);
        List<String> command = new ArrayList<>(List.of(python, "-c", CHECK));
        for (int f = 0; f < files.size(); f++) {
            Path onnx = dir.resolve(files.get(f).getFileName() + ".onnx");
            Files.write(onnx, OnnxExport.of(train(files.get(f), activations.get(f % activations.size())))
                    .toByteArray());
            command.add(onnx.toString());
        }
        Path bare = dir.resolve("no-preprocessing.onnx");
        Files.write(bare, OnnxExport.of(Model.unscaled(Network.of(List.of(new DenseLayer(
                Matrix.of(new double[][] {{0.5}, {-0.25}}), new double[] {0.1}, Activation.LEAKY_RELU)), Loss.SSE)))
                .toByteArray());
        command.add(bare.toString());
        Path single = dir.resolve("float32.onnx");
        Model iris = train(Path.of("../data/iris.csv"), Activation.LEAKY_RELU);
        Network network = iris.network();
        Files.write(single, OnnxExport.of(new Model(Network.of(network.architecture(), network.parameters(),
                Precision.FLOAT32), iris.inputs(), iris.outputs(), iris.inputScaling(), iris.outputScaling(),
                iris.preprocessor())).toByteArray());
        command.add(single.toString());

        Path printed = dir.resolve("checker.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(printed.toFile())
                .start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the checker finished").isTrue();
        } finally {
            process.destroyForcibly(); // a checker left hanging would outlive the test
        }
        String output = Files.readString(printed);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines()).hasSize(command.size() - 3).allMatch(l -> l.startsWith("ok "));
    }

    private static Model train(Path file, Activation activation) {
        Frame frame = DataFiles.read(file);
        String target = frame.names().get(frame.names().size() - 1);
        boolean classify = frame.column(target).type() == ColumnType.CATEGORICAL;
        TrainerConfig config = TrainerConfig.builder().hidden(4).activation(activation).bias(true)
                .output(classify ? Activation.SOFTMAX : Activation.LINEAR)
                .loss(classify ? Loss.CATEGORICAL_CROSS_ENTROPY : Loss.MSE)
                .optimizer(OptimizerType.ADAM).maxEpochs(3).seed(5).build();
        return Trainer.of(config).train(frame, PreprocessConfig.of(target).withMissing(MissingPolicy.MEAN)).model();
    }

    /** The first of python3 on the PATH and Debian's /usr/bin/python3 that imports onnx, or null. */
    private static String pythonWithOnnx() throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import onnx").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // Not installed: try the next.
            }
        }
        return null;
    }
}
