package dev.backprop.cli;

import dev.backprop.linalg.Gemm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --threads N} of train, cv, tune and importance: the same model file and scores for every N; nonsense refused
 * in one line.
 */
class ThreadsOptionTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreThreads() {
        Gemm.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void theModelIsTheSameForOneTwoAndThreeThreads() throws IOException {
        // wide enough that products and element-wise passes are shared among threads: 600 x 128 activations
        Path data = dir.resolve("wide.csv");
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < 24; j++) {
            csv.append('x').append(j).append(',');
        }
        csv.append("y\n");
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 600; i++) {
            double sum = 0;
            for (int j = 0; j < 24; j++) {
                double x = random.nextDouble();
                sum += x * (j % 3 - 1);
                csv.append(x).append(',');
            }
            csv.append(Math.tanh(sum)).append('\n');
        }
        Files.writeString(data, csv);
        byte[] reference = null;
        for (String threads : new String[] {"1", "2", "3"}) {
            Path model = dir.resolve("model-" + threads + ".json");
            Cli train = Cli.run("train", data.toString(), "--hidden", "128,128", "--batch-size", "600", "--epochs",
                    "5", "--threads", threads, "--quiet", "--out", model.toString());
            assertThat(train.exitCode()).as(train.err()).isZero();
            byte[] written = Files.readAllBytes(model);
            if (reference == null) {
                reference = written;
            } else {
                assertThat(written).as("--threads " + threads).isEqualTo(reference);
            }
        }
    }

    @Test
    void cvTuneAndImportanceScoreTheSameForOneAndTwoThreads() {
        String iris = RealDataTest.DATA.resolve("iris.csv").toString();
        Path model = dir.resolve("iris.json");
        assertThat(Cli.run("train", iris, "--hidden", "8", "--epochs", "20", "--quiet", "--out", model.toString())
                .exitCode()).isZero();
        String[][] commands = {
            {"cv", iris, "--folds", "3", "--hidden", "8", "--epochs", "20", "--format", "json", "--quiet"},
            {"tune", iris, "--search", "hidden=4,8", "--folds", "2", "--epochs", "20", "--quiet", "--results",
                dir.resolve("trials-%s.jsonl").toString()},
            {"importance", "--model", model.toString(), iris, "--repeats", "2", "--format", "json", "--quiet"},
        };
        for (String[] command : commands) {
            String one = null;
            for (String threads : new String[] {"1", "2"}) {
                // each run its own results file, so tune trains its trials under both counts
                Stream<String> args = Stream.concat(Arrays.stream(command).map(arg -> arg.replace("%s", threads)),
                        Stream.of("--threads", threads));
                Cli run = Cli.run(args.toArray(String[]::new));
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(Gemm.threads()).isEqualTo(Integer.parseInt(threads));
                String out = run.out().replace("trials-" + threads, "trials-N");
                if (one == null) {
                    one = out;
                } else {
                    assertThat(out).as(command[0] + " --threads 2").isEqualTo(one);
                }
            }
        }
    }

    @Test
    void refusesZeroThreads() {
        Cli train = Cli.run("train", "--threads", "0", "--out", dir.resolve("m.json").toString());
        assertThat(train.exitCode()).isEqualTo(2);
        assertThat(train.err()).isEqualTo("error: --threads must be a number of threads > 0 but was 0\n");
        assertThat(Files.exists(dir.resolve("m.json"))).isFalse();
    }
}
