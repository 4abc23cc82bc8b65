package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.command.Failures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Hostile data files and options for {@code train}: each case is what a careful user expects, either a model read the
 * way the README says (exit 0) or one line {@code error: ...} naming the file, line and column or the option (exit
 * 2), with no model written.
 */
class DataOptionsBatteryTest {
    private static final String GOOD = "a,b,y\n1,2,3\n4,5,6\n7,8,9\n";

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------------------------
    // Data files that train

    static Stream<Arguments> dataThatTrains() {
        return Stream.of(
                trains("UTF-8 byte-order mark is not part of the first name", "bom.csv",
                        "\uFEFFa,b,y\n1,2,3\n4,5,6\n7,8,9\n", m -> assertInputs(m, "a", "b")),
                trains("semicolon delimiter detected", "semi.csv", "a;b;y\n1;2;3\n4;5;6\n7;8;9\n",
                        m -> assertInputs(m, "a", "b")),
                trains("pipe delimiter detected", "pipe.csv", "a|b|y\n1|2|3\n4|5|6\n7|8|9\n",
                        m -> assertInputs(m, "a", "b")),
                trains("tab-separated file named .csv", "tabs.csv", "a\tb\ty\n1\t2\t3\n4\t5\t6\n7\t8\t9\n",
                        m -> assertRange(m, 0, 1, 7)),
                trains("CR-only line ends (old Mac)", "cr.csv", "a,b,y\r1,2,3\r4,5,6\r7,8,9\r",
                        m -> assertRange(m, 1, 2, 8)),
                trains("CRLF, quoted header and quoted numbers", "quoted.csv",
                        "\"a\",\"b\",\"y\"\r\n\"1\",\"2\",\"3\"\r\n\"4\",5,6\r\n7,\"8\",9\r\n",
                        m -> assertRange(m, 0, 1, 7)),
                trains("empty lines and lines of spaces are skipped", "gaps.csv",
                        "a,b,y\n\n1,2,3\n   \n4,5,6\n\n7,8,9\n\n\n", m -> assertRange(m, 0, 1, 7)),
                trains("whitespace around numbers", "spaced.csv", "a,b,y\n 1 , 2 ,3\n\t4,5\t,6\n7,8,9\n",
                        m -> assertRange(m, 0, 1, 7)),
                trains("+5, .5 and 5. are numbers", "signs.csv", "a,b,y\n+5,2,3\n.5,5,6\n5.,8,9\n",
                        m -> assertRange(m, 0, 0.5, 5)),
                trains("-0 and -0.0 are zero", "negzero.csv", "a,b,y\n-0,2,3\n1,5,6\n-0.0,8,9\n",
                        m -> assertRange(m, 0, 0, 1)),
                trains("huge numbers 1e300", "huge.csv", "a,b,y\n1e300,2,3\n-1e300,5,6\n7,8,9\n",
                        m -> assertRange(m, 0, -1e300, 1e300)),
                trains("input range wider than a double", "wide.csv",
                        "a,b,y\n1.7e308,2,3\n-1.7e308,5,6\n0,8,9\n", m -> assertRange(m, 0, -1.7e308, 1.7e308)),
                trains("target range wider than a double", "widetarget.csv",
                        "a,b,y\n1,2,1.7e308\n4,5,-1.7e308\n7,8,0\n",
                        m -> assertThat(m.at("/outputScaling/max/0").asDouble()).isEqualTo(1.7e308)),
                trains("1e-400 underflows to zero", "underflow.csv", "a,b,y\n1e-400,2,3\n-1e-400,5,6\n1,8,9\n",
                        m -> assertRange(m, 0, 0, 1)),
                trains("subnormal numbers", "tiny.csv", "a,b,y\n1e-320,2,3\n4.9e-324,5,6\n0,8,9\n",
                        m -> assertRange(m, 0, 0, 1e-320)),
                trains("hexadecimal floats are text, so the column is categorical", "hex.csv",
                        "a,b,y\n0x1p3,2,3\n0x10,5,6\n0x2p1,8,9\n",
                        m -> assertInputs(m, "a=0x10", "a=0x1p3", "a=0x2p1", "b")),
                trains("1_000 is text, so the column is categorical", "underscore.csv",
                        "a,b,y\n1_000,2,3\n2_000,5,6\n1_000,8,9\n", m -> assertInputs(m, "a=1_000", "a=2_000", "b")),
                trains("the infinity sign is text, not a number", "infsign.csv",
                        "a,b,y\n\u221e,2,3\n-\u221e,5,6\n\u221e,8,9\n",
                        m -> assertInputs(m, "a=-\u221e", "a=\u221e", "b")),
                trains("header names are stripped of spaces", "padded.csv", " a , b , y \n1,2,3\n4,5,6\n7,8,9\n",
                        m -> assertInputs(m, "a", "b"), "--target", "y"),
                trains("a constant regression target", "constant.csv", "a,b,y\n1,2,3\n4,5,3\n7,8,3\n",
                        m -> assertThat(m.at("/outputScaling/min/0").asDouble()).isEqualTo(3.0)),
                trains("a numeric target classified with --task", "classes.csv", GOOD,
                        m -> assertThat(m.at("/preprocessing/classes").toString()).isEqualTo("[\"3\",\"6\",\"9\"]"),
                        "--task", "Classification"),
                trains("TSV with commas inside text values", "names.tsv",
                        "name\tx\ty\nSmith, J\t1\t2\nDoe, A\t3\t4\nSmith, J\t5\t6\n",
                        m -> assertInputs(m, "name=Doe, A", "name=Smith, J", "x")),
                trains("an unknown extension is read as CSV", "data.txt", GOOD, m -> assertInputs(m, "a", "b")),
                trains("--data-format csv in any case", "data.dat", GOOD, m -> assertInputs(m, "a", "b"),
                        "--data-format", "CSV"),
                trains("--delimiter by name", "named.csv", "a;b;y\n1;2;3\n4;5;6\n7;8;9\n",
                        m -> assertInputs(m, "a", "b"), "--delimiter", "semicolon"),
                trains("--ignore naming a column twice ignores it once", "ignore.csv", GOOD,
                        m -> assertInputs(m, "b"), "--ignore", "a,a"),
                trains("ARFF in upper case with REAL", "upper.arff",
                        "@RELATION r\n@ATTRIBUTE a REAL\n@ATTRIBUTE c {x,y}\n@DATA\n1,x\n2,y\n3,x\n",
                        m -> assertThat(m.at("/preprocessing/classes").toString()).isEqualTo("[\"x\",\"y\"]")),
                trains("ARFF with a byte-order mark and CRLF", "bom.arff",
                        "\uFEFF@relation r\r\n@attribute a numeric\r\n@attribute c {x,y}\r\n@data\r\n1,x\r\n2,y\r\n",
                        m -> assertRange(m, 0, 1, 2)),
                trains("ARFF sparse rows (omitted values are 0 and the first nominal value)", "sparse.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n{0 5, 1 y}\n{1 x}\n{0 3}\n",
                        m -> assertRange(m, 0, 0, 5)),
                trains("ARFF quoted number and a comment after the values", "comment.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n'1',x % first\n4,y\n",
                        m -> assertRange(m, 0, 1, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void dataThatTrains(String name, String file, String content, Consumer<JsonNode> model, List<String> extra)
            throws IOException {
        Path data = write(file, content.getBytes(StandardCharsets.UTF_8));
        Cli run = train(data, extra);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rows of " + data);
        model.accept(new ObjectMapper().readTree(out().toFile()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Data files that are refused

    static Stream<Arguments> dataThatIsRefused() {
        return Stream.of(
                refused("a trailing delimiter on every line", "trailing.csv", "a,b,y,\n1,2,3,\n4,5,6,\n",
                        "line 1: header field 4 is empty"),
                refused("an empty header name", "emptyname.csv", "a,,y\n1,2,3\n4,5,6\n",
                        "line 1: header field 2 is empty"),
                refused("a header name of spaces", "blankname.csv", "a,  ,y\n1,2,3\n4,5,6\n",
                        "line 1: header field 2 is empty"),
                refused("a header name twice once stripped", "twice.csv", "a, a ,y\n1,2,3\n4,5,6\n",
                        "line 1, column 'a': the header names this column twice"),
                refused("only a byte-order mark", "bomonly.csv", "\uFEFF", "is empty"),
                refused("only spaces and tabs", "blank.csv", "   \n\t\n  ", "is empty"),
                refused("a trailing delimiter on the data rows only", "trailingrows.csv", "a,b,y\n1,2,3,\n4,5,6,\n",
                        "line 2: the row has 4 fields but the header has 3"),
                refused("only line ends", "newlines.csv", "\n\r\n\n", "is empty"),
                refused("inf", "inf.csv", "a,b,y\n1,inf,3\n4,5,6\n", "line 2, column 'b': 'inf' is not a finite"),
                refused("+INF", "plusinf.csv", "a,b,y\n1,2,3\n4,+INF,6\n", "line 3, column 'b': '+INF' is not a"),
                refused("lower-case nan", "nan.csv", "a,b,y\n1,2,3\n4,5,nan\n", "line 3, column 'y': 'nan' is not a"),
                refused("Infinity in the target", "inftarget.csv", "a,b,y\n1,2,Infinity\n4,5,6\n",
                        "line 2, column 'y': 'Infinity'"),
                refused("a quote never closed", "quote.csv", "a,b,y\n\"1,2,3\n4,5,6\n",
                        "line 2, column 'a': a quote opened here is never closed"),
                refused("a row with an extra field", "extra.csv", "a,b,y\n1,2,3\n4,5,6,7\n",
                        "line 3: the row has 4 fields but the header has 3"),
                refused("a NUL byte", "nul.csv", "a,b,y\n1,2\u0000,3\n4,5,6\n", "line 2: contains the control"),
                refused("a target that is all missing", "nolabel.csv", "a,b,y\n1,2,\n4,5,?\n7,8,NA\n",
                        "column 'y': the target has no value on any of the 3 rows"),
                refused("a target that is all missing, with --missing mean", "nolabel-mean.csv",
                        "a,b,y\n1,2,\n4,5,?\n", "column 'y': the target has no value on any of the 2 rows", "--missing",
                        "mean"),
                refused("every row incomplete, with --missing drop", "nolabel-drop.csv", "a,b,y\n1,2,\n4,,6\n",
                        "every row has a missing value, so no row is left", "--missing", "drop"),
                refused("one class only", "oneclass.csv", "a,b,y\n1,2,cat\n4,5,cat\n",
                        "classification needs at least two classes but the training data has only 'cat'"),
                refused("regression asked of a text target", "textreg.csv", "a,b,y\n1,2,cat\n4,5,dog\n",
                        "line 2, column 'y': regression needs a numeric target", "--task", "regression"),
                refused("a target column that does not exist", "notarget.csv", GOOD,
                        "no column named 'nope' (columns: a, b, y)", "--target", "nope"),
                refused("an empty target name", "emptytarget.csv", GOOD, "no column named ''", "--target", ""),
                refused("every input ignored", "ignoreall.csv", GOOD, "no input column is left once the target 'y' "
                        + "and the ignored columns are set aside", "--ignore", "a,b"),
                refused("an ignored column that does not exist", "noignore.csv", GOOD, "no column named 'zz'",
                        "--ignore", "zz"),
                refused("space-separated file read as one column", "spaces.csv", "a b y\n1 2 3\n4 5 6\n",
                        "has one column only, 'a b y', the target: there is nothing to learn from; if its fields "
                                + "are separated by another character, name it with --delimiter"),
                refused("--data-format tsv on a comma file", "comma.csv", GOOD,
                        "has one column only, 'a,b,y'", "--data-format", "tsv"),
                refused("--data-format arff on a CSV file", "notarff.csv", GOOD, "line 1: expected @relation",
                        "--data-format", "arff"),
                refused("two candidate delimiters in the header", "mixed.csv", "a,b;y\n1,2;3\n4,5;6\n",
                        "line 1: cannot tell the delimiter"),
                refused("UTF-16 with its byte-order mark", "utf16.csv", "a,y\n1,2\n3,4\n", "is not UTF-8 text"),
                refused("UTF-16 without a byte-order mark", "utf16be.csv", "a,y\n1,2\n3,4\n",
                        "line 1: contains the control character 0x00"),
                refused("ARFF value not declared", "undeclared.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,z\n2,y\n",
                        "line 5, column 'c': 'z' is not one of the values declared"),
                refused("ARFF string attribute", "string.arff",
                        "@relation r\n@attribute s string\n@attribute c {x,y}\n@data\nfoo,x\nbar,y\n",
                        "line 2, column 's': is a string attribute"),
                refused("ARFF date attribute", "date.arff",
                        "@relation r\n@attribute d date\n@attribute c {x,y}\n@data\n2020-01-01,x\n2020-01-02,y\n",
                        "line 2, column 'd': is a date attribute"),
                refused("ARFF attribute declared twice", "twice.arff",
                        "@relation r\n@attribute a numeric\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,2,x\n",
                        "line 3, column 'a': an attribute of this name is already declared"),
                refused("ARFF nominal value declared twice", "twicevalue.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {x,y,x}\n@data\n1,x\n2,y\n",
                        "line 3, column 'c': the nominal value 'x' is declared twice"),
                refused("ARFF nominal attribute with no values", "novalues.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {}\n@data\n1,x\n",
                        "line 3, column 'c': the nominal attribute declares no values"),
                refused("ARFF text in a numeric attribute", "text.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\nabc,x\n2,y\n",
                        "line 5, column 'a': 'abc' is not a number"),
                refused("ARFF number too large", "overflow.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n1e999,x\n2,y\n",
                        "line 5, column 'a': '1e999' is too large for a double"),
                refused("ARFF instance weights", "weights.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,x,{3}\n2,y\n",
                        "line 5: instance weights"),
                refused("ARFF row with too few values", "short.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,x\n5\n",
                        "line 6, column 'c': the row has 1 value but 2 attributes are declared"),
                refused("ARFF with one attribute", "single.arff", "@relation r\n@attribute a numeric\n@data\n1\n2\n",
                        "has one column only, 'a', the target: there is nothing to learn from"),
                refused("ARFF target all missing", "missing.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,?\n2,?\n",
                        "column 'c': the target has no value on any of the 2 rows"),
                refused("--delimiter given for an ARFF file", "delim.arff",
                        "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,x\n2,y\n",
                        "a delimiter applies to CSV and TSV files, not ARFF", "--delimiter", ";"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void dataThatIsRefused(String name, String file, String content, String expected, List<String> extra)
            throws IOException {
        byte[] bytes = file.equals("utf16.csv") ? content.getBytes(StandardCharsets.UTF_16)
                : file.equals("utf16be.csv") ? content.getBytes(StandardCharsets.UTF_16BE)
                : content.getBytes(StandardCharsets.UTF_8);
        Path data = write(file, bytes);
        Cli run = train(data, extra);
        assertRefused(run, expected);
        if (!expected.startsWith("a delimiter")) {
            assertThat(run.err()).startsWith("error: " + data);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Options

    static Stream<Arguments> optionsThatAreRefused() {
        return Stream.of(
                option("--schedule exponential:NaN", "'NaN' is not a number"),
                option("--schedule exponential:0x1p-1", "'0x1p-1' is not a number"),
                option("--schedule step:0.5:1e3", "'1e3' is not a whole number of epochs"),
                option("--schedule plateau:0.5:2:-1", "a plateau schedule's minimum rate must be >= 0"),
                option("--schedule step:0:5", "a schedule's factor must be in (0, 1] but was 0.0"),
                option("--schedule exponential:2", "a schedule's factor must be in (0, 1] but was 2.0"),
                option("--schedule plateau:0.5:0", "a plateau schedule's patience must be > 0"),
                option("--schedule step:0.5:0", "a step decay's interval must be > 0"),
                option("--schedule cosine", "unknown learning-rate schedule 'cosine'"),
                option("--schedule step:0.5:10:3", "unknown learning-rate schedule 'step:0.5:10:3'"),
                option("--momentum 0.5", "--momentum applies to the momentum and nesterov optimizers, not adam"),
                option("--preset seed --momentum 0.5", "--momentum applies to the momentum and nesterov "
                        + "optimizers, not gd"),
                option("--optimizer momentum --momentum 1", "--momentum must be in [0, 1) but was 1.0"),
                option("--optimizer nesterov --momentum NaN", "--momentum must be in [0, 1) but was NaN"),
                option("--l2 -1", "--l2 must be >= 0 and finite but was -1.0"),
                option("--l2 NaN", "--l2 must be >= 0 and finite but was NaN"),
                option("--l2 1e400", "--l2 must be >= 0 and finite but was Infinity"),
                option("--tolerance -1", "--tolerance must be >= 0 and finite but was -1.0"),
                option("--tolerance NaN", "--tolerance must be >= 0 and finite but was NaN"),
                option("--dropout 99999999999999999999", "--dropout must be in [0, 1) but was 1.0E20"),
                option("--validation 1e400", "--validation must be in [0, 1) but was Infinity"),
                option("--validation 0.1", "--validation 0.1 of 3 rows holds out 0 rows"),
                option("--learning-rate 1e-400", "--learning-rate must be > 0 and finite but was 0.0"),
                option("--hidden 3,0", "--hidden sizes must be > 0 but were [3, 0]"),
                option("--validation 0.999", "--validation 0.999 of 3 rows holds out 3 rows"),
                option("--learning-rate -0", "--learning-rate must be > 0 and finite but was -0.0"),
                option("--learning-rate 0x10", "'0x10' is not a double"),
                option("--learning-rate abc", "'abc' is not a double"),
                option("--epochs 1_0", "'1_0' is not an int"),
                option("--epochs 1e3", "'1e3' is not an int"),
                option("--seed 99999999999999999999", "'99999999999999999999' is not a long"),
                option("--patience NaN", "'NaN' is not an int"),
                option("--hidden 3,,2", "'' is not an int"),
                option("--hidden -0", "--hidden sizes must be > 0 but were [0]"),
                option("--batch-size -0", "--batch-size must be > 0 but was 0"),
                option("--threads -0", "--threads must be a number of threads > 0 but was 0"),
                option("--threads 100000", "--threads must be at most 1024"),
                option("--checkpoint-every 1e400", "'1e400' is not an int"),
                option("--ignore y", "the target 'y' cannot also be ignored"),
                option("--bias --no-bias", "option '--bias' should be specified only once"),
                option("--target y --target a", "option '--target' (COL) should be specified only once"),
                option("--epochs 5 --epochs 5", "option '--epochs' (MAX) should be specified only once"),
                option("--preset seed --preset auto", "option '--preset' (P) should be specified only once"),
                option("--activation softmax", "softmax is an output activation"),
                option("--activation swish", "unknown activation 'swish'"),
                option("--optimizer rmsprop", "unknown optimizer 'rmsprop'"),
                option("--loss hinge", "unknown loss 'hinge'"),
                option("--scale zscore", "unknown scaling 'zscore'"),
                option("--missing zero", "unknown missing-value policy 'zero'"),
                option("--task ranking", "unknown task 'ranking'"),
                option("--preset fast", "unknown preset 'fast'"),
                option("--format yaml", "--format must be text or json but was 'yaml'"),
                option("--data-format xlsx", "unknown format 'xlsx'"),
                option("--delimiter ab", "unknown delimiter 'ab'"),
                option("--delimiter \"", "unknown delimiter '\"'"),
                option("--loss binary-cross-entropy --output-activation linear",
                        "binary-cross-entropy needs a sigmoid output layer but it is linear"),
                option("--output-activation softmax", "a softmax output needs the loss categorical-cross-entropy"),
                option("--output-activation sigmoid --loss binary-cross-entropy",
                        "binary-cross-entropy needs targets in [0, 1] but row 1, column y is 3.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void optionsThatAreRefused(String args, String expected) throws IOException {
        assertRefused(train(write("good.csv", GOOD.getBytes(StandardCharsets.UTF_8)), List.of(args.split(" "))),
                expected);
    }

    static Stream<Arguments> optionsThatAreAccepted() {
        return Stream.of(
                accepted("--tolerance -0", m -> assertThat(m.at("/training/settings/tolerance").asText())
                        .isIn("0.0", "-0.0")),
                accepted("--optimizer momentum --momentum 0", m -> assertThat(
                        m.at("/training/settings/momentum").asText()).isEqualTo("0.0")),
                accepted("--optimizer NESTEROV --momentum 0.5", m -> assertThat(
                        m.at("/training/settings/optimizer").asText()).isEqualTo("nesterov")),
                accepted("--schedule STEP", m -> assertThat(m.at("/training/settings/schedule").asText())
                        .isEqualTo("step:0.5:100")),
                accepted("--seed -1", m -> assertThat(m.at("/training/settings/seed").asText()).isEqualTo("-1")),
                accepted("--hidden 3,", m -> assertThat(m.at("/layers/0/weights/0").size()).isEqualTo(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void optionsThatAreAccepted(String args, Consumer<JsonNode> model) throws IOException {
        Cli run = train(write("good.csv", GOOD.getBytes(StandardCharsets.UTF_8)), List.of(args.split(" ")));
        assertThat(run.exitCode()).as(run.err()).isZero();
        model.accept(new ObjectMapper().readTree(out().toFile()));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Arguments trains(String name, String file, String content, Consumer<JsonNode> model,
                                    String... extra) {
        return Arguments.of(name, file, content, model, List.of(extra));
    }

    private static Arguments refused(String name, String file, String content, String expected, String... extra) {
        return Arguments.of(name, file, content, expected, List.of(extra));
    }

    private static Arguments option(String args, String expected) {
        return Arguments.of(args, expected);
    }

    private static Arguments accepted(String args, Consumer<JsonNode> model) {
        return Arguments.of(args, model);
    }

    private static void assertInputs(JsonNode model, String... names) {
        List<String> inputs = new ArrayList<>();
        model.get("inputs").forEach(n -> inputs.add(n.asText()));
        assertThat(inputs).containsExactly(names);
    }

    /** Input column {@code j} was read as numbers from {@code min} to {@code max} (-0 counts as 0). */
    private static void assertRange(JsonNode model, int j, double min, double max) {
        assertThat(model.at("/inputScaling/min/" + j).asDouble()).isCloseTo(min, within(0.0));
        assertThat(model.at("/inputScaling/max/" + j).asDouble()).isCloseTo(max, within(0.0));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** {@code train} on {@code data} with a small network for two epochs, unless the case says otherwise. */
    private Cli train(Path data, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("train", data.toString(), "--out", out().toString(), "--quiet"));
        if (!extra.contains("--epochs")) {
            args.addAll(List.of("--epochs", "2"));
        }
        if (!extra.contains("--hidden")) {
            args.addAll(List.of("--hidden", "2"));
        }
        args.addAll(extra);
        return Cli.run(args.toArray(String[]::new));
    }

    private Path out() {
        return dir.resolve("out.json");
    }

    private void assertRefused(Cli run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Failures.BAD_INPUT);
        assertThat(run.err()).startsWith("error: ").doesNotContain("\tat ").contains(expected);
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(Files.exists(out())).as("no model written").isFalse();
    }
}
