package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.train.TrainingListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Honest numbers, almost-right data and uniform options (issue 13), tried in-process as a user would: evaluate with a
 * class never seen in training, gradcheck on relu networks (kinks, verdict, exit code), CSV columns that are almost
 * numeric, decimal commas and malformed quotes, the common options of every command, model files with trailing text
 * or a column both ignored and used, and the progress line's label. One reported test per case.
 */
class HonestBatteryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- almost-right data, refused at train time

    static Stream<Arguments> almostRightData() {
        return Stream.of(
                Arguments.of("a word among numbers (4,five,6)", "mix.csv", "a,y\n4,1\nfive,2\n6,3\n", List.of(),
                        "mix.csv: line 3, column 'a': 'five' is not a number, but 2 of the column's 3 values are"),
                Arguments.of("the first cell is the word", "first.csv", "a,y\nfive,1\n4,2\n6,3\n", List.of(),
                        "first.csv: line 2, column 'a': 'five' is not a number"),
                Arguments.of("exactly half numbers", "half.csv", "a,y\n1,1\nx,2\n", List.of(),
                        "half.csv: line 3, column 'a': 'x' is not a number, but 1 of the column's 2 values are"),
                Arguments.of("missing cells do not count", "gaps.csv", "a,y\n1,1\n,2\nx,3\n4,4\n", List.of(),
                        "gaps.csv: line 4, column 'a': 'x' is not a number, but 2 of the column's 3 values are"),
                Arguments.of("a typo in the target column", "target.csv", "a,y\n1,1\n2,2\n3,three\n", List.of(),
                        "target.csv: line 4, column 'y': 'three' is not a number"),
                Arguments.of("the message says how to proceed", "proceed.csv", "a,y\n4,1\nfive,2\n6,3\n", List.of(),
                        "fix the cell, leave it empty (a missing value, see --missing), or declare the column "
                                + "categorical with --categorical a"),
                Arguments.of("decimal comma in a ;-file (3,14)", "comma.csv", "a;y\n1;1\n3,14;2\n", List.of(),
                        "comma.csv: line 3, column 'a': '3,14' looks like a number written with a decimal comma, "
                                + "but numbers need a decimal point ('3.14')"),
                Arguments.of("every cell with a decimal comma", "allcomma.csv", "a;y\n3,14;1\n2,5;2\n", List.of(),
                        "allcomma.csv: line 2, column 'a': '3,14' looks like a number written with a decimal comma"),
                Arguments.of("decimal comma quoted in a comma file", "quoted.csv", "a,y\n\"3,14\",1\n2,2\n",
                        List.of(), "quoted.csv: line 2, column 'a': '3,14' looks like a number written with a "
                                + "decimal comma"),
                Arguments.of("decimal comma in a TSV file", "comma.tsv", "a\ty\n1,5\t1\n2,5\t2\n", List.of(),
                        "comma.tsv: line 2, column 'a': '1,5' looks like a number written with a decimal comma"),
                Arguments.of("malformed quote in a numeric column (\"9\"x)", "quote.csv", "a,y\n1,1\n\"9\"x,2\n4,3\n",
                        List.of(), "quote.csv: line 3, column 'a': a quoted value is followed by more text before "
                                + "the next delimiter"),
                Arguments.of("malformed quote in a text column", "textquote.csv",
                        "c,y\nred,1\n\"blue\"ish,2\ngreen,3\n", List.of(),
                        "textquote.csv: line 3, column 'c': a quoted value is followed by more text"),
                Arguments.of("malformed quote in the header", "headquote.csv", "\"a\"b,y\n1,1\n2,2\n", List.of(),
                        "headquote.csv: line 1, column 'ab': a quoted value is followed by more text"),
                Arguments.of("malformed quote in the target column", "yquote.csv", "a,y\n1,1\n2,\"2\"0\n", List.of(),
                        "yquote.csv: line 3, column 'y': a quoted value is followed by more text"),
                Arguments.of("malformed quote in a ;-file", "semiquote.csv", "a;y\n1;1\n\"2\"2;2\n", List.of(),
                        "semiquote.csv: line 3, column 'a': a quoted value is followed by more text"),
                Arguments.of("malformed quote in an ignored column", "ignquote.csv",
                        "id,a,y\n\"x\"1,1,1\nx2,2,2\n", List.of("--ignore", "id"),
                        "ignquote.csv: line 2, column 'id': a quoted value is followed by more text"),
                Arguments.of("--categorical names a column the file lacks", "nocol.csv", "a,y\n1,1\n2,2\n",
                        List.of("--categorical", "b"), "nocol.csv: line 1: --categorical names the column 'b', "
                                + "which the header does not have (columns: a, y)"),
                Arguments.of("--categorical on an ARFF file", "typed.arff",
                        "@relation r\n@attribute a numeric\n@attribute y numeric\n@data\n1,1\n2,2\n",
                        List.of("--categorical", "a"), "--categorical applies to CSV and TSV files; an ARFF file "
                                + "declares each attribute's type"));
    }

    @ParameterizedTest(name = "refused: {0}")
    @MethodSource("almostRightData")
    void almostRightDataIsRefusedWithLineAndColumn(String name, String file, String content, List<String> extra,
                                                   String expected) throws IOException {
        Path data = write(file, content);
        Path model = dir.resolve("model.json");
        List<String> args = new ArrayList<>(List.of("train", data.toString(), "--epochs", "3", "--hidden", "2",
                "--quiet", "--out", model.toString()));
        args.addAll(extra);
        Cli result = Cli.run(args.toArray(String[]::new));
        assertRefused(result, expected.startsWith(file) ? dir.resolve(file) + expected.substring(file.length())
                : expected);
        assertThat(model).doesNotExist();
    }

    static Stream<Arguments> rightData() {
        return Stream.of(
                Arguments.of("mostly text with a few numbers stays categorical", "c,y\nred,1\nblue,2\n3,3\ngreen,4\n",
                        List.of(), "c", "categorical"),
                Arguments.of("--categorical reads 4,five,6 as categories", "a,y\n4,1\nfive,2\n6,3\n",
                        List.of("--categorical", "a"), "a", "categorical"),
                Arguments.of("--categorical makes a numeric code categorical", "a,y\n1,1\n2,2\n3,3\n",
                        List.of("--categorical", "a"), "a", "categorical"),
                Arguments.of("an ignored column may hold anything", "id,a,y\n1,1,1\nx,2,2\n3,3,3\n",
                        List.of("--ignore", "id"), "a", "numeric"),
                Arguments.of("spaces after a closing quote are fine", "a,y\n\"1\" ,1\n\"2\"  ,2\n", List.of(), "a",
                        "numeric"),
                Arguments.of("an escaped quote inside quotes is fine", "c,y\n\"say \"\"hi\"\"\",1\nno,2\n", List.of(),
                        "c", "categorical"),
                Arguments.of("NaN and Inf as names are text, not numbers", "who,y\nNan,1\nbob,2\nInf,3\n", List.of(),
                        "who", "categorical"),
                Arguments.of("a comma inside quoted text is not a decimal comma", "c,y\n\"Smith, J\",1\nDoe,2\n",
                        List.of(), "c", "categorical"));
    }

    @ParameterizedTest(name = "accepted: {0}")
    @MethodSource("rightData")
    void rightDataTrainsWithTheExpectedColumnType(String name, String content, List<String> extra, String column,
                                                  String type) throws IOException {
        Path data = write("data.csv", content);
        Path model = dir.resolve("model.json");
        List<String> args = new ArrayList<>(List.of("train", data.toString(), "--epochs", "3", "--hidden", "2",
                "--quiet", "--out", model.toString(), "--task", "regression"));
        args.addAll(extra);
        Cli result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode columns = JSON.readTree(model.toFile()).get("preprocessing").get("columns");
        String actual = null;
        for (JsonNode c : columns) {
            if (c.get("name").asText().equals(column)) {
                actual = c.get("type").asText();
            }
        }
        assertThat(actual).isEqualTo(type);
    }

    static Stream<Arguments> bundledExample() {
        return Stream.of(
                Arguments.of("--categorical applies to the bundled example", "sleep", 0),
                Arguments.of("--categorical naming no column of the bundled example is refused", "nosuch", 2));
    }

    @ParameterizedTest(name = "bundled example: {0}")
    @MethodSource("bundledExample")
    void theBundledExampleTakesCategoricalToo(String name, String column, int exit) throws IOException {
        Path model = dir.resolve("seed.json");
        Cli result = Cli.run("train", "--categorical", column, "--epochs", "3", "--quiet", "--out", model.toString());
        assertThat(result.exitCode()).as(result.err()).isEqualTo(exit);
        if (exit == 0) {
            assertThat(JSON.readTree(model.toFile()).get("preprocessing").get("columns").get(0).toString())
                    .contains("\"name\":\"sleep\"").contains("\"type\":\"categorical\"");
        } else {
            assertRefused(result, "--categorical names the column 'nosuch', which the header does not have");
            assertThat(model).doesNotExist();
        }
    }

    static Stream<Arguments> readingAgainstAModel() {
        return Stream.of(
                Arguments.of("an unused column of numbers with a word is read", "a,b,extra,y\n1,2,4,1\n2,1,five,2\n",
                        0, "predicted_y"),
                Arguments.of("a word in a column numeric in training is refused", "a,b,y\n1,2,1\nfive,1,2\n", 2,
                        "line 3, column 'a': 'five' is not a number, but this column was numeric in the training"),
                Arguments.of("a decimal comma in a numeric column is refused", "a;b;y\n1;2;1\n1,5;1;2\n", 2,
                        "line 3, column 'a': '1,5' is not a number"));
    }

    @ParameterizedTest(name = "predict: {0}")
    @MethodSource("readingAgainstAModel")
    void predictLetsTheModelDecideTypes(String name, String content, int exit, String expected) throws IOException {
        Path model = trainRegression();
        Path data = write("new.csv", content);
        Path out = dir.resolve("predictions.csv");
        Cli result = Cli.run("predict", "--model", model.toString(), data.toString(), "--out", out.toString());
        if (exit == 0) {
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(Files.readString(out)).contains(expected);
        } else {
            assertRefused(result, expected);
            assertThat(out).doesNotExist();
        }
    }

    // ---------------------------------------------------------------- evaluate: classes never seen in training

    static Stream<Arguments> unseenClasses() {
        return Stream.of(
                Arguments.of("text: accuracy and macro F1 both count the unseen row", (Check) (dir, model, test) -> {
                    Cli r = Cli.run("evaluate", "--model", model, test);
                    assertThat(r.exitCode()).as(r.err()).isZero();
                    assertThat(r.out()).contains("accuracy  0.6667").contains("macro F1  0.5556")
                            .containsPattern("(?m)^loss +\\S+ \\(categorical-cross-entropy, on scaled data; the 1 "
                                    + "row of unseen classes adds 0\\)$");
                }),
                Arguments.of("text: the unseen class has its own row in the per-class table", (Check) (dir, m, t) -> {
                    Cli r = Cli.run("evaluate", "--model", m, t);
                    assertThat(r.out()).containsPattern("(?m)^z +0\\.0000 +0\\.0000 +0\\.0000 +1$")
                            .contains("not seen in training, so never predicted and every row an error: z");
                }),
                Arguments.of("text: the unseen class has a row and column in the confusion matrix",
                        (Check) (dir, m, t) -> {
                            Cli r = Cli.run("evaluate", "--model", m, t);
                            assertThat(r.out()).containsPattern("(?m)^ +a +b +z$").containsPattern("(?m)^z +0 +1 +0$");
                        }),
                Arguments.of("the warning names the unseen class", (Check) (dir, m, t) -> {
                    Cli r = Cli.run("evaluate", "--model", m, t);
                    assertThat(r.err().strip()).isEqualTo("warning: 1 row of 'c' holds a class not seen in training "
                            + "(z); it counts as an error, since the model never predicts it");
                }),
                Arguments.of("json: unseenClasses, the class list and the confusion matrix", (Check) (dir, m, t) -> {
                    JsonNode j = Cli.run("evaluate", "--model", m, t, "--format", "json").json();
                    assertThat(j.get("unseenClasses").toString()).isEqualTo("[\"z\"]");
                    assertThat(j.get("unseenClassRows").asInt()).isEqualTo(1);
                    assertThat(j.get("confusionMatrix").get("labels").toString()).isEqualTo("[\"a\",\"b\",\"z\"]");
                    assertThat(j.get("confusionMatrix").get("counts").toString()).isEqualTo("[[1,0,0],[0,1,0],[0,1,0]]");
                    assertThat(j.get("classes").get(2).get("support").asInt()).isEqualTo(1);
                    assertThat(j.get("macroF1").asDouble()).isCloseTo(5.0 / 9, org.assertj.core.data.Offset.offset(1e-12));
                }),
                Arguments.of("two unseen classes are both named", (Check) (dir, m, t) -> {
                    Path two = Files.writeString(dir.resolve("two.csv"), "x,y,c\n0,0,a\n1,1,b\n0.5,0.5,z\n0.4,0.4,w\n"
                            + "0.6,0.6,z\n");
                    Cli r = Cli.run("evaluate", "--model", m, two.toString(), "--format", "json");
                    assertThat(r.err()).contains("warning: 3 rows of 'c' hold classes not seen in training (z, w); "
                            + "they count as errors, since the model never predicts them");
                    assertThat(r.json().get("accuracy").asDouble()).isEqualTo(0.4);
                    assertThat(r.json().get("unseenClasses").toString()).isEqualTo("[\"z\",\"w\"]");
                }),
                Arguments.of("without unseen classes: no warning, an empty list", (Check) (dir, m, t) -> {
                    Path seen = Files.writeString(dir.resolve("seen.csv"), "x,y,c\n0,0,a\n1,1,b\n");
                    Cli r = Cli.run("evaluate", "--model", m, seen.toString(), "--format", "json");
                    assertThat(r.err()).isEmpty();
                    assertThat(r.json().get("unseenClasses").size()).isZero();
                    assertThat(r.json().get("macroF1").asDouble()).isEqualTo(r.json().get("accuracy").asDouble());
                }),
                Arguments.of("report lists the unseen class", (Check) (dir, m, t) -> {
                    Path html = dir.resolve("r.html");
                    Cli r = Cli.run("report", "--model", m, t, "--out", html.toString());
                    assertThat(r.exitCode()).as(r.err()).isZero();
                    assertThat(Files.readString(html)).contains("classes not seen in training (every row an error)");
                }),
                Arguments.of("plot --kind confusion draws the unseen class", (Check) (dir, m, t) -> {
                    Path png = dir.resolve("c.svg");
                    Cli r = Cli.run("plot", "--model", m, t, "--kind", "confusion", "--out", png.toString());
                    assertThat(r.exitCode()).as(r.err()).isZero();
                    assertThat(Files.readString(png)).contains(">z<");
                }));
    }

    @ParameterizedTest(name = "evaluate: {0}")
    @MethodSource("unseenClasses")
    void classesNeverSeenInTrainingCountAsErrorsEverywhere(String name, Check check) throws Exception {
        Path train = write("train.csv", "x,y,c\n0,0,a\n0,0.1,a\n0.1,0,a\n1,1,b\n0.9,1,b\n1,0.9,b\n");
        Path model = dir.resolve("classes.json");
        Cli trained = Cli.run("train", train.toString(), "--target", "c", "--hidden", "4", "--epochs", "300",
                "--learning-rate", "0.05", "--quiet", "--out", model.toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path test = write("test.csv", "x,y,c\n0,0,a\n1,1,b\n0.9,0.9,z\n");
        check.run(dir, model.toString(), test.toString());
    }

    /** One evaluate case: the directory, the trained model and the test file with one unseen class. */
    @FunctionalInterface
    interface Check {
        void run(Path dir, String model, String test) throws Exception;
    }

    // ---------------------------------------------------------------- gradcheck: kinks and a verdict

    static Stream<Arguments> gradchecks() {
        return Stream.of(
                Arguments.of("a relu model passes with its kinks counted and left out", "relu", List.of(), 0,
                        (Consumer<Cli>) r -> assertThat(r.out())
                                .containsPattern("largest relative error: \\S+ over all 17 comparisons")
                                .containsPattern("straddling a kink: \\d+ of 17 \\(a relu/leaky-relu z changes sign")
                                .containsPattern("largest relative error away from kinks: \\S+ over \\d+ comparisons")
                                .contains("verdict: pass (threshold 0.0001)")),
                Arguments.of("json carries the same fields", "relu", List.of("--format", "json"), 0,
                        (Consumer<Cli>) r -> {
                            JsonNode j = r.json();
                            assertThat(j.get("comparisons").asInt()).isEqualTo(17);
                            assertThat(j.has("kinkComparisons")).isTrue();
                            assertThat(j.get("maxRelativeErrorAwayFromKinks").asDouble()).isLessThan(1e-4);
                            assertThat(j.get("threshold").asDouble()).isEqualTo(1e-4);
                            assertThat(j.get("verdict").asText()).isEqualTo("pass");
                        }),
                Arguments.of("a kink at z = 0 is counted, and a large error there does not fail", "kink",
                        List.of("--format", "json"), 0, (Consumer<Cli>) r -> {
                            JsonNode j = r.json();
                            assertThat(j.get("kinkComparisons").asInt()).isPositive();
                            assertThat(j.get("maxRelativeError").asDouble()).isGreaterThan(0.1);
                            assertThat(j.get("maxRelativeErrorAwayFromKinks").asDouble()).isLessThan(1e-4);
                            assertThat(j.get("verdict").asText()).isEqualTo("pass");
                        }),
                Arguments.of("a sigmoid network has no kinks", "sigmoid", List.of("--format", "json"), 0,
                        (Consumer<Cli>) r -> {
                            assertThat(r.json().get("kinkComparisons").asInt()).isZero();
                            assertThat(r.json().get("maxRelativeErrorAwayFromKinks").asDouble())
                                    .isEqualTo(r.json().get("maxRelativeError").asDouble());
                        }),
                Arguments.of("threshold 0 fails: exit 1, full output", "relu", List.of("--threshold", "0"), 1,
                        (Consumer<Cli>) r -> assertThat(r.out()).contains("verdict: fail (threshold 0)")
                                .contains("dJ/dW(1) by backpropagation")),
                Arguments.of("json fail: exit 1, verdict fail", "relu", List.of("--threshold", "0", "--format",
                        "json"), 1, (Consumer<Cli>) r -> assertThat(r.json().get("verdict").asText())
                        .isEqualTo("fail")),
                Arguments.of("a negative threshold is refused", "relu", List.of("--threshold", "-1"), 2,
                        (Consumer<Cli>) r -> assertThat(r.err().strip())
                                .isEqualTo("error: --threshold must be >= 0 and finite but was -1.0")));
    }

    @ParameterizedTest(name = "gradcheck: {0}")
    @MethodSource("gradchecks")
    void gradcheckGivesAVerdictAndExplainsKinks(String name, String model, List<String> extra, int exit,
                                               Consumer<Cli> check) throws IOException {
        Path data = write("data.csv", "a,b,y\n0.2,0.9,0.3\n0.8,0.1,0.7\n0.5,0.5,0.1\n0.9,0.3,0.9\n");
        Path file = switch (model) {
            case "relu" -> handWritten("relu", new double[][] {{0.5, -0.3, 0.8, 0.2}, {-0.1, 0.4, 0.2, -0.6}},
                    new double[] {0.1, 0.2, -0.1, 0.3}, new double[][] {{0.7}, {-0.6}, {0.3}, {0.5}});
            // Row a = b = 0.5 (scaled: inputs as given) puts unit 1's z = 0.5 w1 + 0.5 w2 + b exactly at 0.
            case "kink" -> handWritten("relu", new double[][] {{0.5, 0.3, 0.8, 0.2}, {-0.5, 0.4, 0.2, -0.6}},
                    new double[] {0.0, 0.2, -0.1, 0.3}, new double[][] {{0.7}, {-0.6}, {0.3}, {0.5}});
            default -> handWritten("sigmoid", new double[][] {{0.5, -0.3, 0.8, 0.2}, {-0.1, 0.4, 0.2, -0.6}},
                    new double[] {0.1, 0.2, -0.1, 0.3}, new double[][] {{0.7}, {-0.6}, {0.3}, {0.5}});
        };
        List<String> args = new ArrayList<>(List.of("gradcheck", "--model", file.toString(), data.toString()));
        args.addAll(extra);
        Cli result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(exit);
        check.accept(result);
    }

    /** A 2 -> 4 hidden -> 1 linear model with a bias in the hidden layer, no scaling: x reaches the network as is. */
    private Path handWritten(String activation, double[][] w1, double[] b1, double[][] w2) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "backprop-model");
        root.put("version", 1);
        root.putArray("inputs").add("a").add("b");
        root.putArray("outputs").add("y");
        root.put("loss", "mse");
        ArrayNode layers = root.putArray("layers");
        ObjectNode hidden = layers.addObject();
        hidden.put("activation", activation);
        hidden.set("bias", JSON.valueToTree(b1));
        hidden.set("weights", JSON.valueToTree(w1));
        ObjectNode output = layers.addObject();
        output.put("activation", "linear");
        output.set("bias", JSON.valueToTree(new double[] {0.05}));
        output.set("weights", JSON.valueToTree(w2));
        Path file = dir.resolve(activation + "-" + Arrays.deepHashCode(w1) + ".json");
        Files.writeString(file, JSON.writeValueAsString(root));
        return file;
    }

    // ---------------------------------------------------------------- the same common options on every command

    static Stream<Arguments> commands() {
        return Stream.of("train", "predict", "evaluate", "gradcheck", "explain", "plot", "draw", "report",
                "serve", "cv", "tune", "importance", "export", "generate-completion").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} --bogus is refused")
    @MethodSource("commands")
    void everyCommandRefusesUnknownOptions(String command) throws IOException {
        String model = trainRegression().toString();
        String data = write("data.csv", REGRESSION).toString();
        List<String> args = new ArrayList<>(switch (command) {
            case "predict", "evaluate", "gradcheck", "plot", "report", "importance" ->
                    List.of(command, "--model", model, data);
            case "cv" -> List.of(command, data);
            case "tune" -> List.of(command, data, "--search", "hidden=2");
            case "draw" -> List.of(command, "--model", model, dir.resolve("n.svg").toString());
            case "serve" -> List.of(command, "--model", model, "--port", "0");
            case "export" -> List.of(command, "--model", model, "--out", dir.resolve("n.onnx").toString());
            default -> List.of(command);
        });
        args.add("--bogus");
        Cli result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).startsWith("error: ").contains("--bogus");
        assertThat(result.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0} --help lists --format, --debug and --help")
    @MethodSource("commands")
    void everyCommandTakesTheCommonOptions(String command) {
        Cli result = Cli.run(command, "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--format=FMT").contains("--debug").contains("-h, --help");
    }

    static Stream<Arguments> commonOptionUses() {
        return Stream.of(
                Arguments.of("report --format json describes the file it wrote", (Check) (dir, model, data) -> {
                    Path html = dir.resolve("report.html");
                    Cli r = Cli.run("report", "--model", model, data, "--out", html.toString(), "--format", "json");
                    assertThat(r.exitCode()).as(r.err()).isZero();
                    JsonNode j = r.json();
                    assertThat(j.get("out").asText()).isEqualTo(html.toString());
                    assertThat(j.get("bytes").asLong()).isEqualTo(Files.size(html));
                    assertThat(j.get("rows").asInt()).isEqualTo(4);
                    assertThat(j.get("task").asText()).isEqualTo("regression");
                }),
                Arguments.of("generate-completion --format json holds the script", (Check) (dir, model, data) -> {
                    Cli r = Cli.run("generate-completion", "--format", "json");
                    assertThat(r.exitCode()).isZero();
                    assertThat(r.json().get("shell").asText()).isEqualTo("bash");
                    assertThat(r.json().get("script").asText()).contains("complete -F").contains("gradcheck");
                }),
                Arguments.of("generate-completion takes --debug", (Check) (dir, model, data) -> {
                    Cli r = Cli.run("generate-completion", "--debug");
                    assertThat(r.exitCode()).isZero();
                    assertThat(r.out()).startsWith("#!/usr/bin/env bash");
                }),
                Arguments.of("--format markdown is refused before training", (Check) (dir, model, data) -> {
                    Path out = dir.resolve("md.json");
                    Cli r = Cli.run("train", data, "--format", "markdown", "--out", out.toString());
                    assertRefused(r, "--format markdown is for explain only; this command prints text or json");
                    assertThat(out).doesNotExist();
                }),
                Arguments.of("explain still writes markdown", (Check) (dir, model, data) -> {
                    Cli r = Cli.run("explain", "--format", "markdown");
                    assertThat(r.exitCode()).as(r.err()).isZero();
                    assertThat(r.out()).contains("$$");
                }),
                Arguments.of("--debug after a command still adds the stack trace", (Check) (dir, model, data) -> {
                    Cli r = Cli.run("evaluate", "--model", dir.resolve("absent.json").toString(), data, "--debug");
                    assertThat(r.exitCode()).isEqualTo(2);
                    assertThat(r.err()).startsWith("error: ").contains("\tat ");
                }),
                Arguments.of("--debug before the command is still accepted", (Check) (dir, model, data) -> {
                    Cli r = Cli.run("--debug", "evaluate", "--model", model, data);
                    assertThat(r.exitCode()).as(r.err()).isZero();
                }));
    }

    @ParameterizedTest(name = "options: {0}")
    @MethodSource("commonOptionUses")
    void theCommonOptionsWorkEverywhere(String name, Check check) throws Exception {
        check.run(dir, trainRegression().toString(), write("data.csv", REGRESSION).toString());
    }

    // ---------------------------------------------------------------- model files: trailing text, ignored and used

    static Stream<Arguments> brokenModels() {
        return Stream.of(
                Arguments.of("a second JSON object after the model", (Edit) text -> text + "\n{\"x\": 1}\n",
                        "text after the end of the JSON object (line "),
                Arguments.of("a word after the model", (Edit) text -> text + "garbage\n", "not valid JSON"),
                Arguments.of("a closing brace too many", (Edit) text -> text + "}\n",
                        "not valid JSON: Unexpected close marker '}'"),
                Arguments.of("an input column also ignored", (Edit) text -> text.replaceFirst(
                        "\"ignore\" : \\[ \\]", "\"ignore\" : [ \"a\" ]"),
                        "preprocessing: the column 'a' is both ignored and used (as an input)"),
                Arguments.of("the target column also ignored", (Edit) text -> text.replaceFirst(
                        "\"ignore\" : \\[ \\]", "\"ignore\" : [ \"y\" ]"),
                        "preprocessing: the column 'y' is both ignored and used (as the target)"));
    }

    @ParameterizedTest(name = "model file: {0}")
    @MethodSource("brokenModels")
    void modelFilesWithTrailingTextOrContradictionsAreRefused(String name, Edit edit, String expected)
            throws IOException {
        Path model = trainRegression();
        String text = Files.readString(model);
        assertThat(text).contains("\"ignore\" : [ ]");
        Path broken = Files.writeString(dir.resolve("broken.json"), edit.apply(text));
        Path data = write("data.csv", REGRESSION);
        Cli result = Cli.run("predict", "--model", broken.toString(), data.toString());
        assertRefused(result, broken + ": " + expected);
        assertThat(result.out()).isEmpty();
    }

    @ParameterizedTest(name = "model file: trailing whitespace is fine")
    @MethodSource("whitespace")
    void trailingWhitespaceIsNotText(String tail) throws IOException {
        Path model = trainRegression();
        Files.writeString(model, Files.readString(model) + tail);
        Cli result = Cli.run("predict", "--model", model.toString(), write("data.csv", REGRESSION).toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    static Stream<String> whitespace() {
        return Stream.of("\n\n  \t\r\n");
    }

    /** Changes a model file's text. */
    @FunctionalInterface
    interface Edit {
        String apply(String text);
    }

    // ---------------------------------------------------------------- the progress line says which loss it shows

    static Stream<Arguments> progressLabels() {
        return Stream.of(
                Arguments.of("mini-batches: the mean batch loss", 4, "mean batch loss 0.5"),
                Arguments.of("full batch: J before the epoch's step", 1, "J before this epoch's step 0.5"));
    }

    @ParameterizedTest(name = "progress: {0}")
    @MethodSource("progressLabels")
    void theProgressLineLabelsItsLoss(String name, int batches, String expected) {
        StringWriter text = new StringWriter();
        try (Progress progress = Progress.on(new PrintWriter(text))) {
            TrainingListener listener = progress;
            listener.trainingStarted(10, 100, batches);
            assertThat(progress.status(1, 0.5, Double.NaN)).startsWith(expected + "  ");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static final String REGRESSION = "a,b,y\n1,2,3\n2,1,4\n3,3,5\n4,1,7\n";

    private Path trainRegression() throws IOException {
        Path data = write("train.csv", REGRESSION);
        Path model = dir.resolve("regression.json");
        Cli result = Cli.run("train", data.toString(), "--hidden", "3", "--epochs", "20", "--quiet", "--out",
                model.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        return model;
    }

    private Path write(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Cli result, String expected) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).startsWith("error: ").contains(expected).doesNotContain("\tat ");
    }
}
