package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.data.Task;
import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled public datasets through the real command line: classification, ARFF, missing values, categories. */
class RealDataTest {
    /** The repository's data folder (tests run in the module's folder). */
    static final Path DATA = Path.of("..", "data");

    @TempDir
    Path dir;

    @Test
    void irisIsClassifiedByName() throws IOException {
        Path model = dir.resolve("iris.json");
        Cli train = Cli.run("train", DATA.resolve("iris.csv").toString(), "--out", model.toString(), "--format",
                "json", "--quiet");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.json().get("task").asText()).isEqualTo("classification");

        Model trained = ModelFile.read(model);
        assertThat(trained.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(trained.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(trained.network().layer(trained.network().depth() - 1).activation().id()).isEqualTo("softmax");

        Cli evaluate = Cli.run("evaluate", "--model", model.toString(), DATA.resolve("iris.csv").toString(),
                "--format", "json");
        JsonNode json = evaluate.json();
        assertThat(json.get("accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(json.get("confusionMatrix").get("labels")).hasSize(3);
        long total = 0;
        for (JsonNode row : json.get("confusionMatrix").get("counts")) {
            for (JsonNode count : row) {
                total += count.asLong();
            }
        }
        assertThat(total).isEqualTo(150);
        assertThat(json.get("classes").get(0).get("name").asText()).isEqualTo("setosa");
        assertThat(json.get("logLoss").asDouble()).isPositive().isLessThan(0.5);

        Cli text = Cli.run("evaluate", "--model", model.toString(), DATA.resolve("iris.csv").toString());
        assertThat(text.out()).contains("confusion matrix (rows: actual, columns: predicted)").contains("virginica");

        Cli predict = Cli.run("predict", "--model", model.toString(), DATA.resolve("iris.csv").toString(), "--proba");
        List<String> lines = predict.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("sepal_length,sepal_width,petal_length,petal_width,predicted_species,"
                + "proba_setosa,proba_versicolor,proba_virginica");
        assertThat(lines).hasSize(151);
        String[] first = lines.get(1).split(",");
        assertThat(first[4]).isEqualTo("setosa");
        double sum = Double.parseDouble(first[5]) + Double.parseDouble(first[6]) + Double.parseDouble(first[7]);
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void missingValuesAreRefusedUntilAPolicyIsChosen() {
        Cli refused = Cli.run("train", DATA.resolve("vote.arff").toString(), "--out", dir.resolve("v.json").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("error: ").contains("missing").contains("--missing mean")
                .contains("--missing drop");
        assertThat(refused.err().lines()).hasSize(1);
        assertThat(Files.exists(dir.resolve("v.json"))).isFalse();

        Path model = dir.resolve("vote.json");
        Cli train = Cli.run("train", DATA.resolve("vote.arff").toString(), "--missing", "mean", "--epochs", "50",
                "--out", model.toString(), "--quiet", "--format", "json");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Cli evaluate = Cli.run("evaluate", "-m", model.toString(), DATA.resolve("vote.arff").toString(), "--format",
                "json");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.json().get("accuracy").asDouble()).isGreaterThan(0.9);
    }

    @Test
    void mixedColumnsUnseenCategoriesAndIgnoredColumns() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), """
                id,colour,size,weight,label
                1,red,3.5,10,good
                2,blue,,12,bad
                3,red,4.0,11,good
                4,green,1.0,,bad
                5,blue,2.0,9,bad
                6,red,3.8,10,good
                """);
        Path model = dir.resolve("m.json");
        Cli run = Cli.run("train", train.toString(), "--ignore", "id", "--missing", "mean", "--hidden", "4",
                "--epochs", "300", "--learning-rate", "0.05", "--out", model.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Model trained = ModelFile.read(model);
        assertThat(trained.inputs()).containsExactly("colour=blue", "colour=green", "colour=red", "size", "weight");
        assertThat(trained.preprocessor().ignored()).containsExactly("id");

        Path fresh = Files.writeString(dir.resolve("new.csv"), "weight,colour,size\n10,purple,3.6\n12,blue,\n");
        Cli predict = Cli.run("predict", "--model", model.toString(), fresh.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.err()).contains("warning: 1 value of 'colour' was not seen in training");
        List<String> lines = predict.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("colour,size,weight,predicted_label");
        assertThat(lines.get(1)).startsWith("purple,3.6,10,");
        assertThat(lines.get(2)).startsWith("blue,,12,");
        assertThat(lines.get(2)).endsWith(",bad");
    }

    @Test
    void regressionOnAnArffFileAndTheConfusionPlot() {
        Path model = dir.resolve("cpu.json");
        Cli train = Cli.run("train", DATA.resolve("cpu.arff").toString(), "--out", model.toString(), "--quiet");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Cli evaluate = Cli.run("evaluate", "-m", model.toString(), DATA.resolve("cpu.arff").toString(), "--format",
                "json");
        assertThat(evaluate.json().get("r2").asDouble()).isGreaterThan(0.5);

        Path iris = dir.resolve("iris.json");
        assertThat(Cli.run("train", DATA.resolve("iris.arff").toString(), "--out", iris.toString(), "--epochs", "20",
                "--quiet").exitCode()).isZero();
        Cli plot = Cli.run("plot", "-m", iris.toString(), DATA.resolve("iris.arff").toString(), "--out",
                dir.resolve("c.svg").toString(), "--format", "json");
        assertThat(plot.exitCode()).as(plot.err()).isZero();
        assertThat(plot.json().get("kind").asText()).isEqualTo("confusion");
    }
}
