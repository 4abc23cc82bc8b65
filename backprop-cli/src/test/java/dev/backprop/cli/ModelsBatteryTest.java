package dev.backprop.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trained models as {@code predict}, {@code evaluate}, {@code explain}, {@code export} and {@code serve} meet them
 * after they left {@code train}: files edited by hand or merged, models trained on columns whose names the answer uses
 * itself, and data whose rows a model leaves out.
 */
class ModelsBatteryTest {
    @TempDir
    static Path dir;
    private static Path iris;

    @BeforeAll
    static void train() {
        iris = dir.resolve("iris.json");
        Cli run = Cli.run("train", RealDataTest.DATA.resolve("iris.csv").toString(), "--epochs", "20", "--out",
                iris.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /**
     * A layer's {@code "activation"} written twice (an edit that added a line instead of changing one): the model
     * predicted with the second while a reader sees the first. Now every command refuses the file in one line, and
     * the file is left as it was.
     */
    @Test
    void aModelWithAFieldWrittenTwiceIsRefusedByEveryCommandThatReadsIt() throws IOException {
        String text = Files.readString(iris);
        String twice = text.replaceFirst("\"activation\" : \"relu\",",
                "\"activation\" : \"relu\", \"activation\" : \"linear\",");
        assertThat(twice).isNotEqualTo(text);
        Path model = Files.writeString(dir.resolve("twice.json"), twice);
        String data = RealDataTest.DATA.resolve("iris.csv").toString();
        for (String[] args : new String[][] {{"predict", "--model", model.toString(), data},
                {"evaluate", "--model", model.toString(), data}, {"explain", "--model", model.toString(), data},
                {"export", "--model", model.toString(), "--out", dir.resolve("twice.onnx").toString()},
                {"serve", "--model", model.toString(), "--port", "0"}}) {
            Cli run = Cli.run(args);
            assertThat(run.exitCode()).as(args[0]).isEqualTo(2);
            assertThat(run.err()).as(args[0]).isEqualTo("error: " + model + ": the field 'activation' appears twice "
                    + "in one object (line 10): which one is meant is not known" + System.lineSeparator());
            assertThat(run.out()).as(args[0]).isEmpty();
        }
        assertThat(Files.readString(model)).isEqualTo(twice);
        assertThat(dir.resolve("twice.onnx")).doesNotExist();
    }

    /**
     * A row whose target is missing (or, for a model trained with --missing drop, any missing cell) is left out of
     * the scores: evaluate printed "rows 2" for a file of 3 and said nothing. Now it warns, as predict does.
     */
    @Test
    void rowsLeftOutOfTheScoresAreCountedInAWarning() throws IOException {
        Path train = Files.writeString(dir.resolve("line.csv"), "a,b,y\n1,2,3\n2,3,5\n3,1,4\n4,4,8\n5,2,7\n");
        Path model = dir.resolve("line.json");
        assertThat(Cli.run("train", train.toString(), "--missing", "mean", "--epochs", "5", "--out", model.toString(),
                "--quiet").exitCode()).isZero();
        Path gaps = Files.writeString(dir.resolve("gaps.csv"), "a,b,y\n1,2,3\n2,,\n3,1,4\n");
        String warning = "warning: 1 of 3 rows left out (a missing target, or missing values under --missing drop); "
                + "the scores are those of the other 2" + System.lineSeparator();
        Cli evaluate = Cli.run("evaluate", "--model", model.toString(), gaps.toString());
        assertThat(evaluate.exitCode()).isZero();
        assertThat(evaluate.err()).isEqualTo(warning);
        assertThat(evaluate.out()).startsWith("rows      2");
        Cli report = Cli.run("report", "--model", model.toString(), gaps.toString(), "--out",
                dir.resolve("gaps.html").toString());
        assertThat(report.exitCode()).isZero();
        assertThat(report.err()).isEqualTo(warning);
        assertThat(Cli.run("evaluate", "--model", model.toString(), train.toString()).err()).isEmpty();
    }

    /**
     * A hand-written model whose columns a data file cannot be matched to (two outputs and no preprocessing, an input
     * named twice, a target that is also an input) was refused with the core's sentence alone, naming no file. Every
     * command that reads data with it now names the model file; export, which needs no data file, still exports it.
     */
    @Test
    void aModelNoDataFileCanBeMatchedToIsRefusedNamingTheFile() throws IOException {
        Path data = Files.writeString(dir.resolve("ab.csv"), "a,b,y\n1,2,3\n2,1,4\n");
        String layer = "\"layers\": [{\"activation\": \"linear\", \"bias\": null, \"weights\": ";
        String[][] models = {
                {"outputs.json", "\"inputs\": [\"a\", \"b\"], \"outputs\": [\"y\", \"z\"], " + layer
                        + "[[1.0, 2.0], [3.0, 4.0]]}]", "a model with 2 outputs needs a preprocessor to read data files"},
                {"twice.json", "\"inputs\": [\"a\", \"a\"], \"outputs\": [\"y\"], " + layer + "[[1.0], [2.0]]}]",
                        "encoder lists column 'a' twice"},
                {"target.json", "\"inputs\": [\"a\", \"b\"], \"outputs\": [\"a\"], " + layer + "[[1.0], [2.0]]}]",
                        "the target 'a' is also an input"}};
        for (String[] m : models) {
            Path model = Files.writeString(dir.resolve(m[0]), "{\"format\": \"backprop-model\", \"version\": 1, "
                    + m[1] + "}");
            for (String command : new String[] {"predict", "evaluate", "explain", "gradcheck", "importance", "plot",
                    "report", "serve"}) {
                // serve reads no data file, but its rows are matched as a data file's are; it is refused unstarted.
                Cli run = Cli.run(command, "--model", model.toString(), command.equals("serve") ? "--port=0"
                        : data.toString());
                assertThat(run.exitCode()).as(command).isEqualTo(2);
                assertThat(run.err()).as(command).isEqualTo("error: " + model + ": " + m[2] + System.lineSeparator());
            }
            Path onnx = dir.resolve(m[0] + ".onnx");
            assertThat(Cli.run("export", "--model", model.toString(), "--out", onnx.toString()).exitCode()).isZero();
            assertThat(onnx).isNotEmptyFile();
        }
    }

    /**
     * A file of 200,000 columns (1.9 MB) given to an iris model: the refusal listed every column, a 1.6 MB error line.
     * Now it names twenty and counts the rest.
     */
    @Test
    void aRefusalListsTwentyColumnsAndCountsTheRest() throws IOException {
        StringBuilder header = new StringBuilder();
        for (int j = 0; j < 5_000; j++) {
            header.append(j == 0 ? "" : ",").append("c").append(j);
        }
        Path wide = Files.writeString(dir.resolve("wide.csv"), header + "\n" + "1,".repeat(4_999) + "1\n");
        String columns = " (columns: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, "
                + "c18, c19 and 4,980 more)" + System.lineSeparator();
        Cli predict = Cli.run("predict", "--model", iris.toString(), wide.toString());
        assertThat(predict.exitCode()).isEqualTo(2);
        assertThat(predict.err()).isEqualTo("error: " + wide + ": no columns named 'sepal_length', 'sepal_width', "
                + "'petal_length', 'petal_width'" + columns);
        Cli evaluate = Cli.run("evaluate", "--model", iris.toString(), wide.toString());
        assertThat(evaluate.exitCode()).isEqualTo(2);
        assertThat(evaluate.err()).isEqualTo("error: " + wide + ": evaluate needs the target column 'species', which "
                + "the file does not have" + columns);
    }

    /**
     * Inputs so far outside the training data's range that the network's sums overflow (infinity minus infinity) make
     * every class probability NaN; the largest of NaNs is the first class, which predict and serve named as the
     * answer. Now the class is left empty (null in JSON) and predict warns with the line.
     */
    @Test
    void aRowWhoseProbabilitiesAreNaNIsPredictedNoClass() throws IOException {
        StringBuilder far = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n");
        for (int signs = 0; signs < 16; signs++) {
            for (int j = 0; j < 4; j++) {
                far.append(j == 0 ? "" : ",").append((signs >> j & 1) == 0 ? "1.7e308" : "-1.7e308");
            }
            far.append('\n');
        }
        Path rows = Files.writeString(dir.resolve("far.csv"), far);
        Cli run = Cli.run("predict", "--model", iris.toString(), rows.toString(), "--proba");
        assertThat(run.exitCode()).isZero();
        List<String[]> lines = run.out().lines().skip(1).map(line -> line.split(",", -1)).toList();
        assertThat(lines).hasSize(17);
        assertThat(lines.get(0)[4]).isEqualTo("setosa");
        List<Long> classless = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i);
            boolean nan = cells[5].equals("NaN");
            assertThat(cells[4].isEmpty()).as("line %d: %s", i + 2, String.join(",", cells)).isEqualTo(nan);
            if (nan) {
                classless.add(i + 2L);
            }
        }
        assertThat(classless).as("rows whose sums overflow").isNotEmpty();
        assertThat(run.err()).startsWith("warning: the class probabilities are NaN for " + classless.size()
                + " rows (lines " + classless.get(0) + ", ").endsWith("): the inputs lie so far outside the training "
                + "data's range that the network's sums overflowed; no class is predicted for them"
                + System.lineSeparator());
        Cli json = Cli.run("predict", "--model", iris.toString(), rows.toString(), "--format", "json");
        assertThat(json.out()).contains("\"predictions\" : [ \"setosa\", ").contains("null");
        assertThat(Cli.run("predict", "--model", iris.toString(), RealDataTest.DATA.resolve("iris.csv").toString())
                .err()).isEmpty();
        Path labelled = Files.writeString(dir.resolve("farLabelled.csv"), far.toString()
                .replaceFirst("\n", ",species\n").replaceAll("(\\d)\n", "$1,setosa\n"));
        Cli evaluate = Cli.run("evaluate", "--model", iris.toString(), labelled.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        // Before, evaluate counted each such row as a prediction of the first class, here the right one.
        assertThat(evaluate.err()).isEqualTo("warning: the class probabilities are NaN for " + classless.size()
                + " rows (the inputs lie so far outside the training data's range that the network's sums "
                + "overflowed): the scores count each as an error that predicts no class" + System.lineSeparator());
        Matcher setosa = Pattern.compile("\\Rsetosa +(\\d+) +(\\d+) +(\\d+) +(\\d+)\\R").matcher(evaluate.out());
        assertThat(setosa.find()).as(evaluate.out()).isTrue();
        assertThat(Long.parseLong(setosa.group(4))).isEqualTo(classless.size());
        assertThat(IntStream.rangeClosed(1, 4).mapToLong(g -> Long.parseLong(setosa.group(g))).sum()).isEqualTo(17);
        assertThat(evaluate.out()).contains("columns: predicted; (none): NaN probabilities, no class predicted")
                .contains(String.format("accuracy  %.4f", Long.parseLong(setosa.group(1)) / 17.0));
        Cli scores = Cli.run("evaluate", "--model", iris.toString(), labelled.toString(), "--format", "json");
        assertThat(scores.out()).contains("\"unansweredRows\" : " + classless.size())
                .contains("\"unanswered\" : [ " + classless.size() + ", 0, 0 ]")
                .doesNotContain("\"logLoss\" : \"NaN\"");
    }

    /** A two-class model's curves rank every row's score; a row without one leaves them out instead of failing. */
    @Test
    void aTwoClassEvaluationWithNaNProbabilitiesLeavesTheCurvesOut() throws IOException {
        Path model = trainedOnTwoInputs("two", "c", (a, b) -> a + b > 1 ? "yes" : "no");
        Path test = Files.writeString(dir.resolve("twoFar.csv"), "a,b,c\n0.9,0.8,yes\n0.1,0.2,no\n"
                + "1.7e308,-1.7e308,yes\n");
        Cli evaluate = Cli.run("evaluate", "--model", model.toString(), test.toString(), "--format", "json");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.err()).endsWith("as an error that predicts no class; the ROC and precision-recall curves "
                + "are left out" + System.lineSeparator());
        assertThat(evaluate.out()).contains("\"unansweredRows\" : 1").doesNotContain("\"roc\"");
        Cli plot = Cli.run("plot", "--model", model.toString(), test.toString(), "--kind", "roc", "--out",
                dir.resolve("roc.svg").toString());
        Path page = dir.resolve("two.html");
        Cli report = Cli.run("report", "--model", model.toString(), test.toString(), "--out", page.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(page)).contains("rows with NaN probabilities (errors, no class predicted)")
                .contains("The input plane is not drawn").doesNotContain("ROC AUC");
        Cli surface = Cli.run("plot", "--model", model.toString(), test.toString(), "--out",
                dir.resolve("plane.svg").toString());
        assertThat(surface.exitCode()).isEqualTo(2);
        assertThat(surface.err()).isEqualTo("error: --kind surface cannot draw these rows: an input's range, from "
                + "its smallest to its largest value, is too wide for a number" + System.lineSeparator());
        assertThat(plot.exitCode()).isEqualTo(2);
        assertThat(plot.err()).contains("the class probabilities of some rows are NaN");
        assertThat(dir.resolve("roc.svg")).doesNotExist();
    }

