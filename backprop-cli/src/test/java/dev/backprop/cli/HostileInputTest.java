package dev.backprop.cli;

import dev.backprop.command.Failures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list of hostile and broken input, tried as a user would: each bad case gives exit 2, one line
 * {@code error: ...} naming the file (and line and column where they apply), no stack trace and no output file;
 * each legitimate case trains.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    static Stream<Arguments> badData() {
        return Stream.of(
                Arguments.of("empty.csv", bytes(""), "empty.csv: is empty"),
                Arguments.of("header.csv", bytes("a,b,y\n"), "header.csv: has a header but no data rows"),
                Arguments.of("ragged.csv", bytes("a,b,y\n1,2,3\n4,5\n"), "ragged.csv: line 3, column 'y'"),
                Arguments.of("nan.csv", bytes("a,b,y\n1,NaN,3\n4,5,6\n"), "line 2, column 'b': 'NaN' is not a finite"),
                Arguments.of("inf.csv", bytes("a,b,y\n1,-Infinity,3\n4,5,6\n"), "line 2, column 'b': '-Infinity'"),
                Arguments.of("overflow.csv", bytes("a,b,y\n1,1e400,3\n4,5,6\n"), "'1e400' is too large for a double"),
                Arguments.of("dup.csv", bytes("a,a,y\n1,2,3\n4,5,6\n"), "column 'a': the header names this column twice"),
                Arguments.of("latin1.csv", "na\u00efve,b,y\n1,2,3\n".getBytes(StandardCharsets.ISO_8859_1),
                        "latin1.csv: line 1: is not UTF-8 text"),
                Arguments.of("utf16.csv", "a,b,y\n1,2,3\n".getBytes(StandardCharsets.UTF_16), "is not UTF-8 text"),
                Arguments.of("garbage.csv", garbage(), "garbage.csv: line 1"),
                Arguments.of("undeclared.arff", bytes("@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n"
                        + "1,x\n2,z\n"), "undeclared.arff: line 6, column 'c': 'z' is not one of the values"),
                Arguments.of("count.arff", bytes("@relation r\n@attribute a numeric\n@attribute b numeric\n@data\n"
                        + "1,2\n3\n"), "count.arff: line 6, column 'b': the row has 1 value but 2 attributes"),
                Arguments.of("quote.arff", bytes("@relation r\n@attribute a numeric\n@attribute c {'x y',z}\n@data\n"
                        + "1,'x y\n2,z\n"), "quote.arff: line 5, column 'c': the quote ' at character 3 is never"),
                Arguments.of("nodata.arff", bytes("@relation r\n@attribute a numeric\n@attribute b numeric\n"),
                        "nodata.arff: line 3: the file ends without a @data section"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badData")
    void badDataIsRefusedOnOneLine(String name, byte[] content, String expected) throws IOException {
        Path data = dir.resolve(name);
        Files.write(data, content);
        assertRefused(Cli.run("train", data.toString(), "--out", out().toString(), "--quiet"), expected);
    }

    @Test
    void aFieldLongerThanTheParserTakesIsRefused() throws IOException {
        Path data = dir.resolve("long.csv");
        try (OutputStream out = Files.newOutputStream(data)) {
            out.write(bytes("a,y\n"));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) '1');
            for (int i = 0; i < 17; i++) {
                out.write(chunk);
            }
        }
        assertRefused(Cli.run("train", data.toString(), "--out", out().toString(), "--quiet"),
                "long.csv: line 2: not valid CSV: ", "a field longer than 16 Mi characters");
    }

    @Test
    void directoriesAndMissingFilesAreRefused() {
        assertRefused(Cli.run("train", dir.toString(), "--out", out().toString()), "is a directory, not a data file");
        assertRefused(Cli.run("train", dir.resolve("nope.csv").toString(), "--out", out().toString()),
                "nope.csv: no such file");
        assertRefused(Cli.run("train", "--target", "nope", "--out", out().toString()), "no column named 'nope'");
    }

    static Stream<Arguments> legitimateData() {
        String wideHeader = IntStream.range(0, 10_000).mapToObj(j -> "c" + j).collect(Collectors.joining(","));
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder wide = new StringBuilder(wideHeader).append(",y\n");
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j <= 10_000; j++) {
                wide.append(j == 0 ? "" : ",").append(random.nextInt(100));
            }
            wide.append('\n');
        }
        return Stream.of(
                Arguments.of("constant.csv", "a,b,y\n1,5,3\n2,5,6\n3,5,9\n"),
                Arguments.of("single-row.csv", "a,b,y\n1,2,3\n"),
                Arguments.of("single-feature.csv", "a,y\n1,2\n2,4\n3,6\n"),
                Arguments.of("crlf.csv", "a,b,y\r\n1,2,3\r\n4,5,6\r\n7,8,9\r\n"),
                Arguments.of("quoted.csv", "\"a b\",\"c,d\",\"y\"\n1,2,3\n4,5,6\n"),
                Arguments.of("scientific.csv", "a,b,y\n1e-3,2.5E+2,3e0\n4E-1,5e1,6\n7,8e-10,9\n"),
                Arguments.of("non-ascii.csv", "gr\u00f6\u00dfe,\u6e29\u5ea6,y\n1,2,3\n4,5,6\n7,8,9\n"),
                Arguments.of("wide.csv", wide.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legitimateData")
    void legitimateDataTrains(String name, String content) throws IOException {
        Path data = dir.resolve(name);
        Files.writeString(data, content);
        Cli run = Cli.run("train", data.toString(), "--out", out().toString(), "--epochs", "5", "--quiet",
                "--hidden", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.exists(out())).isTrue();
        Cli predict = Cli.run("predict", "--model", out().toString(), data.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
    }

    @Test
    void badModelFilesAreRefused() throws IOException {
        Path data = dir.resolve("d.csv");
        Files.writeString(data, "a,b,y\n1,2,3\n4,5,6\n");
        Path good = dir.resolve("good.json");
        assertThat(Cli.run("train", data.toString(), "--out", good.toString(), "--epochs", "3", "--hidden", "2")
                .exitCode()).isZero();
        String json = Files.readString(good);
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {json.substring(0, json.length() / 2), "not valid JSON"});
        cases.add(new String[] {json.replace("\"backprop-model\"", "\"other\""), "\"format\" must be \"backprop-model\""});
        cases.add(new String[] {json.replaceFirst("\"version\" : 1", "\"version\" : 7"), "\"version\" must be 1"});
        cases.add(new String[] {json.replaceFirst("\"weights\" : \\[ \\[ [-0-9.E]+", "\"weights\" : [ [ NaN"),
                "Non-standard token 'NaN' (JSON numbers must be finite)"});
        cases.add(new String[] {json.replaceFirst("\"weights\" : \\[ \\[ [-0-9.E]+", "\"weights\" : [ [ 1e999"),
                "is not finite"});
        cases.add(new String[] {"[".repeat(5000) + "]".repeat(5000), "exceeds the maximum allowed nesting depth"});
        cases.add(new String[] {"{\"format\": \"backprop-model\", \"version\": 1, \"layers\": ["
                + "{\"weights\": [[1, 2]]}, {\"weights\": [[1], [2], [3]]}]}", "layer 2 has 3 weight rows but layer 1 "
                + "has 2 outputs"});
        cases.add(new String[] {"", "expected a JSON object"});
        for (String[] c : cases) {
            Path model = dir.resolve("bad.json");
            Files.writeString(model, c[0]);
            Path predictions = dir.resolve("p.csv");
            assertRefused(Cli.run("predict", "--model", model.toString(), data.toString(), "--out",
                    predictions.toString()), "bad.json: " + c[1].substring(0, 0), c[1]);
            assertThat(Files.exists(predictions)).isFalse();
            assertRefused(Cli.run("evaluate", "--model", model.toString(), data.toString()), c[1]);
        }
        Path text = dir.resolve("text.csv");
        Files.writeString(text, "a,b,y\n1,2,3\n4,hello,6\n");
        assertRefused(Cli.run("predict", "--model", good.toString(), text.toString()),
                "text.csv: line 3, column 'b': 'hello' is not a number, but this column was numeric in the training");
        Path fewer = dir.resolve("fewer.csv");
        Files.writeString(fewer, "q,b\n1,2\n");
        assertRefused(Cli.run("predict", "--model", good.toString(), fewer.toString()), "no column named 'a'");
    }

    @Test
    void badOptionsSayWhatIsAllowed() throws IOException {
        String[][] cases = {
                {"--bogus", "Unknown option: '--bogus'"},
                {"--hidden 0", "--hidden sizes must be > 0"},
                {"--hidden -4", "--hidden sizes must be > 0"},
                {"--batch-size 0", "--batch-size must be > 0"},
                {"--batch-size -1", "--batch-size must be > 0"},
                {"--epochs 0", "--epochs must be > 0"},
                {"--learning-rate 0", "--learning-rate must be > 0 and finite"},
                {"--learning-rate NaN", "--learning-rate must be > 0 and finite"},
                {"--learning-rate Infinity", "--learning-rate must be > 0 and finite"},
                {"--validation 1", "--validation must be in [0, 1)"},
                {"--validation -0.1", "--validation must be in [0, 1)"},
                {"--validation NaN", "--validation must be in [0, 1)"},
                {"--patience -1", "--patience must be >= 0"},
                {"--dropout 1", "--dropout must be in [0, 1)"},
                {"--checkpoint-every 0", "--checkpoint-every must be a number of epochs > 0"},
                {"--optimizer lbfgs --dropout 0.5", "dropout makes the loss random"},
                {"--optimizer lbfgs --batch-size 2", "lbfgs works on the full batch"},
                {"--init nope.json --hidden 3", "nope.json"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("train", "--out", out().toString(), "--quiet"));
            args.addAll(List.of(c[0].split(" ")));
            assertRefused(Cli.run(args.toArray(String[]::new)), c[1]);
        }
    }

    @Test
    void badResumesAreRefused() throws IOException {
        Path model = dir.resolve("m.json");
        assertThat(Cli.run("train", "--out", model.toString(), "--epochs", "3").exitCode()).isZero();
        assertRefused(Cli.run("train", "--resume", model.toString()), "m.json: not a checkpoint");
        assertRefused(Cli.run("train", "--resume", dir.resolve("nope.json").toString()), "nope.json: no such file");
        assertRefused(Cli.run("train", "--resume", model.toString(), "--seed", "4"),
                "only --quiet, --format, --threads, --out, --checkpoint, --plot-loss, a larger --epochs and "
                        + "--max-time may be added, but got --seed");
    }

    /**
     * A quoted header cell may hold a line break; a message naming that column shows it escaped, as the printed
     * tables do, on the one error line (the break once cut the line, and the name, where it stood).
     */
    @Test
    void aColumnNameHoldingALineBreakIsShownEscapedOnOneLine() throws IOException {
        Path data = dir.resolve("break.csv");
        Files.writeString(data, "\"a\nb\",c,y\n1,2,3\n2,3,4\n3,4,5\n4,5,6\n");
        assertRefused(Cli.run("train", data.toString(), "--target", "a\nb", "--sample-weight", "a\nb", "--out",
                out().toString()), "error: --sample-weight cannot be the target column 'a\\nb'");
        assertRefused(Cli.run("train", data.toString(), "--target", "a\nb", "--ignore", "a\nb", "--out",
                out().toString()), "error: the target 'a\\nb' cannot also be ignored");
        assertRefused(Cli.run("train", data.toString(), "--target", "a\r\nb", "--out", out().toString()),
                "error: " + data + ": no column named 'a\\r\\nb' (columns: a\\nb, c, y)");
        assertRefused(Cli.run("train", data.toString(), "--no-such-option", "a\nb", "--out", out().toString()),
                "'a\\nb'");
    }

    private Path out() {
        return dir.resolve("out.json");
    }

    private void assertRefused(Cli run, String... expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Failures.BAD_INPUT);
        assertThat(run.err()).startsWith("error: ").doesNotContain("\tat ").contains(expected);
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(Files.exists(out())).as("no model written").isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] garbage() {
        byte[] b = new byte[5000];
        new SplittableRandom(9).nextBytes(b);
        return b;
    }
}
