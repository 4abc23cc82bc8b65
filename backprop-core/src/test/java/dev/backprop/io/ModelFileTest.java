package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.data.DataFiles;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import dev.backprop.nn.Activation;
import dev.backprop.nn.DenseLayer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelFileTest {
    static final String HAND_WRITTEN = """
            {"format": "backprop-model", "version": 1,
             "inputs": ["sleep", "study"], "outputs": ["score"], "loss": "sse",
             "layers": [
               {"activation": "sigmoid", "bias": null, "weights": [[0.5, -0.3, 0.8], [-0.1, 0.4, 0.2]]},
               {"activation": "sigmoid", "bias": null, "weights": [[0.7], [-0.6], [0.3]]}],
             "inputScaling": {"method": "minmax", "min": [3, 1], "max": [10, 5]},
             "outputScaling": {"method": "minmax", "min": [75], "max": [93]}}
            """;

    @TempDir
    Path dir;

    @Test
    void savedModelsLoadBitIdenticalAndPredictTheSame() throws IOException {
        Dataset data = new Dataset(List.of("a", "b"), List.of("c"),
                Matrix.of(new double[][] {{0.1, 2}, {0.7, -3}, {1.9, 0.25}, {3, 3}}),
                Matrix.of(new double[][] {{1}, {2}, {4}, {8}}));
        Model model = Trainer.of(TrainerConfig.builder().hidden(5, 3).bias(true).maxEpochs(50).build())
                .train(data).model();
        Path file = dir.resolve("m.json");
        ModelFile.write(model, file);
        Model loaded = ModelFile.read(file);

        assertThat(loaded.network().parameters()).isEqualTo(model.network().parameters());
        assertThat(loaded.inputScaling()).isEqualTo(model.inputScaling());
        assertThat(loaded.outputScaling()).isEqualTo(model.outputScaling());
        assertThat(loaded.inputs()).containsExactly("a", "b");
        assertThat(loaded.predict(data.x())).isEqualTo(model.predict(data.x()));
        assertThat(ModelFile.toJson(loaded)).isEqualTo(Files.readString(file));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aStandardScalingIsStoredAsMeansAndDeviations() throws IOException {
        Dataset data = new Dataset(List.of("a", "b"), List.of("c"),
                Matrix.of(new double[][] {{0.1, 2}, {0.7, -3}, {1.9, 0.25}, {3, 3}}),
                Matrix.of(new double[][] {{1}, {2}, {4}, {8}}));
        Model model = Trainer.of(TrainerConfig.builder().hidden(4).bias(true).scaling(ScalingMethod.STANDARD)
                .maxEpochs(20).build()).train(data).model();
        Path file = dir.resolve("m.json");
        ModelFile.write(model, file);
        JsonNode output = new ObjectMapper().readTree(file.toFile()).get("outputScaling");
        assertThat(output.get("method").asText()).isEqualTo("standard");
        assertThat(output.get("mean").get(0).asDouble()).isEqualTo(3.75);
        assertThat(output.get("sd").get(0).asDouble()).isCloseTo(Math.sqrt((7.5625 + 3.0625 + 0.0625 + 18.0625) / 4),
                within(1e-15));
        assertThat(output.has("min")).isFalse();
        Model loaded = ModelFile.read(file);
        assertThat(loaded.inputScaling()).isEqualTo(model.inputScaling());
        assertThat(loaded.outputScaling().mean()).containsExactly(3.75);
        assertThat(loaded.predict(data.x())).isEqualTo(model.predict(data.x()));
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("{\"method\": \"minmax\", \"min\": [75], "
                + "\"max\": [93]}", "{\"method\": \"standard\", \"mean\": [80], \"sd\": [-1]}")))
                .hasMessageContaining("outputScaling sd [1] must be >= 0 but was -1");
    }

    @Test
    void severalTargetsAreWrittenAsAListAndReadBack() throws IOException {
        Frame frame = DataFiles.read(Path.of("..", "data", "linnerud.csv"));
        Model model = Trainer.of(TrainerConfig.builder().hidden(3).bias(true).maxEpochs(5).build())
                .train(frame, PreprocessConfig.of("weight").withTargets(List.of("weight", "waist", "pulse"))).model();
        Path file = dir.resolve("m.json");
        ModelFile.write(model, file);
        JsonNode target = new ObjectMapper().readTree(file.toFile()).get("preprocessing").get("target");
        assertThat(target.isArray()).isTrue();
        assertThat(target.toString()).isEqualTo("[\"weight\",\"waist\",\"pulse\"]");
        Model loaded = ModelFile.read(file);
        assertThat(loaded.preprocessor()).isEqualTo(model.preprocessor());
        assertThat(loaded.targets()).containsExactly("weight", "waist", "pulse");
        assertThat(loaded.outputs()).containsExactly("weight", "waist", "pulse");
        Matrix x = loaded.prepareInputs(frame).x();
        assertThat(loaded.predict(x)).isEqualTo(model.predict(x));
        assertThat(loaded.predict(x).cols()).isEqualTo(3);
    }

    @Test
    void aHandWrittenFileLoadsAndPredicts() {
        Model model = ModelFile.parse(HAND_WRITTEN);

        assertThat(model.network().depth()).isEqualTo(2);
        assertThat(model.network().layer(0).weights().get(0, 2)).isEqualTo(0.8);
        assertThat(model.network().layer(1).hasBias()).isFalse();
        assertThat(model.inputScaling().method()).isEqualTo(ScalingMethod.MINMAX);
        // x = (3, 5) scales to (0, 1); the prediction is f(f(x W1) W2) mapped back from [0, 1] to [75, 93].
        double[] a2 = new double[3];
        double[][] w1 = {{0.5, -0.3, 0.8}, {-0.1, 0.4, 0.2}};
        double[] w2 = {0.7, -0.6, 0.3};
        double z3 = 0;
        for (int k = 0; k < 3; k++) {
            a2[k] = 1 / (1 + Math.exp(-(0 * w1[0][k] + 1 * w1[1][k])));
            z3 += a2[k] * w2[k];
        }
        double expected = 75 + 18 / (1 + Math.exp(-z3));
        assertThat(model.predict(Matrix.of(new double[][] {{3, 5}})).get(0, 0)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void scalingNamesAndLossMayBeLeftOut() {
        Model model = ModelFile.parse("""
                {"format": "backprop-model", "version": 1,
                 "layers": [{"activation": "sigmoid", "bias": [0.5], "weights": [[1.0], [2.0]]}]}
                """);
        assertThat(model.inputs()).containsExactly("x1", "x2");
        assertThat(model.inputScaling().method()).isEqualTo(ScalingMethod.NONE);
        assertThat(model.network().layer(0).activation()).isEqualTo(Activation.SIGMOID);
        assertThat(model.predict(Matrix.of(new double[][] {{0, 0}})).get(0, 0))
                .isCloseTo(1 / (1 + Math.exp(-0.5)), within(1e-15));
    }

    @Test
    void layersWhoseShapesDisagreeAreRefusedNamingTheLayer() {
        String json = HAND_WRITTEN.replace("[[0.7], [-0.6], [0.3]]", "[[0.7], [-0.6]]");
        assertThatThrownBy(() -> ModelFile.parse(json)).isInstanceOf(InvalidModelException.class)
                .hasMessage("layer 2 has 2 weight rows but layer 1 has 3 outputs: expected 3 rows");
    }

    @Test
    void malformedFilesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.substring(0, 80)))
                .isInstanceOf(InvalidModelException.class).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("backprop-model", "keras")))
                .hasMessageContaining("\"format\" must be \"backprop-model\"");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("backprop-model", "backprop-checkpoint")))
                .hasMessage("\"format\" must be \"backprop-model\" but was \"backprop-checkpoint\": a training "
                        + "checkpoint, not a model; its run's model is written beside it (train --out), and train "
                        + "--resume continues the run");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"version\": 1", "\"version\": 9")))
                .hasMessageContaining("\"version\" must be 1");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("[[0.7], [-0.6], [0.3]]", "[[0.7], [\"x\"], [0.3]]")))
                .hasMessage("layer 2 weight [2][1] must be a number but was \"x\"");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("[[0.5, -0.3, 0.8], [-0.1, 0.4, 0.2]]",
                "[[0.5, -0.3, 0.8], [-0.1, 0.4]]"))).hasMessage("layer 1: weight row 2 has 2 values but row 1 has 3");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"bias\": null, \"weights\": [[0.7]",
                "\"bias\": [1, 2], \"weights\": [[0.7]")))
                .hasMessageContaining("layer 2: \"bias\" must be null or 1 numbers");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"sigmoid\", \"bias\": null, \"weights\": [[0.7]",
                "\"swish\", \"bias\": null, \"weights\": [[0.7]")))
                .hasMessageContaining("layer 2 activation: unknown activation 'swish'");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"min\": [3, 1]", "\"min\": [3]")))
                .hasMessageContaining("inputScaling min must be 2 numbers");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("[\"score\"]", "[\"a\", \"b\"]")))
                .hasMessageContaining("\"outputs\" must list 1 column names");
        assertThatThrownBy(() -> ModelFile.parse("[]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> ModelFile.parse("[".repeat(5000))).isInstanceOf(InvalidModelException.class);
    }

    /**
     * A JSON tree keeps the last of two fields of one name: a layer with {@code "activation": "sigmoid",
     * "activation": "linear"} computed linearly while it read as sigmoid, and a second {@code "layers"} replaced the
     * first whole. Every such file is refused, naming the field and its line, whatever the field and however it is
     * read.
     */
    @Test
    void aFieldNamedTwiceInOneObjectIsRefused() throws IOException {
        String twice = HAND_WRITTEN.replace("{\"activation\": \"sigmoid\", \"bias\": null, \"weights\": [[0.7]",
                "{\"activation\": \"sigmoid\", \"bias\": null, \"activation\": \"linear\", \"weights\": [[0.7]");
        assertThat(twice).isNotEqualTo(HAND_WRITTEN);
        String message = "the field 'activation' appears twice in one object (line 5): which one is meant is not known";
        assertThatThrownBy(() -> ModelFile.parse(twice)).isInstanceOf(InvalidModelException.class).hasMessage(message);
        Path file = Files.writeString(dir.resolve("twice.json"), twice);
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(InvalidModelException.class)
                .hasMessage(file + ": " + message);
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"version\": 1,",
                "\"version\": 1, \"layers\": [],"))).hasMessageStartingWith("the field 'layers' appears twice");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"min\": [3, 1]", "\"min\": [3, 1], \"min\": [0, 0]")))
                .hasMessageStartingWith("the field 'min' appears twice in one object (line 6)");
        assertThatThrownBy(() -> CheckpointFile.parse("{\"format\": \"backprop-checkpoint\", \"version\": 1,\n"
                + "\"state\": {\"epochs\": 30, \"epochs\": 29}}"))
                .isInstanceOf(InvalidModelException.class)
                .hasMessage("the field 'epochs' appears twice in one object (line 2): which one is meant is not known");
    }

    /** A model file saved by an editor that writes UTF-8 with a byte order mark reads as the same file without. */
    @Test
    void aByteOrderMarkBeforeTheJsonIsPassedOver() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.json"), HAND_WRITTEN);
        Path marked = Files.writeString(dir.resolve("marked.json"), "\uFEFF" + HAND_WRITTEN);
        assertThat(Files.readAllBytes(marked)).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(ModelFile.toJson(ModelFile.read(marked))).isEqualTo(ModelFile.toJson(ModelFile.read(plain)));
        assertThatThrownBy(() -> ModelFile.read(Files.writeString(dir.resolve("twice.json"), "\uFEFF\uFEFF"
                + HAND_WRITTEN))).isInstanceOf(InvalidModelException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void aVersionOtherThanOneSaysWhetherANewerBackpropWroteIt() {
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"version\": 1", "\"version\": 2")))
                .hasMessage("\"version\" must be 1 but was 2 (a newer backprop wrote this file: upgrade backprop to "
                        + "read it)");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"version\": 1", "\"version\": 10000000000000")))
                .hasMessageEndingWith("but was 10000000000000 (a newer backprop wrote this file: upgrade backprop to "
                        + "read it)");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"version\": 1", "\"version\": 0")))
                .hasMessage("\"version\" must be 1 but was 0");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"version\": 1", "\"version\": \"1\"")))
                .hasMessage("\"version\" must be 1 but was \"1\"");
        assertThatThrownBy(() -> ModelFile.parse(HAND_WRITTEN.replace("\"version\": 1,", "")))
                .hasMessage("\"version\" must be 1 but was null");
    }

    @Test
    void aDirectoryIsNotAModelFile() {
        assertThatThrownBy(() -> ModelFile.read(dir)).isInstanceOf(InvalidModelException.class)
                .hasMessageEndingWith("is a directory, not a model file");
    }

    /**
     * A hand-made network's NaN weight was written as "NaN", which reading refuses: writing wrote a file that could
     * not be read. It is refused before a byte is written, and the file already there stays as it was.
     */
    @Test
    void aNetworkWithANonFiniteParameterIsNotWritten() throws IOException {
        Model model = ModelFile.parse(HAND_WRITTEN);
        Path file = dir.resolve("model.json");
        ModelFile.write(model, file);
        String before = Files.readString(file);
        List<DenseLayer> layers = model.network().layers();
        Network withNaN = Network.of(List.of(layers.get(0), new DenseLayer(layers.get(1).weights(),
                new double[] {Double.POSITIVE_INFINITY}, Activation.SIGMOID)), Loss.SSE);
        assertThatThrownBy(() -> ModelFile.write(new Model(withNaN, model.inputs(), model.outputs(),
                model.inputScaling(), model.outputScaling()), file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 2 bias [1] is Infinity: a model file holds finite numbers only");
        double[] weights = layers.get(0).weights().toArray();
        weights[4] = Double.NaN;
        Network withNaNWeight = Network.of(List.of(new DenseLayer(Matrix.of(2, 3, weights), null,
                Activation.SIGMOID), layers.get(1)), Loss.SSE);
        assertThatThrownBy(() -> ModelFile.toJson(Model.unscaled(withNaNWeight)))
                .hasMessage("layer 1 weight [2][2] is NaN: a model file holds finite numbers only");
        assertThat(Files.readString(file)).isEqualTo(before);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }
}
