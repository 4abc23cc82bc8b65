package dev.backprop.cli;

import dev.backprop.io.CheckpointFile;
import dev.backprop.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection: a real training process (a child JVM) is killed with SIGKILL at random moments, again and again,
 * each time resumed from its last checkpoint. After every kill the model file and the checkpoint must each be absent
 * or load completely (never truncated), and every run that is driven to its end this way must write the same model,
 * byte for byte, as a run that was never killed. {@code -Dbackprop.kills=N} sets how many kills (default 4, for
 * CI); the counts are printed for docs/reliability.md.
 */
class KillResumeTest {
    @TempDir
    Path dir;

    @Test
    void killedRunsResumeToTheSameModel() throws Exception {
        int kills = Integer.getInteger("backprop.kills", 4);
        Path data = dir.resolve("data.csv");
        writeData(data);
        List<String> options = List.of("--hidden", "16", "--bias", "--optimizer", "adam", "--batch-size", "32",
                "--dropout", "0.1", "--validation", "0.2", "--epochs", "60", "--patience", "0", "--seed", "3",
                "--checkpoint-every", "1", "--quiet");
        Path reference = dir.resolve("reference.json");
        List<String> referenceArgs = new ArrayList<>(List.of("train", data.toString(), "--out", reference.toString()));
        referenceArgs.addAll(options);
        Cli uninterrupted = Cli.run(referenceArgs.toArray(String[]::new));
        assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isZero();
        String expected = Files.readString(reference);

        Path model = dir.resolve("m.json");
        Path checkpoint = dir.resolve("m.json" + TrainCommand.CHECKPOINT_SUFFIX);
        SplittableRandom random = new SplittableRandom(Long.getLong("backprop.killSeed", 1));
        int killed = 0;
        int completed = 0;
        int resumed = 0;
        int checkpointsSeen = 0;
        int modelsSeen = 0;
        long started = System.nanoTime();
        while (killed < kills) {
            boolean resume = Files.exists(checkpoint);
            List<String> args = new ArrayList<>(List.of("train"));
            if (resume) {
                args.addAll(List.of("--resume", checkpoint.toString(), "--quiet"));
                resumed++;
            } else {
                args.addAll(List.of(data.toString(), "--out", model.toString()));
                args.addAll(options);
            }
            Process child = start(args);
            // Most kills land while training; some during start-up or while the files are written.
            long delay = 300 + random.nextLong(2_500);
            boolean finished = child.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                killed++;
            }
            if (Files.exists(model)) {
                ModelFile.read(model);
                modelsSeen++;
            }
            if (Files.exists(checkpoint)) {
                CheckpointFile.read(checkpoint);
                checkpointsSeen++;
            }
            if (finished) {
                String err = Files.readString(dir.resolve("err.txt"));
                assertThat(child.exitValue()).as(err).isZero();
                assertThat(Files.readString(model)).as("model after %d kills", killed).isEqualTo(expected);
                completed++;
                Files.delete(model);
                Files.deleteIfExists(checkpoint);
            }
        }
        // Drive the last run to its end: from its checkpoint, or afresh if it was killed before the first one.
        List<String> last = new ArrayList<>(List.of("train"));
        if (Files.exists(checkpoint)) {
            last.addAll(List.of("--resume", checkpoint.toString(), "--quiet"));
            resumed++;
        } else {
            last.addAll(List.of(data.toString(), "--out", model.toString()));
            last.addAll(options);
        }
        Process child = start(last);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        assertThat(Files.readString(model)).isEqualTo(expected);
        completed++;
        System.out.printf(Locale.ROOT, "kill test: %d SIGKILLs, %d resumes, %d runs completed with the reference "
                        + "model, checkpoint loadable %d times, model loadable %d times, %.1f s%n", killed, resumed,
                completed, checkpointsSeen, modelsSeen, (System.nanoTime() - started) / 1e9);
        assertThat(completed).isPositive();
    }

    private Process start(List<String> args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
    }

    private static void writeData(Path data) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        try (BufferedWriter w = Files.newBufferedWriter(data)) {
            w.write("a,b,c,y\n");
            for (int i = 0; i < 3_000; i++) {
                double a = random.nextDouble();
                double b = random.nextDouble();
                double c = random.nextDouble();
                w.write(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f%n", a, b, c, a * b - c));
            }
        }
    }
}
