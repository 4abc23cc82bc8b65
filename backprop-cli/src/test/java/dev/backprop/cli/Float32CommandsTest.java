package dev.backprop.cli;

import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.data.DataFiles;
import dev.backprop.data.Frame;
import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.model.Model;
import dev.backprop.nn.FloatBackpropagation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --precision float32} as a user runs it: the model file says float32 and holds floats, predict writes floats
 * in their shortest form and equal to the model's float32 prediction, explain computes the step in float32, and a
 * float64 run's file does not mention precision at all.
 */
class Float32CommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aFloat32ModelIsWrittenPredictedAndExplainedInFloat32() throws Exception {
        Path model = dir.resolve("iris32.json");
        Cli train = Cli.run("train", "../data/iris.csv", "--precision", "float32", "--hidden", "6", "--epochs", "40",
                "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode file = JSON.readTree(model.toFile());
        assertThat(file.get("precision").asText()).isEqualTo("float32");
        assertThat(file.path("training").path("settings").get("precision").asText()).isEqualTo("float32");
        Model read = ModelFile.read(model);
        assertThat(read.network().precision()).isEqualTo(Precision.FLOAT32);
        for (double w : read.network().parameters()) {
            assertThat((double) (float) w).isEqualTo(w);
        }

        Path predictions = dir.resolve("p.csv");
        Cli predict = Cli.run("predict", "--model", model.toString(), "../data/iris.csv", "--proba", "--out",
                predictions.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        Frame frame = DataFiles.read(Path.of("../data/iris.csv"));
        Matrix expected = read.predict(read.prepareInputs(frame).x());
        assertThat(lines).hasSize(frame.rows() + 1);
        for (int i = 0; i < frame.rows(); i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int k = 0; k < 3; k++) {
                String cell = cells[cells.length - 3 + k];
                float value = Float.parseFloat(cell);
                assertThat(NumberOutput.toString(value, true)).as("row %d: %s is a float's shortest form", i, cell)
                        .isEqualTo(cell);
                assertThat((double) value).isEqualTo(expected.get(i, k));
            }
        }

        Cli explain = Cli.run("explain", "--model", model.toString(), "../data/iris.csv", "--format", "json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        JsonNode steps = JSON.readTree(explain.out());
        assertThat(steps.get("precision").asText()).isEqualTo("float32");
        Matrix[] scaled = ModelData.scaled(read, ModelData.labelled(read, frame, "explain",
                new java.io.PrintWriter(java.io.Writer.nullWriter())));
        float[] theta = floats(read.network().parameters());
        FloatBackpropagation pass = new FloatBackpropagation(read.network().architecture(), frame.rows());
        double j = pass.loss(theta, floats(scaled[0].toArray()), 0, floats(scaled[1].toArray()), 0, frame.rows());
        assertThat(steps.get("steps").get(0).get("loss").asDouble()).isEqualTo(j);
        Cli text = Cli.run("explain", "--model", model.toString(), "../data/iris.csv");
        assertThat(text.out()).contains("in float32 arithmetic");
    }

    @Test
    void aFloat64RunsFileSaysNothingAboutPrecision() throws Exception {
        Path model = dir.resolve("xor.json");
        Cli train = Cli.run("train", "../examples/xor.csv", "--epochs", "20", "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(Files.readString(model)).doesNotContain("precision");
        assertThat(ModelFile.read(model).network().precision()).isEqualTo(Precision.FLOAT64);
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