    /**
     * A regression model's prediction overflows for inputs near ±1.8e308: evaluate says why its scores are NaN, and
     * the fit chart, whose axes cannot hold an infinite value (JFreeChart refused: "Must be finite."), leaves the
     * row out and says so.
     */
    @Test
    void aRegressionRowThatOverflowsIsNamedInEvaluateAndLeftOutOfTheFitChart() throws IOException {
        Path model = trainedOnTwoInputs("fit", "y", (a, b) -> Double.toString(2 * a + b));
        Path test = Files.writeString(dir.resolve("fitFar.csv"), "a,b,y\n0.5,0.5,1.5\n0.1,0.2,0.4\n"
                + "1.7e308,-1.7e308,3\n");
        Cli evaluate = Cli.run("evaluate", "--model", model.toString(), test.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.err()).isEqualTo("warning: the predictions are not finite numbers for 1 row (the inputs "
                + "lie so far outside the training data's range that the network's sums overflowed), so the scores "
                + "over all rows are not either" + System.lineSeparator());
        Path svg = dir.resolve("fit.svg");
        Cli plot = Cli.run("plot", "--model", model.toString(), test.toString(), "--kind", "fit", "--out",
                svg.toString());
        assertThat(plot.exitCode()).as(plot.err()).isZero();
        assertThat(Files.readString(svg)).contains("(1 row with a value that is not a finite");
        Cli report = Cli.run("report", "--model", model.toString(), test.toString(), "--out",
                dir.resolve("fit.html").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
    }

    /**
     * A model trained by {@code train} on 40 rows of inputs a, b in [0, 1) spread over the square and the target
     * column {@code target} = {@code label(a, b)}; written as NAME.csv and NAME.json in the test's folder.
     */
    private Path trainedOnTwoInputs(String name, String target, DoubleBinaryOperatorToText label) throws IOException {
        StringBuilder rows = new StringBuilder("a,b," + target + "\n");
        for (int i = 0; i < 40; i++) {
            double a = (i * 37 % 40) / 40.0;
            double b = (i * 11 % 40) / 40.0;
            rows.append(a).append(',').append(b).append(',').append(label.apply(a, b)).append('\n');
        }
        Path train = Files.writeString(dir.resolve(name + ".csv"), rows);
        Path model = dir.resolve(name + ".json");
        assertThat(Cli.run("train", train.toString(), "--out", model.toString(), "--quiet").exitCode()).isZero();
        return model;
    }

    /** A target cell from two inputs. */
    private interface DoubleBinaryOperatorToText {
        String apply(double a, double b);
    }

    /** explain's eta comes from the model when --learning-rate is not given: a refusal names the model, not the option. */
    @Test
    void explainNamesTheModelWhenItsRecordedLearningRateCannotBeUsed() throws IOException {
        Path model = Files.writeString(dir.resolve("eta.json"),
                Files.readString(iris).replaceFirst("\"learningRate\" : \"[^\"]*\"", "\"learningRate\" : \"-1\""));
        String data = RealDataTest.DATA.resolve("iris.csv").toString();
        Cli run = Cli.run("explain", "--model", model.toString(), data);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + model + ": its training record gives the learning rate as -1.0, "
                + "which is not > 0 and finite: give eta with --learning-rate" + System.lineSeparator());
        assertThat(Cli.run("explain", "--model", model.toString(), data, "--learning-rate", "0").err())
                .isEqualTo("error: --learning-rate must be > 0 and finite but was 0.0" + System.lineSeparator());
        assertThat(Cli.run("explain", "--model", model.toString(), data, "--learning-rate", "0.5").exitCode())
                .isZero();
    }

