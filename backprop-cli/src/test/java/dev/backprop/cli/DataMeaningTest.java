package dev.backprop.cli;

import dev.backprop.data.Task;
import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The data read as a person means it: the task inferred and said, identifiers and dates left out, ids kept. */
class DataMeaningTest {
    @TempDir
    Path dir;

    /**
     * 40 rows: a unique text id, an ISO date, a number x and a whole-number label 0-3 (each in 10 rows) that
     * follows x.
     */
    private Path labelled() throws IOException {
        StringBuilder csv = new StringBuilder("id,day,x,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append("row").append(i).append(",2024-01-").append(String.format("%02d", 1 + i % 28))
                    .append(',').append(i % 4 + 0.1 * (i % 3)).append(',').append(i % 4).append('\n');
        }
        return Files.writeString(dir.resolve("labelled.csv"), csv);
    }

    @Test
    void wholeNumberLabelsAreClassifiedAndTheFirstLineSaysWhy() throws IOException {
        Path model = dir.resolve("m.json");
        Cli train = Cli.run("train", labelled().toString(), "--out", model.toString(), "--epochs", "5", "--quiet");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out().lines().findFirst()).hasValue("task: classification, because target 'label' holds 4 "
                + "distinct whole numbers, each in at least 5 rows; --task regression predicts a number");
        Model trained = ModelFile.read(model);
        assertThat(trained.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(trained.classes()).containsExactly("0", "1", "2", "3");

        Cli asked = Cli.run("train", labelled().toString(), "--out", model.toString(), "--epochs", "5",
                "--task", "regression", "--format", "json");
        assertThat(asked.json().get("task").asText()).isEqualTo("regression");
        assertThat(asked.json().get("taskReason").asText()).isEqualTo("as --task asked");
        assertThat(ModelFile.read(model).task()).isEqualTo(Task.REGRESSION);
    }

    @Test
    void identifiersAndDatesAreLeftOutWithAWarningAndRecordedAsIgnored() throws IOException {
        Path model = dir.resolve("m.json");
        Cli train = Cli.run("train", labelled().toString(), "--out", model.toString(), "--epochs", "5", "--quiet");
        assertThat(train.err().lines().filter(line -> line.startsWith("warning: ")).toList()).containsExactly(
                "warning: column 'id' has 40 distinct values in 40 rows, like an identifier: left out, since one-hot "
                        + "encoding it would give nearly every row an input of its own; --keep id to use it",
                "warning: column 'day' holds ISO dates: left out, since one-hot encoding dates learns nothing about "
                        + "other days; give it as numbers (days since a start, month, weekday) in columns of their "
                        + "own to use it");
        Model trained = ModelFile.read(model);
        assertThat(trained.preprocessor().ignored()).containsExactly("id", "day");
        assertThat(trained.inputs()).containsExactly("x");

        Cli kept = Cli.run("train", labelled().toString(), "--out", model.toString(), "--epochs", "5", "--quiet",
                "--keep", "id");
        assertThat(kept.err()).doesNotContain("column 'id'").contains("column 'day' holds ISO dates");
        assertThat(ModelFile.read(model).preprocessor().features().columns()).containsExactly("id", "x");
    }

    @Test
    void keepingADateOrAnAbsentColumnIsRefused() throws IOException {
        Path model = dir.resolve("m.json");
        Cli date = Cli.run("train", labelled().toString(), "--out", model.toString(), "--keep", "day");
        assertThat(date.exitCode()).isEqualTo(2);
        assertThat(date.err()).startsWith("error: ").contains("column 'day'")
                .contains("--keep cannot keep a column of dates");
        Cli absent = Cli.run("train", labelled().toString(), "--out", model.toString(), "--keep", "nope");
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err()).contains("--keep names the column 'nope', which the header does not have");
        assertThat(model).doesNotExist();
    }

    @Test
    void predictWritesTheIgnoredColumnsFirstUnlessTold() throws IOException {
        Path model = dir.resolve("m.json");
        Path data = labelled();
        assertThat(Cli.run("train", data.toString(), "--out", model.toString(), "--epochs", "5").exitCode())
                .isZero();
        List<String> lines = Cli.run("predict", "--model", model.toString(), data.toString()).out().lines().toList();
        assertThat(lines).hasSize(41);
        assertThat(lines.get(0)).isEqualTo("id,day,x,predicted_label");
        assertThat(lines.get(1)).startsWith("row0,2024-01-01,0,");
        assertThat(lines.get(40)).startsWith("row39,2024-01-12,3,");
        List<String> dropped = Cli.run("predict", "--model", model.toString(), data.toString(), "--drop-ignored")
                .out().lines().toList();
        assertThat(dropped.get(0)).isEqualTo("x,predicted_label");
        assertThat(dropped.get(1)).startsWith("0,");
        assertThat(dropped.get(1).substring(2)).isEqualTo(lines.get(1).substring("row0,2024-01-01,0,".length()));
    }
}
