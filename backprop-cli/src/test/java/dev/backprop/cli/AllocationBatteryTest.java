package dev.backprop.cli;

import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13's hostile sizes: every size that follows from input (rows x one-hot width, parameters, optimizer state,
 * workspaces, the loss history, a model or checkpoint file's bytes and structure) is refused before it is allocated,
 * with exit 2, one line saying what was too big and by how much, no stack trace, nothing written and every input
 * file unchanged, and quickly. In-process cases ask for far more than any test heap (tens of GB or more, or more
 * than one array holds), so the refusal is the arithmetic's, not the machine's; the issue's own numbers (3 GB, a
 * 300-million-parameter network) run in a few child JVMs with a 256 MB heap, as does a real out-of-memory error.
 */
class AllocationBatteryTest {
    /** A refusal must come before any real work: seconds on a shared 2-core machine, not minutes. */
    private static final long QUICK_MS = 15_000;

    @TempDir
    Path dir;

    /** One case: what to run (files made in the test's directory), the exit code, fragments of the error line. */
    record Case(String name, Function<Path, String[]> args, int exitCode, String... fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> inProcess() {
        String size = "needs ";
        String heap = "but the JVM may use ";
        String raise = "raise the heap with BACKPROP_JAVA_OPTS=-Xmx";
        return Stream.of(
                // Networks: parameters, optimizer state and workspaces, counted before the weights exist.
                train("hidden 500,000,000 (gd)", d -> args("--hidden", "500000000"),
                        "the network has 1,500,000,000 parameters: training on 3 rows " + size, heap, raise),
                train("hidden 500,000,000 with adam", d -> args("--hidden", "500000000", "--optimizer", "adam"),
                        "1,500,000,000 parameters", "Adam's two moments", heap),
                train("hidden 500,000,000 with momentum", d -> args("--hidden", "500000000", "--optimizer",
                        "momentum"), "the velocity", heap),
                train("hidden 500,000,000 with nesterov", d -> args("--hidden", "500000000", "--optimizer",
                        "nesterov"), "the velocity", heap),
                train("hidden 500,000,000 with lbfgs", d -> args("--hidden", "500000000", "--optimizer", "lbfgs"),
                        "L-BFGS's 10 pairs of steps", heap),
                train("hidden 500,000,000 with sgd and dropout", d -> args("--hidden", "500000000", "--optimizer",
                        "sgd", "--dropout", "0.5"), "workspaces for batches of 3 rows", heap),
                train("hidden 40000,40000", d -> args("--hidden", "40000,40000"),
                        "the network has 1,600,120,000 parameters", heap),
                train("hidden 30000,30000,30000 with adam", d -> args("--hidden", "30000,30000,30000", "--optimizer",
                        "adam"), "1,800,090,000 parameters", heap),
                train("hidden 45000,45000 with bias and validation", d -> args("--hidden", "45000,45000", "--bias",
                        "--validation", "0.3"), "2,025,225,001 parameters", heap),
                train("hidden 100000,100000 (more than one array)", d -> args("--hidden", "100000,100000"),
                        "more than 2147483631 parameters, which is more than one array can hold"),
                train("hidden 2147483647", d -> args("--hidden", "2147483647"), "more than one array can hold"),
                train("a wide data file with hidden 200,000,000", d -> args(write(d, "wide.csv", wide(200)),
                        "--hidden", "200000000"), "more than 2147483631 parameters, which is more than one array can hold"),
                // One-hot data: rows x distinct values, refused at encoding with the column named.
                train("120,000 distinct ids", d -> args(write(d, "ids.csv", ids(120_000, ",")), "--target", "y",
                        "--task", "regression", "--keep", "id"),
                        "column 'id' has 120,000 distinct values: the network has 12,000,201 parameters: training on "
                                + "120,000 rows " + size, "(the encoded 120,000 x 120,001 data, weights, gradient, "
                                + "Adam's two moments", heap, "leave out columns with many distinct values", raise),
                train("120,000 distinct ids, tab-separated", d -> args(write(d, "ids.tsv", ids(120_000, "\t")),
                        "--target", "y", "--task", "regression", "--keep", "id"), "column 'id' has 120,000 distinct values", heap),
                train("120,000 distinct ids with --missing mean", d -> args(write(d, "ids.csv", ids(120_000, ",")),
                        "--missing", "mean", "--task", "regression", "--keep", "id"), "column 'id' has 120,000 distinct values"),
                train("120,000 distinct ids with a validation split", d -> args(write(d, "ids.csv",
                        ids(120_000, ",")), "--validation", "0.2", "--task", "regression", "--keep", "id"), "column 'id' has 120,000 distinct values"),
                train("two wide columns are both named", d -> args(write(d, "two.csv", twoWide(70_000)), "--task",
                        "regression", "--keep", "a,b"),
                        "column 'a' has 70,000 distinct values, column 'b' has 70,000 distinct values: the network "
                                + "has", "(the encoded 70,000 x 140,001 data"),
                train("65,536 x 65,536 one-hot cells (an int overflow before)", d -> args(write(d, "c.csv",
                        categories(65_536)), "--task", "regression", "--keep", "c"), "column 'c' has 65,536 distinct values: the network has",
                        "(the encoded 65,536 x 65,537 data"),
                train("ARFF nominal attribute with 100,000 values", d -> args(write(d, "n.arff", arff(100_000)), "--task",
                        "regression", "--keep", "id"),
                        "column 'id' has 100,000 distinct values"),
                train("100,000 target classes", d -> args(write(d, "classes.csv", classes(100_000))),
                        "target 'y' has 100,000 classes: the network has 10,100,200 parameters: training on "
                        + "100,000 rows " + size, "(the encoded 100,000 x 100,001 data"),
                refusal("gradcheck of 100,000 rows through 100,000 hidden units", d -> args("gradcheck", "--model",
                        wideModel(d), write(d, "rows.csv", seedRows(100_000))), "error: layer 1's workspace for 100,000 rows x "
                        + "100,000 units would have 10,000,000,000 elements, more than one Java array can hold"),
                // Model and checkpoint files: a regular file, bounded structure, before any tree is built.
                refusal("predict --model /dev/zero", d -> args("predict", "--model", "/dev/zero", seedData(d)),
                        "error: /dev/zero: not a regular file"),
                refusal("evaluate --model /dev/zero", d -> args("evaluate", "--model", "/dev/zero", seedData(d)),
                        "error: /dev/zero: not a regular file"),
                refusal("gradcheck --model /dev/zero", d -> args("gradcheck", "--model", "/dev/zero", seedData(d)),
                        "error: /dev/zero: not a regular file"),
                refusal("explain --model /dev/zero", d -> args("explain", "--model", "/dev/zero"),
                        "error: /dev/zero: not a regular file"),
                refusal("draw --model /dev/zero", d -> args("draw", "--model", "/dev/zero",
                        d.resolve("net.svg").toString()), "error: /dev/zero: not a regular file"),
                refusal("report --model /dev/zero", d -> args("report", "--model", "/dev/zero", seedData(d),
                        "--out", d.resolve("r.html").toString()), "error: /dev/zero: not a regular file"),
                train("train --init /dev/zero", d -> args("--init", "/dev/zero"), "error: /dev/zero: not a regular file"),
                refusal("train --resume /dev/zero", d -> args("train", "--resume", "/dev/zero"),
                        "error: /dev/zero: not a regular file"),
                refusal("predict --model /dev/null", d -> args("predict", "--model", "/dev/null", seedData(d)),
                        "error: /dev/null: not a regular file"),
                refusal("predict --model a FIFO", d -> args("predict", "--model", fifo(d), seedData(d)),
                        "model.fifo: not a regular file"),
                refusal("train --resume a FIFO", d -> args("train", "--resume", fifo(d)),
                        "model.fifo: not a regular file"),
                refusal("model of 2,000,000 empty objects", d -> args("predict", "--model", write(d, "m.json",
                        bomb("{}")), seedData(d)), "m.json: holds 2,000,006 JSON objects, arrays, strings and names "
                        + "for 1 number: the model file has at most 4 per number plus 10,000"),
                refusal("model of 2,000,000 empty arrays", d -> args("predict", "--model", write(d, "m.json",
                        bomb("[]")), seedData(d)), "m.json: holds 2,000,006 JSON objects"),
                refusal("model of 2,000,000 nulls", d -> args("predict", "--model", write(d, "m.json",
                        bomb("null")), seedData(d)), "m.json: holds 2,000,006 JSON"),
                refusal("model of 2,000,000 strings", d -> args("predict", "--model", write(d, "m.json",
                        bomb("\"x\"")), seedData(d)), "m.json: holds 2,000,006 JSON"),
                refusal("model of 2,000,000 booleans", d -> args("train", "--init", write(d, "m.json",
                        bomb("true")), "--out", d.resolve("out.json").toString()), "m.json: holds 2,000,006 JSON"),
                refusal("checkpoint of 2,000,000 empty objects", d -> args("train", "--resume", write(d, "c.json",
                        bomb("{}").replace("backprop-model", "backprop-checkpoint"))),
                        "c.json: holds 2,000,006 JSON objects", "the checkpoint file has at most 4 per number"),
                refusal("model nested 100,000 deep", d -> args("predict", "--model", write(d, "m.json",
                        "[".repeat(100_000)), seedData(d)), "m.json: not valid JSON", "nesting depth"),
                // The loss history grows as epochs run: a large epoch limit costs nothing up front.
                new Case("epochs 2,000,000,000 trains until it converges", d -> args("train", "--epochs",
                        "2000000000", "--tolerance", "1e-3", "--quiet", "--out", d.resolve("model.json").toString()),
                        0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inProcess")
    void refusedBeforeAllocating(Case c) throws IOException {
        String[] args = c.args().apply(dir);
        List<Path> inputs = existingFiles(args);
        List<byte[]> before = contents(inputs);
        long start = System.nanoTime();
        Cli result = Cli.run(args);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.exitCode()).as(result.err()).isEqualTo(c.exitCode());
        assertThat(millis).as("milliseconds").isLessThan(QUICK_MS);
        assertThat(contents(inputs)).as("input files unchanged").containsExactlyElementsOf(before);
        if (c.exitCode() == 0) {
            assertThat(result.err()).isEmpty();
            assertThat(dir.resolve("model.json")).exists();
            return;
        }
        assertOneLine(result.err(), c.fragments());
        assertThat(dir.resolve("out.json")).doesNotExist();
        assertThat(dir.resolve("r.html")).doesNotExist();
        assertThat(dir.resolve("net.svg")).doesNotExist();
    }

    /** The history grows as the run goes, and a checkpoint of such a run resumes to the same model, byte for byte. */
    @Test
    void aHugeEpochLimitCheckpointsAndResumesBitIdentically() throws IOException {
        Path whole = dir.resolve("whole.json");
        Path paused = dir.resolve("paused.json");
        Path checkpoint = dir.resolve("paused.json.checkpoint.json");
        String[] common = {"train", "--epochs", "2000000000", "--tolerance", "1e-3", "--quiet", "--optimizer", "adam",
                "--learning-rate", "0.05", "--hidden", "3"};
        assertThat(Cli.run(concat(common, "--out", whole.toString())).exitCode()).isZero();
        assertThat(Cli.run(concat(common, "--out", paused.toString(), "--checkpoint-every", "7")).exitCode()).isZero();
        assertThat(checkpoint).exists();
        Files.delete(paused);
        Cli resumed = Cli.run("train", "--resume", checkpoint.toString(), "--quiet");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(Files.readString(paused)).isEqualTo(Files.readString(whole));
    }

    static Stream<Case> childJvm() {
        String heap = "but the JVM may use ";
        return Stream.of(
                new Case("the issue's --hidden 100000000", d -> args("train", "--hidden", "100000000", "--quiet",
                        "--out", d.resolve("out.json").toString()), 2,
                        "the network has 300,000,000 parameters: training on 3 rows needs", heap),
                new Case("the issue's --hidden 20000,20000", d -> args("train", "--hidden", "20000,20000", "--quiet",
                        "--out", d.resolve("out.json").toString()), 2, "the network has 400,060,000 parameters", heap),
                new Case("the issue's 20,000 unique ids in a 560 KB file", d -> args("train", write(d, "ids.csv",
                        ids(20_000, ",")), "--task", "regression", "--keep", "id", "--quiet", "--out", d.resolve("out.json").toString()), 2,
                        "column 'id' has 20,000 distinct values: the network has 2,000,201 parameters: training on "
                                + "20,000 rows needs", "(the encoded 20,000 x 20,001 data", heap),
                new Case("a model of 3,000,000 numbers in a 64 MB heap", d -> args("predict", "--model",
                        write(d, "m.json", numbers(3_000_000)), seedData(d)), 2,
                        "m.json: reading the model file of", "(3,000,001 numbers) needs", "(its text and JSON tree)",
                        heap),
                // 580 KB of sparse rows {0 v, 19999 c} are 5,000 x 20,000 values: refused as the columns grow, not
                // read until the heap runs out.
                new Case("a sparse ARFF of 20,000 attributes in a 64 MB heap", d -> args("train",
                        write(d, "sparse.arff", sparseArff(20_000, 5_000)), "--quiet", "--out",
                        d.resolve("out.json").toString()), 2, "sparse.arff: ",
                        " rows x 20,000 attributes read so far, growing to ", heap),
                // The first bytes say it is no results file: it is refused before the rest is read (it was read
                // whole, and copied, first: 80 MB).
                new Case("a 40 MB file that is no results file, as tune's --results, in a 64 MB heap", d -> args(
                        "tune", write(d, "rows.csv", big(40)), "--search", "hidden=2,3", "--quiet", "--results",
                        write(d, "notes.txt", "x".repeat(40_000_000))), 2, "notes.txt is no results file of "
                        + "backprop tune"),
                new Case("out of memory reading 400,000 rows in a 24 MB heap", d -> args("train", write(d, "big.csv",
                        big(400_000)), "--quiet", "--out", d.resolve("out.json").toString()), 1,
                        "error: out of memory while running train (the JVM may use", "BACKPROP_JAVA_OPTS=-Xmx"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("childJvm")
    void refusedInASmallHeap(Case c) throws Exception {
        String[] args = c.args().apply(dir);
        String xmx = c.name().contains("24 MB") ? "-Xmx24m" : c.name().contains("64 MB") ? "-Xmx64m" : "-Xmx256m";
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), xmx, "-cp", classpath, Main.class.getName()));
        command.addAll(Arrays.asList(args));
        Path err = dir.resolve("err.txt");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(c.name() + " still ran after 60 s");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(process.exitValue()).as(Files.readString(err)).isEqualTo(c.exitCode());
        assertThat(millis).as("milliseconds").isLessThan(QUICK_MS);
        assertOneLine(Files.readString(err).lines().filter(l -> !l.startsWith("WARNING")).reduce("",
                (a, b) -> a + b + "\n"), c.fragments());
        assertThat(dir.resolve("out.json")).doesNotExist();
    }

    /**
     * The 20,000 unique ids, beside a number: the id column is left out before the encoder is fitted, so
     * nothing is ever sized by its 20,000 categories (3.2 GB one-hot) and training fits a 32 MB heap.
     */
    @Test
    void anIdentifierIsLeftOutBeforeAnythingIsSizedByIt() throws Exception {
        StringBuilder csv = new StringBuilder("id,x,y\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("user").append(i).append(',').append(i % 100).append(',').append(i % 7).append('\n');
        }
        String data = write(dir, "ids.csv", csv.toString());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", classpath, Main.class.getName(), "train", data, "--task", "regression", "--epochs",
                "1", "--quiet", "--out", dir.resolve("out.json").toString()).directory(dir.toFile())
                .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("training still ran after 60 s");
        }
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(err).contains("warning: column 'id' has 20000 distinct values in 20000 rows, like an identifier");
        Model model = ModelFile.read(dir.resolve("out.json"));
        assertThat(model.inputs()).containsExactly("x");
        assertThat(model.preprocessor().ignored()).containsExactly("id");
    }

    @Test
    void aStackOverflowIsOneLineToo() {
        assertThat(Main.FAILURES.message(new StackOverflowError(), "predict"))
                .isEqualTo("input nested too deep: the stack overflowed while running predict");
    }

    private static void assertOneLine(String err, String... fragments) {
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err).startsWith("error: ").contains(fragments).doesNotContain("\tat ", "Exception", "Error:");
    }

