package dev.backprop.cli;

import dev.backprop.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM during training, sent to a real child JVM: the model so far is written and the exit code is 143. */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigtermStopsTrainingAndWritesTheModel() throws Exception {
        Path data = dir.resolve("big.csv");
        SplittableRandom random = new SplittableRandom(5);
        try (BufferedWriter w = Files.newBufferedWriter(data)) {
            w.write("a,b,c,y\n");
            for (int i = 0; i < 50_000; i++) {
                double a = random.nextDouble();
                double b = random.nextDouble();
                double c = random.nextDouble();
                w.write(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f%n", a, b, c, a * b - c));
            }
        }
        Path model = dir.resolve("m.json");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Main.class.getName(), "train", data.toString(), "--hidden", "16", "--bias",
                "--optimizer", "adam", "--epochs", "100000", "--patience", "0", "--checkpoint-every", "1",
                "--out", model.toString()))
                .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        try {
            // Training has begun once the first epoch's checkpoint is there (a signal during the read writes nothing).
            Awaits.exists(child, dir.resolve("m.json.checkpoint.json"));
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(Awaits.LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly(); // a run of 100,000 epochs left behind would slow every later test
        }

        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(child.exitValue()).as(err).isEqualTo(143);
        assertThat(err).contains("backprop: SIGTERM received, stopping").contains("interrupted by SIGTERM")
                .contains("--init " + model);
        assertThat(ModelFile.read(model).network().depth()).isEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    /**
     * SIGTERM while the data is read: the run ends before training, and an existing --out stays as it was. Before, the
     * run trained one batch and wrote that model over it. The data comes through a FIFO, so the signal is sent while
     * the child is certainly reading (its open returns only once this test opens the other end), and the rows are
     * written only once the child has said it received the signal: on a loaded machine its handler could otherwise
     * run after the read had ended and training begun.
     */
    @Test
    void sigtermWhileTheDataIsReadWritesNothing() throws Exception {
        Path fifo = dir.resolve("rows.pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Path model = Files.writeString(dir.resolve("m.json"), "the previous model\n");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Main.class.getName(), "train", fifo.toString(), "--out", model.toString()))
                .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Awaits.writerOf(fifo, child),
                StandardCharsets.UTF_8))) {
            child.destroy(); // SIGTERM, with the child inside its read
            Awaits.printed(child, dir.resolve("err.txt"), "backprop: SIGTERM received, stopping");
            w.write("a,b,y\n");
            for (int i = 0; i < 200; i++) {
                w.write(String.format(Locale.ROOT, "%d,%d,%d%n", i % 7, i % 3, i % 5));
            }
        }
        assertThat(child.waitFor(Awaits.LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(child.exitValue()).as(err).isEqualTo(143);
        assertThat(err).endsWith("interrupted by SIGTERM before training began: nothing was written"
                + System.lineSeparator());
        assertThat(Files.readString(model)).isEqualTo("the previous model\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("rows.pipe", "m.json",
                    "err.txt", "out.txt");
        }
    }
}
