package dev.backprop.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.backprop.onnx.proto.OnnxProto.ModelProto;
import dev.backprop.onnx.proto.OnnxProto.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backprop export} as a user runs it: the file it writes loads in ONNX Runtime and, fed the raw CSV cells,
 * gives what {@code backprop predict --proba} printed for the same file to 1e-9 relative; bad requests are one error
 * line, exit 2, and no file.
 */
class ExportCommandTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    /** Categories, a missing cell of each spelling the reader knows ("", ?, NA), and in the last rows unseen ones. */
    private static final String TRAIN = """
            colour,size,weight,label
            red,1.5,10,small
            blue,2.5,,big
            red,0.5,12,small
            green,3.5,30,big
            ?,2.0,20,small
            blue,NA,25,big
            green,1.0,11,small
            red,4.0,40,big
            """;
    private static final String NEW = """
            colour,size,weight,label
            red,1.5,10,small
            ,2.5,NA,big
            purple,0.5,12,small
            green,,,big
            ?,3.0,?,small
            NA,2.0,15,big
            """;

    @TempDir
    Path dir;

    @Test
    void theExportedModelPredictsWhatBackpropPredictsOnTheRawCsv() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), TRAIN);
        Path rows = Files.writeString(dir.resolve("new.csv"), NEW);
        Path model = dir.resolve("m.json");
        Cli trained = Cli.run("train", train.toString(), "--target", "label", "--missing", "mean", "--hidden", "4",
                "--activation", "tanh", "--epochs", "30", "--out", model.toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path onnx = dir.resolve("m.onnx");

        Cli export = Cli.run("export", "--model", model.toString(), "--out", onnx.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).isEqualTo("model exported to " + onnx + " (ONNX, opset 17, IR version 8)\n");
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertThat(proto.getGraph().getInputList()).extracting(ValueInfoProto::getName)
                .containsExactly("colour", "size", "weight");
        assertThat(proto.getGraph().getOutputList()).extracting(ValueInfoProto::getName)
                .containsExactly("predicted", "probabilities");

        Path predictions = dir.resolve("p.csv");
        Cli predict = Cli.run("predict", "--model", model.toString(), rows.toString(), "--proba", "--out",
                predictions.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String[]> expected = Files.readAllLines(predictions).stream().skip(1).map(l -> l.split(",", -1))
                .toList();
        List<String> header = Arrays.asList(Files.readAllLines(predictions).get(0).split(","));
        int probaBig = header.indexOf("proba_big");
        int probaSmall = header.indexOf("proba_small");
        int label = header.indexOf("predicted_label");
        assertThat(List.of(probaBig, probaSmall, label)).doesNotContain(-1);

        List<String[]> cells = NEW.lines().skip(1).map(l -> l.split(",", -1)).toList();
        int n = cells.size();
        String[] colour = new String[n];
        double[][] size = new double[n][1];
        double[][] weight = new double[n][1];
        for (int i = 0; i < n; i++) {
            colour[i] = cells.get(i)[0];
            size[i][0] = number(cells.get(i)[1]);
            weight[i][0] = number(cells.get(i)[2]);
        }
        try (OrtSession session = ENV.createSession(Files.readAllBytes(onnx), new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> feeds = new HashMap<>();
            feeds.put("colour", OnnxTensor.createTensor(ENV, colour, new long[] {n, 1}));
            feeds.put("size", OnnxTensor.createTensor(ENV, size));
            feeds.put("weight", OnnxTensor.createTensor(ENV, weight));
            try (OrtSession.Result result = session.run(feeds)) {
                String[] predicted = (String[]) result.get("predicted").orElseThrow().getValue();
                double[][] probabilities = (double[][]) result.get("probabilities").orElseThrow().getValue();
                assertThat(expected).hasSize(n);
                for (int i = 0; i < n; i++) {
                    String[] row = expected.get(i);
                    assertThat(predicted[i]).as("row %d", i).isEqualTo(row[label]);
                    assertRelative(probabilities[i][0], Double.parseDouble(row[probaBig]));
                    assertRelative(probabilities[i][1], Double.parseDouble(row[probaSmall]));
                }
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static double number(String cell) {
        return List.of("", "?", "NA").contains(cell) ? Double.NaN : Double.parseDouble(cell);
    }

    private static void assertRelative(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).as("onnx %s, backprop %s", actual, expected)
                .isLessThanOrEqualTo(1e-9 * Math.abs(expected));
    }

    @Test
    void jsonDescribesTheFileItWrote() throws IOException {
        Path model = regression();
        Path onnx = dir.resolve("r.onnx");
        Cli r = Cli.run("export", "--model", model.toString(), "--out", onnx.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("out").asText()).isEqualTo(onnx.toString());
        assertThat(r.json().get("bytes").asLong()).isEqualTo(Files.size(onnx));
        assertThat(r.json().get("opset").asInt()).isEqualTo(17);
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertThat(proto.getGraph().getOutputList()).extracting(ValueInfoProto::getName).containsExactly("predicted");
    }

    @Test
    void anUnknownFormatIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path onnx = dir.resolve("x.pmml");
        Cli r = Cli.run("export", "--model", regression().toString(), "--out", onnx.toString(), "--to", "pmml");
        assertRefused(r, "--to must be onnx but was 'pmml'");
        assertThat(onnx).doesNotExist();
    }

    @Test
    void theModelIsNeverOverwritten() throws IOException {
        Path model = regression();
        byte[] before = Files.readAllBytes(model);
        Cli r = Cli.run("export", "--model", model.toString(), "--out", model.toString());
        assertRefused(r, "is the same file as --model");
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
    }

    @Test
    void anInputNamedAsAnOutputIsRefusedWithoutAFile() throws IOException {
        Path data = Files.writeString(dir.resolve("d.csv"), "predicted,y\n1,2\n2,4\n3,6\n");
        Path model = dir.resolve("p.json");
        assertThat(Cli.run("train", data.toString(), "--epochs", "5", "--out", model.toString()).exitCode())
                .isZero();
        Path onnx = dir.resolve("p.onnx");
        Cli r = Cli.run("export", "--model", model.toString(), "--out", onnx.toString());
        assertRefused(r, "the input column 'predicted' has the name of an ONNX output");
        assertThat(onnx).doesNotExist();
    }

    @Test
    void anAbsentModelIsOneErrorLine() {
        Path onnx = dir.resolve("a.onnx");
        Cli r = Cli.run("export", "--model", dir.resolve("absent.json").toString(), "--out", onnx.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains("absent.json");
        assertThat(onnx).doesNotExist();
    }

    private Path regression() {
        Path model = dir.resolve("m.json");
        Cli r = Cli.run("train", "--out", model.toString(), "--epochs", "50");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return model;
    }

    private static void assertRefused(Cli r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains(message);
        assertThat(r.out()).isEmpty();
    }
}