    private static Case train(String name, Function<Path, String[]> extra, String... fragments) {
        return new Case(name, d -> concat(concat(new String[] {"train"}, extra.apply(d)), "--quiet", "--out",
                d.resolve("out.json").toString()), 2, fragments);
    }

    private static Case refusal(String name, Function<Path, String[]> args, String... fragments) {
        return new Case(name, args, 2, fragments);
    }

    private static String[] args(String... args) {
        return args;
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    private static List<Path> existingFiles(String[] args) {
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            Path path = Path.of(arg);
            if (!arg.startsWith("-") && !arg.startsWith("/dev/") && Files.isRegularFile(path)) {
                files.add(path);
            }
        }
        return files;
    }

    private static List<byte[]> contents(List<Path> files) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path file : files) {
            out.add(Files.readAllBytes(file));
        }
        return out;
    }

    private static String write(Path dir, String name, String content) {
        try {
            Path file = dir.resolve(name);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(content);
            }
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seedData(Path dir) {
        return write(dir, "seed.csv", "sleep,study,score\n3,5,75\n5,1,82\n10,2,93\n");
    }

    /** A model with 100,000 hidden units, trained for one epoch on the seed's three rows. */
    private static String wideModel(Path dir) {
        Path model = dir.resolve("wide.json");
        Cli trained = Cli.run("train", seedData(dir), "--hidden", "100000", "--epochs", "1", "--quiet", "--out",
                model.toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        return model.toString();
    }

    private static String seedRows(int n) {
        StringBuilder s = new StringBuilder("sleep,study,score\n");
        for (int i = 0; i < n; i++) {
            s.append(3 + i % 8).append(',').append(1 + i % 5).append(',').append(70 + i % 25).append('\n');
        }
        return s.toString();
    }

    private static String fifo(Path dir) {
        Path fifo = dir.resolve("model.fifo");
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
            assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is available");
        } catch (IOException | InterruptedException e) {
            assumeTrue(false, "mkfifo is available: " + e);
        }
        return fifo.toString();
    }

    /** n rows whose first column is a unique id, then two numbers and a numeric target y. */
    private static String ids(int n, String delimiter) {
        StringBuilder s = new StringBuilder(String.join(delimiter, "id", "y")).append('\n');
        for (int i = 0; i < n; i++) {
            s.append('u').append(i).append(delimiter).append(i % 10).append('\n');
        }
        return s.toString();
    }

    private static String twoWide(int n) {
        StringBuilder s = new StringBuilder("a,b,y\n");
        for (int i = 0; i < n; i++) {
            s.append('a').append(i).append(",b").append(i).append(',').append(i % 10).append('\n');
        }
        return s.toString();
    }

    private static String categories(int n) {
        StringBuilder s = new StringBuilder("c,y\n");
        for (int i = 0; i < n; i++) {
            s.append('k').append(i).append(',').append(i % 7).append('\n');
        }
        return s.toString();
    }

    private static String classes(int n) {
        StringBuilder s = new StringBuilder("a,y\n");
        for (int i = 0; i < n; i++) {
            s.append(i % 13).append(",c").append(i).append('\n');
        }
        return s.toString();
    }

    private static String arff(int n) {
        StringBuilder s = new StringBuilder("@relation r\n@attribute id {");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append('v').append(i);
        }
        s.append("}\n@attribute y numeric\n@data\n");
        for (int i = 0; i < n; i++) {
            s.append('v').append(i).append(',').append(i % 5).append('\n');
        }
        return s.toString();
    }

    /** 3 rows of {@code columns} numeric inputs and a target. */
    private static String wide(int columns) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < columns; j++) {
            s.append('x').append(j).append(',');
        }
        s.append("y\n");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < columns; j++) {
                s.append((i + j) % 10).append(',');
            }
            s.append(i).append('\n');
        }
        return s.toString();
    }

    /** An ARFF file of {@code attributes} numeric attributes but the last, a class, and sparse rows of two values. */
    private static String sparseArff(int attributes, int rows) {
        StringBuilder arff = new StringBuilder("@relation sparse\n");
        for (int j = 0; j < attributes - 1; j++) {
            arff.append("@attribute a").append(j).append(" numeric\n");
        }
        arff.append("@attribute y {p,q}\n@data\n");
        for (int i = 0; i < rows; i++) {
            arff.append("{0 ").append(i % 7).append(", ").append(attributes - 1).append(i % 2 == 0 ? " p}\n" : " q}\n");
        }
        return arff.toString();
    }

    private static String big(int rows) {
        StringBuilder s = new StringBuilder("a,b,c,d,y\n");
        for (int i = 0; i < rows; i++) {
            s.append(i).append(',').append(2 * i).append(',').append(3 * i).append(',').append(4 * i).append(',')
                    .append(i % 7).append('\n');
        }
        return s.toString();
    }

    /** A model file whose layers array holds 2,000,000 copies of {@code value} (2,000,006 values in all). */
    private static String bomb(String value) {
        StringBuilder s = new StringBuilder("{\"format\": \"backprop-model\", \"version\": 1, \"layers\": [");
        for (int i = 0; i < 2_000_000; i++) {
            s.append(i == 0 ? "" : ",").append(value);
        }
        return s.append("]}").toString();
    }

    /** A well-formed model of one layer with {@code n} weights in one row. */
    private static String numbers(int n) {
        StringBuilder s = new StringBuilder("{\"format\": \"backprop-model\", \"version\": 1, \"layers\": "
                + "[{\"activation\": \"linear\", \"bias\": null, \"weights\": [[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("0.125");
        }
        return s.append("]]}]}").toString();
    }
}
