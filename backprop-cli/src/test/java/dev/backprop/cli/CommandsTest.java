package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every command run for real, its exit code and output checked. */
class CommandsTest {
    @TempDir
    Path dir;

    private Path trainedModel() {
        Path model = dir.resolve("model.json");
        assertThat(Cli.run("train", "--out", model.toString()).exitCode()).isZero();
        return model;
    }

    private Path sleepStudy() throws IOException {
        return Files.writeString(dir.resolve("sleep.csv"), "sleep,study,score\n3,5,75\n5,1,82\n10,2,93\n");
    }

    @Test
    void aRunBuildsOnlyTheCommandItRuns() {
        List<String> all = List.of("train", "predict", "evaluate", "gradcheck", "explain", "plot", "draw", "report",
                "serve", "cv", "tune", "importance", "export", "studio", "generate-completion");

        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(Main.commandLine("train").getSubcommands().keySet()).containsExactly("train");
        assertThat(Main.commandLine("trian").getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(Main.commandLine("--debug").getSubcommands().keySet()).containsExactlyElementsOf(all);
        // train's setting options come from its model transformer, which a lone subcommand must still run.
        assertThat(Main.commandLine("train").getSubcommands().get("train").getCommandSpec().findOption("--epochs"))
                .isNotNull();
        Cli run = Cli.run("trian");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Unmatched argument at index 0: 'trian'");
    }

    @Test
    void trainWithoutDataLearnsTheSeedsExample() throws IOException {
        Path model = dir.resolve("seed.json");
        Cli run = Cli.run("train", "--out", model.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("2 -> 3 sigmoid -> 1 sigmoid, loss sse").contains("predicted_score")
                .contains("model written to " + model);
        Model trained = ModelFile.read(model);
        Matrix predicted = trained.predict(Matrix.of(new double[][] {{3, 5}, {5, 1}, {10, 2}}));
        assertThat(predicted.get(0, 0)).isCloseTo(75, within(1.0));
        assertThat(predicted.get(1, 0)).isCloseTo(82, within(1.0));
        assertThat(predicted.get(2, 0)).isCloseTo(93, within(1.0));
        assertThat(trained.network().layer(0).hasBias()).isFalse();
        assertThat(trained.inputs()).containsExactly("sleep", "study");
    }

    @Test
    void trainPrintsOneJsonObject() {
        Path model = dir.resolve("m.json");
        Cli run = Cli.run("train", "--out", model.toString(), "--format", "json", "--epochs", "50");

        assertThat(run.exitCode()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("stopReason").asText()).isEqualTo("max-epochs");
        assertThat(json.get("epochs").asInt()).isEqualTo(50);
        assertThat(json.get("finalLoss").asDouble()).isPositive();
        assertThat(json.get("out").asText()).isEqualTo(model.toString());
        assertThat(Files.exists(model)).isTrue();
    }

    @Test
    void trainOnAFileWithOptions() throws IOException {
        Path data = Files.writeString(dir.resolve("d.csv"), "y,a,b\n1,0,0\n0,0,1\n0,1,0\n1,1,1\n");
        Path model = dir.resolve("m.json");
        Cli run = Cli.run("train", data.toString(), "--preset", "seed", "--target", "y", "--hidden", "4,3", "--bias",
                "--loss", "mse",
                "--learning-rate", "2", "--epochs", "300", "--tolerance", "0", "--scale", "none", "--seed", "3",
                "--out", model.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Model trained = ModelFile.read(model);
        assertThat(trained.network().architecture().toString())
                .isEqualTo("2 -> 4 sigmoid+b -> 3 sigmoid+b -> 1 sigmoid+b, loss mse");
        assertThat(trained.inputs()).containsExactly("a", "b");
        assertThat(trained.outputs()).containsExactly("y");
        assertThat(run.json().get("epochs").asInt()).isEqualTo(300);
    }

    @Test
    void trainWithModernOptimizersAndEarlyStopping() throws IOException {
        Path model = dir.resolve("adam.json");
        Cli run = Cli.run("train", "--optimizer", "adam", "--learning-rate", "0.05", "--epochs", "3000", "--bias",
                "--hidden", "4", "--activation", "tanh", "--validation", "0.34", "--patience", "20",
                "--out", model.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("stopReason").asText()).isEqualTo("early-stopping");
        assertThat(json.get("bestEpoch").asInt()).isPositive().isLessThanOrEqualTo(json.get("epochs").asInt());
        assertThat(json.get("epochs").asInt()).isLessThan(3000);
        assertThat(json.get("bestValidationLoss").asDouble()).isFinite();
        assertThat(ModelFile.read(model).network().layer(0).activation().id()).isEqualTo("tanh");

        Cli lbfgs = Cli.run("train", "--optimizer", "lbfgs", "--epochs", "200", "--out",
                dir.resolve("l.json").toString(), "--format", "json");
        assertThat(lbfgs.exitCode()).as(lbfgs.err()).isZero();
        assertThat(lbfgs.json().get("finalLoss").asDouble()).isLessThan(1e-8);
    }

    @Test
    void aDivergingRunKeepsTheLastFiniteWeightsAndFails() throws IOException {
        Path model = dir.resolve("d.json");
        Cli run = Cli.run("train", "--activation", "linear", "--output-activation", "linear", "--learning-rate", "50",
                "--out", model.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: training diverged: the loss became infinite or NaN in epoch ")
                .contains("try a smaller --learning-rate");
        for (double w : ModelFile.read(model).network().parameters()) {
            assertThat(w).isFinite();
        }
    }

    @Test
    void predictWritesInputsAndPredictionsAsCsv() throws IOException {
        Path model = trainedModel();
        Path data = Files.writeString(dir.resolve("new.csv"), "study,sleep\n5,3\n2,10\n");
        Cli run = Cli.run("predict", "--model", model.toString(), data.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("sleep,study,predicted_score");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("3,5,");
        assertThat(Double.parseDouble(lines.get(1).split(",")[2])).isCloseTo(75, within(1.0));
        assertThat(Double.parseDouble(lines.get(2).split(",")[2])).isCloseTo(93, within(1.0));

        Path out = dir.resolve("preds.csv");
        Cli toFile = Cli.run("predict", "--model", model.toString(), sleepStudy().toString(), "--out", out.toString());
        assertThat(toFile.exitCode()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(4).first().isEqualTo("sleep,study,predicted_score");

        Cli json = Cli.run("predict", "-m", model.toString(), data.toString(), "--format", "json");
        assertThat(json.json().get("predictions").get(1).asDouble()).isCloseTo(93, within(1.0));
    }

    /**
     * Numbers only, over two blocks of rows: each input cell is the shortest text of its value as the CSV writer
     * writes it (short decimals, integers, and values Schubfach writes: 1.0E-5, 17 digits), each prediction the
     * shortest text of the model's value; a missing cell, which the writer formats, leaves its field empty.
     */
    @Test
    void predictWritesNumbersAsTheCsvWriterDoes() throws IOException {
        Path model = trainedModel();
        StringBuilder csv = new StringBuilder("study,sleep\n");
        String[] odd = {"1e-5", "0.30000000000000004", "12345678.5", "-2.5", "7"};
        for (int i = 0; i < 5_000; i++) {
            csv.append(odd[i % odd.length]).append(',').append(i % 11 * 0.37).append('\n');
        }
        Path data = Files.writeString(dir.resolve("numbers.csv"), csv);
        Path out = dir.resolve("numbers-predicted.csv");
        assertThat(Cli.run("predict", "--model", model.toString(), data.toString(), "--out", out.toString())
                .exitCode()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(5_001);
        Model trained = ModelFile.read(model);
        for (int i = 0; i < 5_000; i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            double study = Double.parseDouble(odd[i % odd.length]);
            double sleep = i % 11 * 0.37;
            assertThat(cells).hasSize(3);
            assertThat(cells[0]).isEqualTo(sleep == Math.rint(sleep) ? Long.toString((long) sleep)
                    : com.fasterxml.jackson.core.io.NumberOutput.toString(sleep, true));
            assertThat(cells[1]).isEqualTo(study == Math.rint(study) && Math.abs(study) < 1e15
                    ? Long.toString((long) study) : com.fasterxml.jackson.core.io.NumberOutput.toString(study, true));
            double prediction = Double.parseDouble(cells[2]);
            assertThat(cells[2]).isEqualTo(com.fasterxml.jackson.core.io.NumberOutput.toString(prediction, true));
            assertThat(prediction).isCloseTo(trained.predict(Matrix.of(new double[][] {{sleep, study}})).get(0, 0),
                    within(1e-9 * Math.max(1, Math.abs(prediction))));
        }
        assertThat(lines.get(5).split(",")[1]).isEqualTo("7");
        assertThat(lines.get(1).split(",")[1]).isEqualTo("1.0E-5");

        Path gappy = dir.resolve("gappy.csv");
        Files.writeString(gappy, "sleep,study,score\n3,5,75\n5,,82\n10,2,93\n4,4,80\n");
        Path imputing = dir.resolve("imputing.json");
        assertThat(Cli.run("train", gappy.toString(), "--missing", "mean", "--epochs", "5", "--quiet", "--out",
                imputing.toString()).exitCode()).isZero();
        Path gappyOut = dir.resolve("gappy-predicted.csv");
        assertThat(Cli.run("predict", "--model", imputing.toString(), gappy.toString(), "--out", gappyOut.toString())
                .exitCode()).isZero();
        assertThat(Files.readAllLines(gappyOut).get(2)).startsWith("5,,");
    }

    @Test
    void evaluateReportsErrorsInTargetUnits() throws IOException {
        Cli run = Cli.run("evaluate", "--model", trainedModel().toString(), sleepStudy().toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("rows").asInt()).isEqualTo(3);
        assertThat(json.get("mae").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("rmse").asDouble()).isCloseTo(Math.sqrt(json.get("mse").asDouble()), within(1e-12));
        assertThat(json.get("r2").asDouble()).isGreaterThan(0.98).isLessThanOrEqualTo(1.0);
        assertThat(json.get("loss").asDouble()).isPositive().isLessThan(0.01);

        Cli text = Cli.run("evaluate", "--model", trainedModel().toString(), sleepStudy().toString());
        assertThat(text.out()).contains("RMSE").contains("R^2");
    }

    @Test
    void gradcheckAgreesOnAModelFile() throws IOException {
        Path model = dir.resolve("early.json");
        assertThat(Cli.run("train", "--epochs", "5", "--out", model.toString()).exitCode()).isZero();
        Cli run = Cli.run("gradcheck", "--model", model.toString(), sleepStudy().toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("maxRelativeError").asDouble()).isLessThan(1e-7);
        assertThat(json.get("layers")).hasSize(2);
        assertThat(json.get("layers").get(0).get("weightGradient")).hasSize(2);
        assertThat(json.get("layers").get(0).get("weightGradient").get(0)).hasSize(3);
        assertThat(json.get("layers").get(1).get("biasGradient").isNull()).isTrue();
    }

    @Test
    void explainShowsEveryMatrixOfTheSeedInOrder() {
        Cli run = Cli.run("explain", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode step = run.json().get("steps").get(0);
        List<String> names = new java.util.ArrayList<>();
        step.get("matrices").forEach(m -> names.add(m.get("name").asText()));
        assertThat(names).containsExactly("X", "y", "W(1)", "z(2)", "a(2)", "W(2)", "z(3)", "yhat", "delta(3)",
                "dJ/dW(2)", "delta(2)", "dJ/dW(1)", "W(1) after", "W(2) after");
        assertThat(step.get("lossAfterStep").asDouble()).isLessThan(step.get("loss").asDouble());

        Cli text = Cli.run("explain");
        assertThat(text.out()).contains("z(2) = X W(1)").contains("dJ/dW(1) = X^T delta(2)")
                .contains("J = sum 1/2 (y - yhat)^2 = ");
    }

    @Test
    void explainFollowsSeveralStepsEachStartingWhereTheLastEnded() {
        JsonNode steps = Cli.run("explain", "--steps", "3", "--format", "json").json().get("steps");

        assertThat(steps).hasSize(3);
        for (int s = 1; s < 3; s++) {
            JsonNode previous = steps.get(s - 1);
            assertThat(steps.get(s).get("loss").asDouble()).isEqualTo(previous.get("lossAfterStep").asDouble());
            JsonNode after = null;
            for (JsonNode m : previous.get("matrices")) {
                if (m.get("name").asText().equals("W(1) after")) {
                    after = m.get("value");
                }
            }
            assertThat(steps.get(s).get("matrices").get(0).get("name").asText()).isEqualTo("W(1)");
            assertThat(steps.get(s).get("matrices").get(0).get("value")).isEqualTo(after);
        }
        Cli markdown = Cli.run("explain", "--steps", "2", "--format", "markdown");
        assertThat(markdown.out()).startsWith("# Backpropagation, step by step").contains("## Step 2")
                .contains("$$z^{(2)} = X W^{(1)} = \\begin{bmatrix}")
                .contains("\\frac{\\partial J}{\\partial W^{(1)}} = (X)^T \\delta^{(2)}");
        assertThat(Cli.run("explain", "--steps", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void versionAndHelp() {
        assertThat(Cli.run("--version").out()).startsWith("backprop ")
                .containsPattern("\nmatrix products: (native:[^+]+\\+)?(java|vector-\\d+), \\d+ threads( in this JVM)?\n");
        Cli help = Cli.run("train", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--learning-rate").contains("Examples:");
        // train refuses --data-format parquet, so its help must not offer it as this command's
        assertThat(Cli.run("train", "--data-format", "parquet").err()).contains("unknown format 'parquet'");
        assertThat(help.out()).doesNotContainPattern("arff, or parquet|parquet \\(those this command reads\\)")
                .contains("csv, tsv or arff (backprop)");
    }
}
