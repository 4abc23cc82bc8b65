package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.model.Model;
import dev.backprop.nn.DenseLayer;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model and checkpoint files are written as a stream, their weights straight from the matrices, instead of as the
 * text of a whole JSON tree (a network of 80 million parameters trained in a 6 GB heap and then ran out of memory
 * while its tree was being written). The bytes are the tree's.
 */
class StreamedModelFileTest {
    @TempDir
    Path dir;

    private static Model trained(Precision precision, boolean bias) {
        Dataset data = new Dataset(List.of("a", "b"), List.of("c"),
                Matrix.of(new double[][] {{0.1, 2}, {0.7, -3}, {1.9, 0.25}, {3, 3}}),
                Matrix.of(new double[][] {{1}, {2}, {4}, {8}}));
        return Trainer.of(TrainerConfig.builder().hidden(5, 3).bias(bias).precision(precision).maxEpochs(30)
                .seed(7).build()).train(data).model();
    }

    /**
     * The tree the writer built before: one number node per weight and bias (a float32 value as its shortest float
     * text).
     */
    private static JsonNode treeOfNodes(Model model) {
        ObjectNode root = ModelFile.toNode(model);
        boolean single = model.network().precision() == Precision.FLOAT32;
        ArrayNode layers = (ArrayNode) root.get("layers");
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = model.network().layers().get(l);
            ArrayNode weights = JsonNodeFactory.instance.arrayNode();
            for (double[] row : layer.weights().toRows()) {
                addAll(weights.addArray(), row, single);
            }
            ((ObjectNode) layers.get(l)).set("weights", weights);
            if (layer.bias() != null) {
                addAll(((ObjectNode) layers.get(l)).putArray("bias"), layer.bias(), single);
            }
        }
        return root;
    }

    private static void addAll(ArrayNode array, double[] values, boolean single) {
        for (double v : values) {
            if (single) {
                array.addRawValue(new RawValue(FloatText.of((float) v)));
            } else {
                array.add(v);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"FLOAT64, true", "FLOAT64, false", "FLOAT32, true", "FLOAT32, false"})
    void theFileIsTheTextOfTheTreeOfNumberNodes(Precision precision, boolean bias) throws IOException {
        Model model = trained(precision, bias);
        Path file = dir.resolve("m.json");
        ModelFile.write(model, file);
        assertThat(Files.readString(file)).isEqualTo(Json.writeTree(treeOfNodes(model)))
                .isEqualTo(ModelFile.toJson(model));
        assertThat(ModelFile.read(file).network().parameters()).isEqualTo(model.network().parameters());
    }

    /**
     * A model whose tree and text would need several times its 64 MB of weights, written by a JVM whose heap holds
     * the weights about twice: the stream fits; the tree did not (OutOfMemoryError).
     */
    @Test
    void aModelLargerThanItsTreeWouldFitIsWrittenInASmallHeap() throws Exception {
        Path file = dir.resolve("large.json");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx200m", "-cp", classpath, LargeModelChild.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("written" + System.lineSeparator());
        assertThat(Files.size(file)).isGreaterThan(8_000_000L * 3);
    }
}
