package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.command.Failures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.within;

/**
 * Data that is almost right, through train, predict and evaluate as a user runs them: each case either gives the
 * model the data means, or one {@code error:} line naming the file, line and column, with exit 2 and no model file.
 */
class AlmostRightDataTest {
    @TempDir
    Path dir;

    /**
     * A pipe (a FIFO, /dev/stdin, the shell's {@code <(...)}) can be read once. The byte reader read it, found nothing
     * it could map, and gave it back to the general reader, which opened it again and waited for ever for a writer.
     */
    @Test
    void dataFromAPipeIsReadOnceAndTrainsTheModelTheFileDoes() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i % 7).append(',').append(i % 3).append(',').append(i % 5 + 0.5 * i).append('\n');
        }
        Path file = write("rows.csv", csv.toString());
        Path fifo = dir.resolve("rows.pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        Path fromPipe = dir.resolve("pipe.json");
        Cli piped = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("train", fifo.toString(),
                "--epochs", "5", "--quiet", "--out", fromPipe.toString()));
        assertThat(piped.exitCode()).as(piped.err()).isZero();
        Cli fromFile = Cli.run("train", file.toString(), "--epochs", "5", "--quiet", "--out", model().toString());
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(Files.readAllBytes(fromPipe)).isEqualTo(Files.readAllBytes(model()));
    }

    @Test
    void aStandardScalingOfHugeButFiniteValuesWritesAModelThatReadsBack() throws IOException {
        // -1.7e308 and 1.7e308 are doubles, but their difference and squares are not: the sd came out infinite, the
        // column scaled to 0 in every row, and the model file held "Infinity", which evaluate then refused.
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i % 7).append(',').append(i % 3).append(',').append(i % 5 + 0.5 * i).append('\n');
        }
        csv.append("-1.7e308,1,3\n1.7e308,2,4\n");
        Path data = write("huge.csv", csv.toString());
        Cli train = Cli.run("train", data.toString(), "--scale", "standard", "--epochs", "3", "--hidden", "2",
                "--quiet", "--out", model().toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode scaling = new ObjectMapper().readTree(model().toFile()).get("inputScaling");
        // mean 0 and sd √((2 · 1.7e308² + Σ a²) / 22), the small values adding nothing at that scale
        assertThat(scaling.get("mean").get(0).asDouble()).isEqualTo(0.0);
        assertThat(scaling.get("sd").get(0).asDouble() / (1.7e308 / Math.sqrt(11))).isCloseTo(1.0,
                within(1e-12));
        Cli evaluate = Cli.run("evaluate", "--model", model().toString(), data.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("rows      22");
    }

    @Test
    void aDateColumnWithOneImpossibleDayIsRefusedAtItsLineNotEncodedAsCategories() throws IOException {
        // 40 days and one 2024-02-30: the column was silently read as 29 one-hot categories instead of dates.
        StringBuilder csv = new StringBuilder("day,a,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(java.time.LocalDate.of(2024, 3, 1).plusDays(i % 28)).append(',').append(i % 7).append(',')
                    .append(i * 0.25).append('\n');
        }
        csv.append("2024-02-30,3,1.5\n");
        Path data = write("days.csv", csv.toString());
        assertRefused(Cli.run("train", data.toString(), "--epochs", "2", "--quiet", "--out", model().toString()),
                "days.csv: line 42, column 'day': '2024-02-30' is not an ISO date", "40 of the column's 41 values",
                "--ignore day");
        Cli ignored = Cli.run("train", data.toString(), "--ignore", "day", "--epochs", "2", "--hidden", "2",
                "--quiet", "--out", model().toString());
        assertThat(ignored.exitCode()).as(ignored.err()).isZero();
    }

    @Test
    void aQuotedLineBreakInACategoryKeepsTrainsTableOneLinePerRow() throws IOException {
        StringBuilder csv = new StringBuilder("a,name,y\n");
        for (int i = 0; i < 6; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "\"two\nlines\"" : "one").append(',').append(i * 1.5)
                    .append('\n');
        }
        Path data = write("breaks.csv", csv.toString());
        Cli train = Cli.run("train", data.toString(), "--epochs", "2", "--hidden", "2", "--quiet", "--out",
                model().toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        // The task, the network, the stop, the table's header and its 6 rows, the model: 11 lines, not 14.
        assertThat(train.out().lines()).hasSize(11);
        assertThat(train.out()).contains("0  two\\nlines  0 ").contains("1  one         1.5");
        Cli predict = Cli.run("predict", "--model", model().toString(), data.toString());
        assertThat(predict.out()).contains("0,\"two\nlines\",");
    }

    @Test
    void aFileWithoutItsHeaderLineTrainsWithAWarningSayingSo() throws IOException {
        // UCI's iris.data has no header: its first row became the column names, without a word.
        Path data = write("iris.data.csv", "5.1,3.5,1.4,0.2,Iris-setosa\n" + "4.9,3.0,1.4,0.2,Iris-setosa\n".repeat(5)
                + "6.3,3.3,6.0,2.5,Iris-virginica\n".repeat(5));
        Cli train = Cli.run("train", data.toString(), "--epochs", "2", "--hidden", "2", "--quiet", "--out",
                model().toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.err()).contains("warning: the column names are numbers (5.1, 3.5, 1.4, ...), as in a row "
                + "of data: if the file has no header line, add one");
        Cli named = Cli.run("train", write("named.csv", "a,b,y\n1.5,2,x\n2.5,3,z\n").toString(), "--epochs", "2",
                "--hidden", "2", "--quiet", "--out", model().toString());
        assertThat(named.err()).doesNotContain("warning");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private Path model() {
        return dir.resolve("model.json");
    }

    private void assertRefused(Cli run, String... expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Failures.BAD_INPUT);
        assertThat(run.err()).startsWith("error: ").doesNotContain("\tat ").contains(expected);
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(Files.exists(model())).as("no model written").isFalse();
    }
}
