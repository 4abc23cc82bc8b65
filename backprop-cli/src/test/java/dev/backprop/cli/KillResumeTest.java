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
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection through the {@code ./backprop} launcher, as a user runs it, on a data file over 1 MB (the size
 * that once switched the launcher's engine): a training process is killed with SIGKILL at random moments after its
 * first checkpoint, again and again, each time resumed with {@code --resume}. After every kill the model file and the
 * checkpoint must each be absent or load completely (never truncated); every run driven to its end this way must
 * write the same model, byte for byte, as a run through the same launcher that was never killed; and resumes must
 * really have happened (a resumed process says so before training), or the test fails. {@code -Dbackprop.kills=N}
 * sets how many kills (default 3, for CI); the counts are printed for docs/reliability.md.
 */
class KillResumeTest {
    private static final List<String> OPTIONS = List.of("--hidden", "16", "--bias", "--optimizer", "adam",
            "--batch-size", "64", "--dropout", "0.1", "--validation", "0.2", "--epochs", "30", "--patience", "0",
            "--seed", "3", "--checkpoint-every", "1", "--quiet");

    @TempDir
    Path dir;

    @Test
    void killedRunsResumeToTheSameModel() throws Exception {
        int kills = Integer.getInteger("backprop.kills", 3);
        Launcher launcher = Launcher.in(dir.resolve("repository"));
        Path data = dir.resolve("data.csv");
        writeData(data);
        assertThat(Files.size(data)).isGreaterThan(1_000_000);
        Process unbroken = launcher.start(dir, Map.of(), "err.txt", train("reference.json"));
        try {
            assertThat(unbroken.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            unbroken.destroyForcibly();
        }
        assertThat(unbroken.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        byte[] expected = Files.readAllBytes(dir.resolve("reference.json"));

        Path model = dir.resolve("m.json");
        Path checkpoint = dir.resolve("m.json" + TrainCommand.CHECKPOINT_SUFFIX);
        SplittableRandom random = new SplittableRandom(Long.getLong("backprop.killSeed", 1));
        int killed = 0;
        int resumes = 0;
        int completed = 0;
        int checkpointsSeen = 0;
        int modelsSeen = 0;
        long started = System.nanoTime();
        boolean last = false;
        Process child = null;
        try {
            while (!last) {
                last = killed >= kills;
                boolean resume = Files.exists(checkpoint);
                child = launcher.start(dir, Map.of(), "err.txt", resume ? List.of("train", "--resume",
                        checkpoint.getFileName().toString(), "--quiet") : train("m.json"));
                boolean finished;
                if (last) {
                    finished = child.waitFor(120, TimeUnit.SECONDS);
                    assertThat(finished).as("the last run ends within 120 s").isTrue();
                } else if (resume) {
                    // Some kills land while the JVM starts or reads the data, most while it trains or writes.
                    finished = child.waitFor(500 + random.nextLong(2_000), TimeUnit.MILLISECONDS);
                } else {
                    // A fresh run is killed only after its first checkpoint, so that a resume follows every kill.
                    finished = waitForFile(child, checkpoint)
                            || child.waitFor(random.nextLong(1_000), TimeUnit.MILLISECONDS);
                }
                if (!finished) {
                    child.destroyForcibly(); // SIGKILL
                    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    killed++;
                }
                String err = Files.readString(dir.resolve("err.txt"));
                if (resume && err.contains("resuming " + checkpoint.getFileName())) {
                    resumes++;
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
                    assertThat(child.exitValue()).as(err).isZero();
                    assertThat(Files.readAllBytes(model)).as("model after %d kills", killed).isEqualTo(expected);
                    completed++;
                    if (last) {
                        assertThat(err).as("the run driven to the end resumed").contains("resuming");
                    }
                    Files.delete(model);
                    Files.deleteIfExists(checkpoint);
                }
            }
        } finally {
            if (child != null) {
                child.destroyForcibly(); // a run left training after a failed assertion would slow every later test
            }
        }
        System.out.printf(Locale.ROOT, "kill test: %d SIGKILLs, %d resumes, %d runs completed with the reference "
                        + "model, checkpoint loadable %d times, model loadable %d times, %.1f s%n", killed, resumes,
                completed, checkpointsSeen, modelsSeen, (System.nanoTime() - started) / 1e9);
        assertThat(resumes).as("resumes performed").isPositive();
    }

    private static List<String> train(String out) {
        List<String> args = new ArrayList<>(List.of("train", "data.csv", "--out", out));
        args.addAll(OPTIONS);
        return args;
    }

    /** Waits until {@code file} exists or the process ends; true if the process has ended. */
    private static boolean waitForFile(Process child, Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(Files.exists(file) || !child.isAlive()).as("a first checkpoint within 60 s").isTrue();
        return !child.isAlive();
    }

    private static void writeData(Path data) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        try (BufferedWriter w = Files.newBufferedWriter(data)) {
            w.write("a,b,c,y\n");
            for (int i = 0; i < 30_000; i++) {
                double a = random.nextDouble();
                double b = random.nextDouble();
                double c = random.nextDouble();
                w.write(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f%n", a, b, c, a * b - c));
            }
        }
    }
}
