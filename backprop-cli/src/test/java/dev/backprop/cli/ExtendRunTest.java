package dev.backprop.cli;

import dev.backprop.command.TimeLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train --max-time} and {@code train --resume} with a larger {@code --epochs} or a new {@code --max-time}:
 * the model files of an extended run and of an unbroken run are the same bytes.
 */
class ExtendRunTest {
    private static final String IRIS = Path.of("..", "data", "iris.csv").toString();

    private static String[] train(Path dir, String out, String... more) {
        String[] common = {"train", IRIS, "--hidden", "5", "--batch-size", "16", "--seed", "3", "--quiet",
                "--patience", "0", "--tolerance", "0", "--out", dir.resolve(out).toString()};
        String[] all = new String[common.length + more.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return all;
    }

    @Test
    void aFinishedRunResumedWithMoreEpochsWritesTheUnbrokenRunsModel(@TempDir Path dir) throws Exception {
        assertThat(Cli.run(train(dir, "long.json", "--epochs", "30")).exitCode()).isZero();
        Cli finished = Cli.run(train(dir, "short.json", "--epochs", "12", "--checkpoint-every", "4"));
        assertThat(finished.exitCode()).isZero();
        Path checkpoint = dir.resolve("short.json.checkpoint.json");
        Cli lowered = Cli.run("train", "--resume", checkpoint.toString(), "--epochs", "10", "--quiet");
        assertThat(lowered.exitCode()).isEqualTo(2);
        assertThat(lowered.err()).isEqualTo("error: " + checkpoint + ": --epochs can raise the run's epoch limit, 12, "
                + "but not lower it to 10\n");
        Cli extended = Cli.run("train", "--resume", checkpoint.toString(), "--epochs", "30", "--quiet",
                "--out", dir.resolve("extended.json").toString());
        assertThat(extended.exitCode()).isZero();
        assertThat(extended.out()).contains("stopped: epoch limit reached after 30 epochs");
        assertThat(Files.readAllBytes(dir.resolve("extended.json")))
                .isEqualTo(Files.readAllBytes(dir.resolve("long.json")));
    }

    @Test
    void aRunStoppedByTheTimeLimitContinuesToTheUnbrokenRunsModel(@TempDir Path dir) throws Exception {
        assertThat(Cli.run(train(dir, "long.json", "--epochs", "20")).exitCode()).isZero();
        // A nanosecond (0.000000001 s) is spent by any epoch: the run stops after its first.
        Cli stopped = Cli.run(train(dir, "cut.json", "--epochs", "20", "--max-time", "0.000000001"));
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.out()).contains("stopped: time limit reached after 1 epochs");
        Path checkpoint = dir.resolve("cut.json.checkpoint.json");
        assertThat(stopped.err()).contains("stopped by the time limit after 1 epochs")
                .contains("continue with: backprop train --resume " + checkpoint);
        assertThat(Files.readString(dir.resolve("cut.json"))).contains("\"stopReason\" : \"time-limit\"");
        Cli resumed = Cli.run("train", "--resume", checkpoint.toString(), "--max-time", "1h", "--quiet");
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.out()).contains("stopped: epoch limit reached after 20 epochs");
        assertThat(Files.readAllBytes(dir.resolve("cut.json"))).isEqualTo(Files.readAllBytes(dir.resolve("long.json")));
    }

    @Test
    void readsTimesInSecondsMinutesAndHours() {
        TimeLimit limit = new TimeLimit();
        assertThat(limit.convert("90s").getSeconds()).isEqualTo(90);
        assertThat(limit.convert("10m").getSeconds()).isEqualTo(600);
        assertThat(limit.convert("1h").getSeconds()).isEqualTo(3600);
        assertThat(limit.convert("1.5h").getSeconds()).isEqualTo(5400);
        assertThat(limit.convert("600").getSeconds()).isEqualTo(600);
        assertThat(limit.convert("0.25").toMillis()).isEqualTo(250);
    }

    @Test
    void refusesWhatIsNotAPositiveTime(@TempDir Path dir) {
        for (String[] bad : new String[][] {{"ten", "'ten' is not a time: give seconds (600) or a number with s, m "
                + "or h (90s, 10m, 1h)"}, {"0s", "'0s' must be a time > 0 and at most 100 years"},
                {"-5m", "'-5m' must be a time > 0 and at most 100 years"}, {"1d", "'1d' is not a time"}}) {
            Cli run = Cli.run(train(dir, "m.json", "--max-time", bad[0]));
            assertThat(run.exitCode()).as(bad[0]).isEqualTo(2);
            assertThat(run.err()).as(bad[0]).startsWith("error: ").contains(bad[1]);
            assertThat(dir.resolve("m.json")).doesNotExist();
        }
    }
}
