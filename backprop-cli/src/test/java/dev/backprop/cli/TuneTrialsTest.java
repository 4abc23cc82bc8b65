package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.backprop.cli.Cli.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * tune's trials as a search meets them: settings that apply to some trials only, settings that do not work together,
 * the engine each trial was computed with, and a results file another run holds.
 */
class TuneTrialsTest {
    private static final Path IRIS = RealDataTest.DATA.resolve("iris.csv");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<JsonNode> lines(Path results) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            lines.add(MAPPER.readTree(line));
        }
        return lines;
    }

    @Test
    void momentumIsSearchedWhereTheOptimizerTakesItAndLeftOutWhereItDoesNot() throws IOException {
        // Refused outright before, though the momentum optimizer's half of the grid was valid.
        Path results = dir.resolve("t.jsonl");
        Cli run = Cli.run("tune", IRIS.toString(), "--search", "optimizer=momentum,adam", "--search",
                "momentum=0.5,0.9", "--folds", "2", "--epochs", "3", "--hidden", "3", "--results", results.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String unused = "--momentum applies to the momentum and nesterov optimizers, not adam";
        assertThat(run.out()).contains("3      adam        0.5 ").contains("(" + unused + ")")
                .contains("4      adam        0.9 ").contains("(the same training as trial 3, as " + unused + ")");
        // Trial 4 differs from trial 3 only in a setting adam does not take: it is not trained again.
        assertThat(run.err()).contains("trial 3/4: fold 1/2 scored").doesNotContain("trial 4/4: fold");

        List<JsonNode> lines = lines(results);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).has("unused")).isFalse();
        assertThat(lines.get(2).get("unused").get("momentum").asText()).isEqualTo(unused);
        assertThat(lines.get(3).get("sameAs").asInt()).isEqualTo(3);
        assertThat(lines.get(3).get("mean")).isEqualTo(lines.get(2).get("mean"));
        // The momentum trials differ from each other: the value is used where it applies.
        assertThat(lines.get(0).get("mean").get("logLoss").asDouble())
                .isNotEqualTo(lines.get(1).get("mean").get("logLoss").asDouble());
        // Trial 3's scores are those of adam trained without --momentum.
        Cli adam = Cli.run("cv", IRIS.toString(), "--optimizer", "adam", "--folds", "2", "--epochs", "3", "--hidden",
                "3", "--format", "json");
        assertThat(adam.json().get("mean").get("logLoss").asDouble())
                .isEqualTo(lines.get(2).get("mean").get("logLoss").asDouble());

        // The search of the issue: one momentum value, two optimizers.
        Cli one = Cli.run("tune", IRIS.toString(), "--search", "optimizer=momentum,adam", "--search",
                "momentum=0.5", "--folds", "2", "--epochs", "3", "--hidden", "3", "--results",
                dir.resolve("one.jsonl").toString(), "--quiet", "--format", "json");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.json().get("trials")).hasSize(2);
        assertThat(one.json().get("trials").get(1).get("unused").get("momentum").asText()).isEqualTo(unused);
    }

    @Test
    void theBestTrialsCommandLeavesOutTheOptionsThatDoNotApplyToIt() throws IOException {
        // A fixed --momentum applies to the momentum trial only; adam wins here, and train refuses --momentum with it.
        Path best = dir.resolve("best.json");
        Cli run = Cli.run("tune", IRIS.toString(), "--search", "optimizer=momentum,adam", "--momentum", "0.5",
                "--learning-rate", "0.0001", "--folds", "2", "--epochs", "3", "--hidden", "3", "--results",
                dir.resolve("t.jsonl").toString(), "--out", best.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String command = run.out().lines().filter(line -> line.startsWith("backprop train ")).findFirst()
                .orElseThrow();
        List<String> train = new ArrayList<>(List.of(command.split(" ")));
        train.remove(0);
        if (command.contains("--optimizer adam")) {
            assertThat(command).doesNotContain("--momentum");
        } else {
            assertThat(command).contains("--optimizer momentum").contains("--momentum 0.5");
        }
        Path again = dir.resolve("again.json");
        train.set(train.size() - 1, again.toString());
        Cli retrained = Cli.run(args(train, "--quiet"));
        assertThat(retrained.exitCode()).as(retrained.err()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(best));
    }

    @Test
    void aSettingThatAppliesToNoTrialIsStillRefused() {
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "momentum=0.5,0.9", "--optimizer", "adam",
                "--results", dir.resolve("t.jsonl").toString()),
                "--momentum applies to the momentum and nesterov optimizers, not adam: it applies in none of the 2 "
                        + "trials (choose one with --optimizer)");
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "optimizer=adam,sgd", "--momentum", "0.5",
                "--results", dir.resolve("t.jsonl").toString()),
                "--momentum applies to the momentum and nesterov optimizers, not adam: it applies in none of the 2 "
                        + "trials");
        assertThat(dir.resolve("t.jsonl")).doesNotExist();
    }

    @Test
    void settingsThatDoNotWorkTogetherAreSkippedWithTheReasonBeforeAnyTrialRuns() throws IOException {
        // Valid one by one; softmax with mse and linear with categorical-cross-entropy are not. The output activation
        // alone was refused before (linear with the preset's categorical-cross-entropy), so no grid could try it.
        Path results = dir.resolve("t.jsonl");
        Cli run = Cli.run("tune", IRIS.toString(), "--search", "loss=mse,categorical-cross-entropy", "--search",
                "output-activation=softmax,linear", "--folds", "2", "--epochs", "3", "--hidden", "3", "--results",
                results.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(skipped: a softmax output needs the loss categorical-cross-entropy, not mse)")
                .contains("(skipped: categorical-cross-entropy needs a softmax output layer but it is linear");
        assertThat(run.err()).doesNotContain("trial 1/4: fold").doesNotContain("trial 4/4: fold")
                .contains("trial 2/4: fold").contains("trial 3/4: fold");
        List<JsonNode> lines = lines(results);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("skipped").asText())
                .isEqualTo("a softmax output needs the loss categorical-cross-entropy, not mse");
        assertThat(lines.get(0).has("mean")).isFalse();
        assertThat(lines.get(1).has("mean")).isTrue();

        // Resumed, the skipped trials are read back as skipped, and nothing is trained.
        byte[] before = Files.readAllBytes(results);
        Cli again = Cli.run("tune", IRIS.toString(), "--search", "loss=mse,categorical-cross-entropy", "--search",
                "output-activation=softmax,linear", "--folds", "2", "--epochs", "3", "--hidden", "3", "--results",
                results.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("fold");
        assertThat(again.out().lines().filter(line -> line.endsWith("from t.jsonl)"))).hasSize(4);
        assertThat(again.out()).contains("(skipped: a softmax output needs the loss categorical-cross-entropy, not "
                + "mse; from t.jsonl)");
        assertThat(Files.readAllBytes(results)).isEqualTo(before);
    }

    @Test
    void aSearchOfWhichNoTrialOrNoListedValueCanRunIsRefusedBeforeAnyRuns() {
        Path results = dir.resolve("t.jsonl");
        assertBadInput(Cli.run("tune", IRIS.toString(), "--optimizer", "lbfgs", "--search", "dropout=0.1..0.3",
                "--trials", "3", "--results", results.toString()), "no trial of this search can run: trial 1 "
                + "(dropout 0.248): dropout makes the loss random, which the line search of lbfgs cannot work with");
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "optimizer=lbfgs,bfgs", "--search",
                "dropout=0,0.3", "--results", results.toString()), "--search dropout lists 0.3, which works in none "
                + "of its trials: trial 2 (optimizer lbfgs, dropout 0.3): dropout makes the loss random");
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "activation=relu,softmax", "--results",
                results.toString()), "--search activation lists softmax, which works in none of its trials: trial 2 "
                + "(activation softmax): softmax is an output activation");
        // A value out of its range is refused in the option's words, as before.
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "l2=-1..1", "--results", results.toString()),
                "--l2 must be >= 0 and finite but was -1.0");
        assertThat(results).doesNotExist();
    }

    @Test
    void aValueIsRefusedOnlyWhereTheSearchPairsItWithEveryOtherValue() throws IOException {
        // The first two trials of the grid pair dropout 0.3 with lbfgs only; adam, which takes it, comes later. Asked
        // for two trials, the one that cannot run is skipped, not the search refused.
        Path results = dir.resolve("t.jsonl");
        Cli run = Cli.run("tune", IRIS.toString(), "--search", "optimizer=lbfgs,adam", "--search", "dropout=0,0.3",
                "--trials", "2", "--folds", "2", "--epochs", "3", "--hidden", "3", "--results", results.toString(),
                "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2      lbfgs       0.3         -           -           (skipped: dropout "
                + "makes the loss random");
        // Of the whole grid, it works with adam: nothing refused either.
        Cli whole = Cli.run("tune", IRIS.toString(), "--search", "optimizer=lbfgs,adam", "--search", "dropout=0,0.3",
                "--folds", "2", "--epochs", "3", "--hidden", "3", "--results", results.toString(), "--quiet");
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        assertThat(lines(results)).hasSize(4);
        // A random search's draws do not pair every value either; momentum where only adam happened to be drawn is
        // left out of those trials, not refused, since another draw could take it.
        Cli random = Cli.run("tune", IRIS.toString(), "--search", "optimizer=adam,momentum", "--search",
                "momentum=0.1..0.9", "--trials", "1", "--seed", "2", "--folds", "2", "--epochs", "3", "--hidden", "3",
                "--results", dir.resolve("r.jsonl").toString(), "--quiet", "--format", "json");
        assertThat(random.exitCode()).as(random.err()).isZero();
        JsonNode drawn = random.json().get("trials").get(0);
        assertThat(drawn.get("settings").get("optimizer").asText()).isEqualTo("adam");
        assertThat(drawn.get("unused").has("momentum")).isTrue();
    }

    @Test
    void aSearchOfTwoBillionDrawsIsLookedOverOnlyAsFarAsItsFirstHundredThousand() throws Exception {
        // Every draw made into a configuration before the first trial would take hours (some microseconds each).
        Path results = dir.resolve("t.jsonl");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", classpath, Main.class.getName(), "tune", IRIS.toAbsolutePath().toString(),
                "--optimizer", "lbfgs", "--search", "dropout=0.1..0.3", "--trials", "2000000000", "--results",
                results.toString()).directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tune still looked over its trials after 60 s");
        }
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err.txt"))).startsWith("error: none of the first 100,000 trials of "
                + "this search can run: trial 1 (dropout 0.248): dropout makes the loss random");
        assertThat(results).doesNotExist();
    }

    @Test
    void eachTrialRecordsItsEngineAndAResumeUnderAnotherSaysSo() throws IOException {
        Path results = dir.resolve("t.jsonl");
        String[] tune = {"tune", IRIS.toString(), "--search", "hidden=2,3,4", "--folds", "2", "--epochs", "3",
                "--results", results.toString(), "--quiet"};
        Cli first = Cli.run(args(List.of(tune), "--trials", "2"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err().lines().filter(line -> !line.startsWith("WARNING"))).isEmpty();
        List<String> lines = Files.readAllLines(results);
        for (JsonNode line : lines(results)) {
            assertThat(line.get("engine").asText()).isEqualTo(ComputeEngine.current());
        }
        // Resumed by the same engine: nothing to say.
        Cli same = Cli.run(args(List.of(tune), "--trials", "2"));
        assertThat(same.err().lines().filter(line -> !line.startsWith("WARNING"))).isEmpty();

        // Trial 1 computed elsewhere, trial 2 by a version that did not record engines: both are named.
        Files.write(results, List.of(lines.get(0).replace(ComputeEngine.current(), "java-other"),
                lines.get(1).replace(",\"engine\":\"" + ComputeEngine.current() + "\"", "")));
        Cli resumed = Cli.run(tune);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        List<String> warnings = resumed.err().lines().filter(line -> line.startsWith("warning: ")).toList();
        assertThat(warnings).containsExactly("warning: " + results + " holds 1 trial with java-other and 1 trial with "
                + "an engine not recorded, and this run computes with " + ComputeEngine.current() + ": their scores "
                + "may differ from this engine's in the last bits, so a close ranking may not hold (rerun with the "
                + "settings they ran with, such as BACKPROP_VECTOR and OPENBLAS_NUM_THREADS, or give another "
                + "--results file)");
        // The trial run now records this engine.
        assertThat(lines(results).get(2).get("engine").asText()).isEqualTo(ComputeEngine.current());
    }

    @Test
    void aResultsFileAnotherRunHoldsIsLeftAsItIsEvenItsLineCutOffMidWrite() throws IOException {
        Path results = dir.resolve("t.jsonl");
        String[] tune = {"tune", IRIS.toString(), "--search", "hidden=2,3", "--folds", "2", "--epochs", "3",
                "--results", results.toString(), "--quiet"};
        assertThat(Cli.run(args(List.of(tune), "--trials", "1")).exitCode()).isZero();
        // The start of trial 2's line, as another run may be writing it right now.
        String first = Files.readAllLines(results).get(0);
        Files.writeString(results, first.substring(0, first.indexOf("\"trial\"")) + "\"trial\":2",
                StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(results);
        try (FileChannel channel = FileChannel.open(results, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            assertThat(lock.isValid()).isTrue();
            // That line was cut off the file (by replacing the file, so that what the other run appended next went
            // to a file no longer there).
            assertBadInput(Cli.run(tune), results + " is in use by another run of backprop tune (it holds the file's "
                    + "lock): wait for it to end, or give another --results file");
            assertThat(Files.readAllBytes(results)).isEqualTo(before);
        }
        // Once the lock is let go, the line is taken for one cut off mid-write: cut off, and its trial run.
        Cli resumed = Cli.run(tune);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        List<JsonNode> lines = lines(results);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).get("trial").asInt()).isEqualTo(2);
    }

    /**
     * A run given a results file that does not exist yet creates it as it begins and holds its lock: a second run
     * given the same file is refused at once, not after a trial's work when it came to write its first line. A file
     * the run created and wrote nothing to is removed when it ends.
     */
    @Test
    void aNewResultsFileIsTakenAsTheRunBeginsAndRemovedIfNothingWasWritten() throws Exception {
        Path results = dir.resolve("new.jsonl");
        String[] tune = {"tune", IRIS.toString(), "--search", "hidden=2,3", "--folds", "2", "--epochs", "3",
                "--results", results.toString(), "--quiet"};
        try (TuneResults first = TuneResults.open(results, "a search")) {
            assertThat(results).exists().isEmptyFile();
            assertBadInput(Cli.run(tune), results + " is in use by another run of backprop tune");
            assertThat(first.keeps()).isTrue();
        }
        assertThat(results).doesNotExist();
        assertThat(Cli.run(args(List.of(tune), "--trials", "1")).exitCode()).isZero();
        assertThat(lines(results)).hasSize(1);
    }

    @Test
    void anotherProcessHoldingTheFileKeepsItsLines() throws Exception {
        Path results = dir.resolve("t.jsonl");
        String[] tune = {"tune", IRIS.toString(), "--search", "hidden=2,3", "--folds", "2", "--epochs", "3",
                "--results", results.toString(), "--quiet"};
        assertThat(Cli.run(args(List.of(tune), "--trials", "1")).exitCode()).isZero();
        byte[] before = Files.readAllBytes(results);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, LockHolder.class.getName(), results.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("locked");
            assertBadInput(Cli.run(tune), "is in use by another run of backprop tune");
            assertThat(Files.readAllBytes(results)).isEqualTo(before);
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(60, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        assertThat(holder.exitValue()).isZero();
    }

    @Test
    void aResultsFileThatIsNoUtf8TextIsRefusedInOneLine() throws IOException {
        Path results = dir.resolve("t.jsonl");
        String[] tune = {"tune", IRIS.toString(), "--search", "hidden=2,3", "--folds", "2", "--epochs", "3",
                "--results", results.toString(), "--quiet"};
        assertThat(Cli.run(args(List.of(tune), "--trials", "1")).exitCode()).isZero();
        // Was "error: Input length = 1", exit 1.
        Files.write(results, new byte[] {'{', '"', 's', (byte) 0xff, '\n'}, StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(results);
        assertBadInput(Cli.run(tune), results + ": line 2 is not UTF-8 text; this is no results file of backprop "
                + "tune");
        assertThat(Files.readAllBytes(results)).isEqualTo(before);
    }

    @Test
    void aGridsAlikeTrialIsTheCombinationWithTheIgnoredValuesFirst() {
        List<SearchDimension> dimensions = List.of(SearchDimension.parse("hidden=2,3,4"),
                SearchDimension.parse("momentum=0.1,0.2"), SearchDimension.parse("l2=0,0.1"));
        SearchPlan plan = SearchPlan.of(dimensions, "grid", null, 42);
        var momentum = dimensions.get(1).setting();
        for (int t = 0; t < plan.size(); t++) {
            int alike = plan.alike(t, java.util.Set.of(momentum));
            var values = new java.util.LinkedHashMap<>(plan.trial(t));
            values.put(momentum, 0.1);
            // The alike trial is the first with the same other values and the first momentum.
            int expected = -1;
            for (int u = 0; u < plan.size() && expected < 0; u++) {
                expected = plan.trial(u).equals(values) ? u : -1;
            }
            assertThat(alike).as("trial %d", t).isEqualTo(expected).isLessThanOrEqualTo(t);
        }
    }

    private static String[] args(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    /** Holds a file's lock, as another run of tune would, until its standard input ends. */
    public static final class LockHolder {
        private LockHolder() {
        }

        /**
         * Locks the file named, says "locked", and waits for its standard input to end.
         *
         * @param args the file
         * @throws IOException if the file cannot be locked
         */
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                System.out.println(lock.isValid() ? "locked" : "not locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // waits for the end of its input
                }
            }
        }
    }
}
