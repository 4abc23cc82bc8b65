package dev.backprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.io.CheckpointEdits;
import dev.backprop.io.CheckpointFile;
import dev.backprop.io.ModelFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile cases of a run's life: signals while files are written, a checkpoint as untrusted input to
 * {@code --resume}, and the same model bits however the command is launched. Resume cases run in this JVM on a
 * checkpoint written by a short run and then edited by hand; signal and launcher cases start {@code ./backprop}
 * (the real script, see {@link Launcher}) and take a few seconds each.
 */
class LifecycleBatteryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** One case: what it does and what it asserts. */
    @FunctionalInterface
    interface Case {
        void check(LifecycleBatteryTest test) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resumeCases")
    void resume(String name, Case c) throws Exception {
        c.check(this);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("launcherCases")
    void launcher(String name, Case c) throws Exception {
        c.check(this);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signalCases")
    void signal(String name, Case c) throws Exception {
        c.check(this);
    }

    // ---------------------------------------------------------------- --resume: a checkpoint is input

    static Stream<Arguments> resumeCases() {
        return Stream.of(
                Arguments.of("stored --out in another folder (absolute) is refused", (Case) t -> {
                    Path elsewhere = t.dir.resolve("elsewhere/m.json");
                    Files.createDirectories(elsewhere.getParent());
                    t.setNote("out", elsewhere.toString());
                    t.assertRefused(t.resume(), "outside its own folder", "add --out FILE");
                    assertThat(elsewhere).doesNotExist();
                }),
                Arguments.of("stored --out escaping with ../ is refused", (Case) t -> {
                    t.setNote("out", "../escaped.json");
                    t.assertRefused(t.resume(), "escaped.json", "outside its own folder", "--out");
                    assertThat(t.dir.resolve("escaped.json")).doesNotExist();
                }),
                Arguments.of("stored --out sub/../../x escaping after normalising is refused", (Case) t -> {
                    Files.createDirectories(t.run().resolve("sub"));
                    t.setNote("out", "sub/../../x.json");
                    t.assertRefused(t.resume(), "outside its own folder");
                    assertThat(t.dir.resolve("x.json")).doesNotExist();
                }),
                Arguments.of("stored --out naming the data file beside it is refused", (Case) t -> {
                    t.setNote("out", "data.csv");
                    t.assertRefused(t.resume(), "is the same file as DATA", "--out");
                }),
                Arguments.of("stored --out naming the data file by absolute path is refused", (Case) t -> {
                    t.setNote("out", t.data().toString());
                    t.assertRefused(t.resume(), "is the same file as DATA");
                }),
                Arguments.of("stored --out naming the checkpoint itself is refused", (Case) t -> {
                    t.prepare();
                    byte[] before = Files.readAllBytes(t.checkpoint());
                    t.setNote("out", t.checkpoint().getFileName().toString());
                    byte[] edited = Files.readAllBytes(t.checkpoint());
                    assertThat(edited).isNotEqualTo(before);
                    t.assertRefused(t.resume(), "is the same file as --resume");
                    assertThat(Files.readAllBytes(t.checkpoint())).isEqualTo(edited);
                }),
                Arguments.of("stored --plot-loss outside the folder is refused", (Case) t -> {
                    t.setNote("plot-loss", t.dir.resolve("plot.svg").toString());
                    t.assertRefused(t.resume(), "the loss plot", "add --plot-loss FILE");
                    assertThat(t.dir.resolve("plot.svg")).doesNotExist();
                }),
                Arguments.of("stored --plot-loss naming the data file is refused", (Case) t -> {
                    t.setNote("plot-loss", "data.csv");
                    t.assertRefused(t.resume(), "--plot-loss", "is the same file as DATA");
                }),
                Arguments.of("stored --out equal to stored --plot-loss is refused", (Case) t -> {
                    t.setNote("out", "same.svg");
                    t.setNote("plot-loss", "same.svg");
                    t.assertRefused(t.resume(), "are the same file");
                    assertThat(t.run().resolve("same.svg")).doesNotExist();
                }),
                Arguments.of("stored --checkpoint elsewhere is ignored: checkpoints go to the resumed file", (Case) t -> {
                    Path stray = t.dir.resolve("stray.json");
                    t.editArgs("--checkpoint-every", "--checkpoint", stray.toString(), "--checkpoint-every", "2");
                    Cli resumed = t.resume();
                    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
                    assertThat(stray).doesNotExist();
                    assertThat(resumed.err()).contains("checkpoints to " + t.checkpoint());
                    t.assertDataUnchanged();
                }),
                Arguments.of("old checkpoint (no stored outputs) with --out in another folder is refused", (Case) t -> {
                    t.removeNote("out");
                    Path elsewhere = t.dir.resolve("old.json");
                    t.editArgs("--out", "--out", elsewhere.toString());
                    t.assertRefused(t.resume(), "outside its own folder", "--out");
                    assertThat(elsewhere).doesNotExist();
                }),
                Arguments.of("old checkpoint with its working directory moved elsewhere is refused", (Case) t -> {
                    t.removeNote("out");
                    t.editArgs("--out", "--out", "m.json");
                    t.setNote("cwd", t.dir.resolve("other").toString());
                    t.assertRefused(t.resume(), "other", "outside its own folder");
                }),
                Arguments.of("old checkpoint beside its model resumes into the same folder", (Case) t -> {
                    t.removeNote("out");
                    Cli resumed = t.resume();
                    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
                    ModelFile.read(t.model());
                }),
                Arguments.of("stored --out in a subfolder of the checkpoint's is written there", (Case) t -> {
                    Files.createDirectories(t.run().resolve("models"));
                    t.setNote("out", "models/m.json");
                    Cli resumed = t.resume();
                    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
                    ModelFile.read(t.run().resolve("models/m.json"));
                }),
                Arguments.of("a checkpoint moved with its model resumes in its new folder only", (Case) t -> {
                    t.prepare();
                    Path moved = Files.createDirectories(t.dir.resolve("moved"));
                    Files.move(t.checkpoint(), moved.resolve("c.json"));
                    byte[] oldModel = Files.readAllBytes(t.model());
                    Cli resumed = Cli.run("train", "--resume", moved.resolve("c.json").toString(), "--quiet");
                    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
                    ModelFile.read(moved.resolve("m.json"));
                    assertThat(Files.readAllBytes(t.model())).isEqualTo(oldModel);
                }),
                Arguments.of("a refused stored output is accepted when --out is given now", (Case) t -> {
                    t.setNote("out", t.data().toString());
                    Path chosen = t.dir.resolve("chosen.json");
                    Cli resumed = t.resume("--out", chosen.toString());
                    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
                    ModelFile.read(chosen);
                    t.assertDataUnchanged();
                }),
                Arguments.of("--out given now naming the data file is refused", (Case) t ->
                        t.assertRefused(t.resume("--out", t.data().toString()), "is the same file as DATA", "--out")),
                Arguments.of("--out given now naming the resumed checkpoint is refused", (Case) t ->
                        t.assertRefused(t.resume("--out", t.checkpoint().toString()),
                                "is the same file as --resume")),
                Arguments.of("--plot-loss given now naming the data file is refused", (Case) t ->
                        t.assertRefused(t.resume("--plot-loss", t.data().toString()), "is the same file as DATA")),
                Arguments.of("--checkpoint given now naming the data file is refused", (Case) t ->
                        t.assertRefused(t.resume("--checkpoint", t.data().toString()), "is the same file as DATA",
                                "--checkpoint")),
                Arguments.of("--out given now through a symbolic link to the data is refused", (Case) t -> {
                    Path link = Files.createSymbolicLink(t.dir.resolve("link.json"), t.data());
                    t.assertRefused(t.resume("--out", link.toString()), "is the same file as DATA");
                }),
                Arguments.of("--out given now as a hard link to the data is refused", (Case) t -> {
                    t.prepare();
                    Path link = Files.createLink(t.dir.resolve("hard.json"), t.data());
                    t.assertRefused(t.resume("--out", link.toString()), "is the same file as DATA");
                }),
                Arguments.of("--checkpoint given now writes the next checkpoints there", (Case) t -> {
                    t.prepare();
                    Path other = t.dir.resolve("next.json");
                    byte[] resumedFile = Files.readAllBytes(t.checkpoint());
                    Cli resumed = Cli.run("train", "--resume", t.checkpoint().toString(), "--checkpoint",
                            other.toString(), "--quiet");
                    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
                    assertThat(resumed.err()).contains("checkpoints to " + other);
                    assertThat(Files.readAllBytes(t.checkpoint())).isEqualTo(resumedFile);
                }),
                Arguments.of("where it writes is said on stderr before training", (Case) t -> {
                    t.setNote("plot-loss", "loss.svg");
                    Cli resumed = t.resume();
                    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
                    assertThat(resumed.err().lines().filter(line -> line.startsWith("resuming "))).singleElement()
                            .asString().contains("the model will be written to " + t.model(),
                                    "checkpoints to " + t.checkpoint(), "the loss plot to " + t.run().resolve("loss.svg"));
                    assertThat(t.run().resolve("loss.svg")).exists();
                }),
                Arguments.of("a checkpoint whose architecture was edited by hand is refused, nothing written", (Case) t -> {
                    t.prepare();
                    String text = Files.readString(t.checkpoint());
                    String edited = text.replace("\"relu\"", "\"tanh\"");
                    assertThat(edited).isNotEqualTo(text);
                    Files.writeString(t.checkpoint(), edited);
                    byte[] model = Files.readAllBytes(t.model());
                    t.assertRefused(t.resume(), "error: " + t.checkpoint() + ": changed after it was written");
                    assertThat(Files.readString(t.checkpoint())).isEqualTo(edited);
                    assertThat(Files.readAllBytes(t.model())).isEqualTo(model);
                }),
                Arguments.of("a checkpoint written before the digest resumes, with one warning", (Case) t -> {
                    t.prepare();
                    Files.writeString(t.checkpoint(), CheckpointEdits.withoutDigest(Files.readString(t.checkpoint())));
                    Cli resumed = t.resume();
                    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
                    assertThat(resumed.err().lines().filter(line -> line.startsWith("warning: "))).singleElement()
                            .asString().contains(t.checkpoint() + " has no digest", "cannot be detected");
                    ModelFile.read(t.model());
                }),
                Arguments.of("another engine in the checkpoint: one warning line, and it resumes", (Case) t -> {
                    t.setNote("engine", "vector-2048 (a machine that does not exist)");
                    Cli resumed = t.resume();
                    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
                    assertThat(resumed.err().lines().filter(line -> line.startsWith("warning: "))).singleElement()
                            .asString().contains("vector-2048", "may differ in the last bits");
                }),
                Arguments.of("the checkpoint records the engine; resumed under the same, no warning", (Case) t -> {
                    t.prepare();
                    assertThat(CheckpointFile.read(t.checkpoint()).context().get("engine"))
                            .containsExactly(ComputeEngine.current());
                    Cli resumed = t.resume();
                    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
                    assertThat(resumed.err()).doesNotContain("warning");
                }),
                Arguments.of("the resume hint names --out when the model lies outside the checkpoint's folder",
                        (Case) t -> assertThat(ResumeOutputs.command(t.dir.resolve("c/c.json"),
                                t.dir.resolve("m/m.json"), null))
                                .isEqualTo("backprop train --resume " + t.dir.resolve("c/c.json") + " --out "
                                        + t.dir.resolve("m/m.json"))));
    }

    private Path run() {
        return dir.resolve("run");
    }

    private Path data() {
        return run().resolve("data.csv");
    }

    private Path model() {
        return run().resolve("m.json");
    }

    private Path checkpoint() {
        return run().resolve("m.json" + TrainCommand.CHECKPOINT_SUFFIX);
    }

    private byte[] dataBytes;

    /** A checkpoint after 4 of 5 epochs, beside its model and data, in {@code run/}. */
    private void prepare() throws IOException {
        if (dataBytes != null) {
            return;
        }
        Files.createDirectories(run());
        writeData(data(), 40);
        dataBytes = Files.readAllBytes(data());
        Cli first = Cli.run("train", data().toString(), "--out", model().toString(), "--hidden", "3", "--epochs", "5",
                "--checkpoint-every", "2", "--seed", "1", "--quiet");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(CheckpointFile.read(checkpoint()).state().epochs()).isEqualTo(4);
    }

    private Cli resume(String... extra) throws IOException {
        prepare();
        List<String> args = new ArrayList<>(List.of("train", "--resume", checkpoint().toString(), "--quiet"));
        args.addAll(Arrays.asList(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private ObjectNode checkpointJson() throws IOException {
        prepare();
        return (ObjectNode) JSON.readTree(checkpoint().toFile());
    }

    /**
     * Writes an edited checkpoint with a new digest, as an edit made on purpose can (the digest tells a checkpoint
     * changed by accident or by a careless edit from one as written, but is no signature): the checks below must
     * hold without it.
     */
    private void write(ObjectNode root) throws IOException {
        Files.writeString(checkpoint(), CheckpointEdits.resealed(JSON.writeValueAsString(root)));
    }

    /** Sets one context note to one value, by hand, as an attacker or a careless edit would. */
    private void setNote(String key, String value) throws IOException {
        ObjectNode root = checkpointJson();
        ((ObjectNode) root.get("context")).putArray(key).add(value);
        write(root);
    }

    private void removeNote(String key) throws IOException {
        ObjectNode root = checkpointJson();
        ((ObjectNode) root.get("context")).remove(key);
        write(root);
    }

    /** Replaces the stored option {@code option} and its value with {@code replacement}. */
    private void editArgs(String option, String... replacement) throws IOException {
        ObjectNode root = checkpointJson();
        ArrayNode args = (ArrayNode) root.get("context").get("args");
        ArrayNode edited = JSON.createArrayNode();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).asText().equals(option)) {
                Arrays.stream(replacement).forEach(edited::add);
                i++;
            } else {
                edited.add(args.get(i));
            }
        }
        ((ObjectNode) root.get("context")).set("args", edited);
        write(root);
    }

    private void assertRefused(Cli result, String... fragments) throws IOException {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err().lines().filter(line -> !line.isBlank())).singleElement().asString()
                .startsWith("error: ").contains(fragments);
        assertDataUnchanged();
    }

    private void assertDataUnchanged() throws IOException {
        assertThat(Files.readAllBytes(data())).isEqualTo(dataBytes);
    }

    // ---------------------------------------------------------------- same bits however it is launched

    static Stream<Arguments> launcherCases() {
        List<String> train = List.of("train", "data.csv", "--hidden", "8", "--bias", "--optimizer", "adam",
                "--seed", "4", "--quiet");
        return Stream.of(
                Arguments.of("./backprop: a large existing --out file does not change the model", (Case) t -> {
                    t.writeLauncherData(2_000);
                    Files.write(t.dir.resolve("b.json"), new byte[3_000_000]);
                    assertThat(t.launch(Map.of(), with(train, "--epochs", "3", "--out", "b.json")))
                            .isEqualTo(t.reference(train));
                }),
                Arguments.of("./backprop: a data file over 1 MB gets the same engine as a small one", (Case) t -> {
                    t.reference(train);
                    t.writeLauncherData(30_000);
                    assertThat(Files.size(t.dir.resolve("data.csv"))).isGreaterThan(1_000_000);
                    t.launch(Map.of(), with(train, "--out", "a.json", "--checkpoint-every", "1", "--epochs", "2"));
                    assertThat(CheckpointFile.read(t.dir.resolve("a.json.checkpoint.json")).context().get("engine"))
                            .containsExactly(referenceEngine);
                }),
                Arguments.of("./backprop: BACKPROP_VECTOR=1 is what train runs anyway", (Case) t -> {
                    t.writeLauncherData(2_000);
                    assertThat(t.launch(Map.of("BACKPROP_VECTOR", "1"), with(train, "--epochs", "3", "--out", "a.json")))
                            .isEqualTo(t.reference(train));
                }),
                Arguments.of("./backprop: --threads 1 and --threads 3 give the same bytes", (Case) t -> {
                    // Products of 2,000 x 64 x 64 are split across threads; native OpenBLAS (its own threads) is
                    // left out so that backprop's threads compute them.
                    t.writeLauncherData(2_000);
                    Map<String, String> vectorOnly = Map.of("BACKPROP_JAVA_OPTS", "-Dbackprop.engine=vector");
                    List<String> wide = List.of("train", "data.csv", "--hidden", "64,64", "--bias", "--optimizer",
                            "adam", "--batch-size", "2000", "--epochs", "2", "--seed", "4", "--quiet");
                    assertThat(t.launch(vectorOnly, with(wide, "--out", "a.json", "--threads", "1")))
                            .isEqualTo(t.launch(vectorOnly, with(wide, "--out", "b.json", "--threads", "3")));
                }),
                Arguments.of("./backprop: --version and train --help start without the incubator warning",
                        (Case) t -> {
                            Launcher launcher = Launcher.in(t.dir.resolve("repository"));
                            for (List<String> args : List.of(List.of("--version"), List.of("train", "--help"))) {
                                Process child = launcher.start(t.dir, Map.of(), "err.txt", args);
                                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                                assertThat(child.exitValue()).isZero();
                                assertThat(Files.readString(t.dir.resolve("err.txt"))).doesNotContain("incubator");
                            }
                        }),
                Arguments.of("./backprop: predict computes with the same engine as train", (Case) t -> {
                    t.writeLauncherData(200);
                    t.launch(Map.of(), with(train, "--epochs", "1", "--out", "a.json"));
                    Launcher launcher = Launcher.in(t.dir.resolve("repository"));
                    Process child = launcher.start(t.dir, Map.of(), "err.txt",
                            List.of("predict", "--model", "a.json", "data.csv"));
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    assertThat(child.exitValue()).isZero();
                    assertThat(Files.readString(t.dir.resolve("err.txt"))).contains("jdk.incubator.vector");
                }),
                Arguments.of("./backprop: resuming under another engine warns and still resumes", (Case) t -> {
                    t.writeLauncherData(2_000);
                    t.launch(Map.of("BACKPROP_VECTOR", "0"),
                            with(train, "--out", "a.json", "--checkpoint-every", "1", "--epochs", "2"));
                    // Machines whose vectors hold fewer than 4 doubles run the pure-Java kernels either way.
                    assumeTrue(System.getProperty("os.arch").equals("amd64"));
                    t.launch(Map.of(), List.of("train", "--resume", "a.json.checkpoint.json", "--quiet"));
                    assertThat(Files.readString(t.dir.resolve("err.txt"))).contains("warning: a.json.checkpoint.json "
                            + "was computed with").contains("may differ in the last bits");
                }));
    }

    /**
     * The model of {@code ./backprop train ... --epochs 3} on 2,000 rows with an absent --out, and the engine its
     * checkpoint records; made once.
     */
    private static byte[] reference;
    private static String referenceEngine;

    private byte[] reference(List<String> train) throws Exception {
        // Always called with the same command, so the first caller's model is every caller's.
        if (reference == null) {
            writeLauncherData(2_000);
            reference = launch(Map.of(), with(train, "--epochs", "3", "--out", "reference.json",
                    "--checkpoint-every", "1"));
            referenceEngine = CheckpointFile.read(dir.resolve("reference.json.checkpoint.json")).context()
                    .get("engine").get(0);
        }
        return reference;
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(Arrays.asList(more));
        return all;
    }

    private void writeLauncherData(int rows) throws IOException {
        writeData(dir.resolve("data.csv"), rows);
    }

    /** Runs {@code ./backprop ARGS} in {@link #dir} to its end (exit 0) and returns the bytes of its --out. */
    private byte[] launch(Map<String, String> environment, List<String> args) throws Exception {
        Process child = Launcher.in(dir.resolve("repository")).start(dir, environment, "err.txt", args);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        int out = args.indexOf("--out");
        return out < 0 ? null : Files.readAllBytes(dir.resolve(args.get(out + 1)));
    }

    // ---------------------------------------------------------------- signals while the files are written

    static Stream<Arguments> signalCases() {
        return Stream.of(
                Arguments.of("SIGTERM, then SIGTERM during the write: files complete, 143", (Case) t ->
                        t.interrupt("TERM", List.of("TERM"), true)),
                Arguments.of("SIGINT, then SIGINT during the write: files complete, 130", (Case) t ->
                        t.interrupt("INT", List.of("INT"), true)),
                Arguments.of("SIGTERM, then SIGINT during the write: the first signal's code, 143", (Case) t ->
                        t.interrupt("TERM", List.of("INT"), true)),
                Arguments.of("SIGINT, then a burst of five during the write: files complete, 130", (Case) t ->
                        t.interrupt("INT", List.of("TERM", "INT", "TERM", "INT", "TERM"), true)),
                Arguments.of("SIGINT twice at once, before the write begins: ends as after one, 130", (Case) t ->
                        t.interrupt("INT", List.of("INT"), false)),
                Arguments.of("SIGHUP (the terminal closed): the model and checkpoint written, 129", (Case) t ->
                        t.interrupt("HUP", List.of(), false)));
    }

    /**
     * Trains a network with a large checkpoint (15 MB, so writing it takes a while) through ./backprop, sends
     * {@code first} once the first checkpoint exists (the handler is installed by then), then {@code later} either
     * once the run has said it received the first and a temporary file shows that a checkpoint or the model is being
     * written, or at once (then the kernel may merge a second signal of the same kind into the first, and the JVM may
     * take them in either order). The process must end with the first signal's code and message, complete files and
     * no temporary file, and say once that it is already stopping when a later signal came during a write.
     */
    private void interrupt(String first, List<String> later, boolean duringTheWrite) throws Exception {
        writeData(dir.resolve("data.csv"), 64);
        Path checkpoint = dir.resolve("m.json" + TrainCommand.CHECKPOINT_SUFFIX);
        Process child = Launcher.in(dir.resolve("repository")).start(dir, Map.of(), "err.txt", List.of("train",
                "data.csv", "--hidden", "1000,100", "--bias", "--optimizer", "adam", "--batch-size", "32",
                "--epochs", "100000", "--patience", "0", "--tolerance", "0", "--checkpoint-every", "1",
                "--out", "m.json", "--quiet"));
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(later);
        // Started before they are needed, so that the later signals reach the run within the write they aim at.
        Awaits.Signals firstSignal = Awaits.signals(child, duringTheWrite ? List.of(first) : all);
        Awaits.Signals laterSignals = Awaits.signals(child, duringTheWrite ? later : List.of());
        try {
            Awaits.exists(child, checkpoint);
            firstSignal.send();
            if (duringTheWrite) {
                // The JVM has taken the first signal: a later one is neither merged into it nor taken before it.
                Awaits.printed(child, dir.resolve("err.txt"), "backprop: SIG" + first + " received, stopping");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Awaits.LIMIT_SECONDS);
                while (temporaryFiles().isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertThat(child.isAlive()).as("still writing when the later signals come").isTrue();
            }
            laterSignals.send();
            assertThat(child.waitFor(Awaits.LIMIT_SECONDS, TimeUnit.SECONDS)).as("ends").isTrue();
        } finally {
            firstSignal.cancel();
            laterSignals.cancel();
            child.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(child.exitValue()).as(err).isEqualTo(Map.of("TERM", 143, "HUP", 129, "INT", 130).get(first));
        assertThat(err).contains("interrupted by SIG" + first);
        assertThat(err.lines().filter(line -> line.endsWith(" received, stopping"))).as(err)
                .containsExactly("backprop: SIG" + first + " received, stopping");
        assertThat(err.lines().filter(line -> line.startsWith("backprop: already stopping after SIG" + first))
                .count()).as(err).isEqualTo(duringTheWrite ? 1 : err.contains("already stopping") ? 1 : 0);
        ModelFile.read(dir.resolve("m.json"));
        CheckpointFile.read(checkpoint);
        assertThat(temporaryFiles()).isEmpty();
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static void writeData(Path data, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        try (BufferedWriter w = Files.newBufferedWriter(data)) {
            w.write("a,b,c,y\n");
            for (int i = 0; i < rows; i++) {
                double a = random.nextDouble();
                double b = random.nextDouble();
                double c = random.nextDouble();
                w.write(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f%n", a, b, c, a * b - c));
            }
        }
    }
}