    /**
     * A model trained with an input column named {@code predicted_y} for the target {@code y}: {@code predict} wrote
     * two columns named {@code predicted_y}, the input and the prediction, so a reader of the CSV by name took one
     * for the other. Now the answer's column is {@code predicted_y_2}, with a warning, and likewise for
     * {@code proba_<class>}.
     */
    @Test
    void anAnswerColumnNeverSharesItsNameWithACopiedColumn() throws IOException {
        Path data = Files.writeString(dir.resolve("clash.csv"), """
                predicted_y,proba_b,predicted_y_2,y
                1,0.5,7,a
                2,0.25,7,b
                3,0.125,7,a
                4,0.0625,7,b
                """);
        Path model = dir.resolve("clash.json");
        assertThat(Cli.run("train", data.toString(), "--epochs", "5", "--out", model.toString(), "--quiet")
                .exitCode()).isZero();
        Cli run = Cli.run("predict", "--model", model.toString(), data.toString(), "--proba");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().findFirst()).contains(
                "predicted_y,proba_b,predicted_y_2,predicted_y_3,proba_a,proba_b_2");
        assertThat(run.out().lines().skip(1)).hasSize(4).allMatch(line -> line.split(",").length == 6);
        assertThat(run.err()).isEqualTo("warning: " + data + "'s column 'predicted_y' is copied to the answer, so the "
                + "answer's own 'predicted_y' is named 'predicted_y_3'" + System.lineSeparator()
                + "warning: " + data + "'s column 'proba_b' is copied to the answer, so the answer's own 'proba_b' is "
                + "named 'proba_b_2'" + System.lineSeparator());
        Cli plain = Cli.run("predict", "--model", iris.toString(), RealDataTest.DATA.resolve("iris.csv").toString(),
                "--proba");
        assertThat(plain.out().lines().findFirst()).contains("sepal_length,sepal_width,petal_length,petal_width,"
                + "predicted_species,proba_setosa,proba_versicolor,proba_virginica");
        assertThat(plain.err()).isEmpty();
    }
}
