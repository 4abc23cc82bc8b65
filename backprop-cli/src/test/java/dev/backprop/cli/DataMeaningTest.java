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
    void identifiersAreLeftOutWithAWarningAndDatesReadAsNumbers() throws IOException {
        Path model = dir.resolve("m.json");
        Cli train = Cli.run("train", labelled().toString(), "--out", model.toString(), "--epochs", "5", "--quiet");
        assertThat(train.err().lines().filter(line -> line.startsWith("warning: ") || line.startsWith("note: "))
                .toList()).containsExactly(
                "warning: column 'id' has 40 distinct values in 40 rows, like an identifier: left out, since one-hot "
                        + "encoding it would give nearly every row an input of its own; --keep id to use it",
                "note: column 'day' holds ISO dates, read as numbers: day.days, day.month, day.weekday (days since "
                        + "1970-01-01, month, weekday)");
        Model trained = ModelFile.read(model);
        assertThat(trained.preprocessor().ignored()).containsExactly("id");
        assertThat(trained.inputs()).containsExactly("day.days", "day.month", "day.weekday", "x");

        Cli kept = Cli.run("train", labelled().toString(), "--out", model.toString(), "--epochs", "5", "--quiet",
                "--keep", "id");
        assertThat(kept.err()).doesNotContain("column 'id'").contains("column 'day' holds ISO dates");
        assertThat(ModelFile.read(model).preprocessor().features().columns()).containsExactly("id", "day.days",
                "day.month", "day.weekday", "x");
    }

    @Test
    void cvTuneAndStudioTakeTheKeepTheirWarningNames() throws IOException {
        String data = labelled().toString();
        Cli cv = Cli.run("cv", data, "--folds", "2", "--epochs", "5", "--quiet");
        assertThat(cv.exitCode()).as(cv.err()).isZero();
        assertThat(cv.err()).contains("like an identifier: left out").contains("--keep id to use it");
        Cli kept = Cli.run("cv", data, "--folds", "2", "--epochs", "5", "--quiet", "--keep", "id");
        assertThat(kept.exitCode()).as(kept.err()).isZero();
        assertThat(kept.err()).doesNotContain("column 'id'");

        Path model = dir.resolve("best.json");
        Cli tune = Cli.run("tune", data, "--search", "hidden=2,3", "--folds", "2", "--epochs", "5", "--quiet",
                "--keep", "id", "--results", dir.resolve("trials.jsonl").toString(), "--out", model.toString());
        assertThat(tune.exitCode()).as(tune.err()).isZero();
        assertThat(tune.out()).contains(" --keep id ").doesNotContain("--ignore");
        assertThat(ModelFile.read(model).preprocessor().features().columns()).containsExactly("id", "day.days",
                "day.month", "day.weekday", "x");

        assertThat(Cli.run("studio", "--help").out()).contains("--keep=COL");
    }

    @Test
    void keepingADateOrAnAbsentColumnIsRefused() throws IOException {
        Path model = dir.resolve("m.json");
        Cli date = Cli.run("train", labelled().toString(), "--out", model.toString(), "--keep", "day");
        assertThat(date.exitCode()).isEqualTo(2);
        assertThat(date.err()).startsWith("error: ").contains("column 'day'")
                .contains("this column holds dates, which are read as numbers");
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
        Cli badDate = Cli.run("predict", "--model", model.toString(), Files.writeString(dir.resolve("bad.csv"),
                "id,day,x\nrow0,2024-13-01,1\n").toString());
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).startsWith("error: ").contains("line 2, column 'day': '2024-13-01' is not an ISO "
                + "8601 date");
        List<String> dropped = Cli.run("predict", "--model", model.toString(), data.toString(), "--drop-ignored")
                .out().lines().toList();
        assertThat(dropped.get(0)).isEqualTo("day,x,predicted_label");
        assertThat(dropped.get(1)).isEqualTo(lines.get(1).substring("row0,".length()));
    }

    @Test
    void predictWritesNumericIdsBackAsTheyWereWritten() throws IOException {
        // Ids that read as numbers (zero-padded, with a decimal point, an exponent) go back as written, so the
        // predictions join back on them; both readers (plain numbers, and a file with a quoted cell) keep them.
        StringBuilder csv = new StringBuilder("id,x,y\n");
        String[] ids = new String[28];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = switch (i % 4) {
                case 0 -> "00" + i;
                case 1 -> i + ".0";
                case 2 -> i + "e0";
                default -> "+" + i;
            };
            csv.append(ids[i]).append(',').append(i % 5).append(',').append(i % 5 * 2 + 1).append('\n');
        }
        Path data = Files.writeString(dir.resolve("ids.csv"), csv);
        Path model = dir.resolve("ids.json");
        Cli train = Cli.run("train", data.toString(), "--ignore", "id", "--task", "regression", "--epochs", "5",
                "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        String quoted = csv.toString().replace("\n000,", "\n\"000\",");
        for (String file : List.of(csv.toString(), quoted)) {
            Path rows = Files.writeString(dir.resolve("rows.csv"), file);
            List<String> lines = Cli.run("predict", "--model", model.toString(), rows.toString()).out().lines()
                    .toList();
            assertThat(lines.get(0)).isEqualTo("id,x,predicted_y");
            for (int i = 0; i < 28; i++) {
                assertThat(lines.get(i + 1)).startsWith(ids[i] + ",");
            }
        }
    }

    @Test
    void severalTargetsAreOneNetworkAndEachIsReported() throws IOException {
        Path data = RealDataTest.DATA.resolve("linnerud.csv");
        Path model = dir.resolve("m.json");
        Cli train = Cli.run("train", data.toString(), "--target", "weight,waist,pulse", "--epochs", "50", "--out",
                model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).startsWith("task: regression, because the 3 targets are predicted together, each as "
                + "a number\ntrained 3 -> 100 relu+b -> 3 linear+b");
        assertThat(ModelFile.read(model).outputScaling().columns()).isEqualTo(3);

        List<String> lines = Cli.run("predict", "--model", model.toString(), data.toString()).out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("chins,situps,jumps,predicted_weight,predicted_waist,predicted_pulse");
        List<String> rows = Files.readAllLines(data);
        var json = Cli.run("evaluate", "--model", model.toString(), data.toString(), "--format", "json").json();
        for (int t = 0; t < 3; t++) {
            // R² from predict's output against the file, computed here: 1 - Σ (y - ŷ)² / Σ (y - ȳ)².
            double[] y = new double[20];
            double[] predicted = new double[20];
            double mean = 0;
            for (int i = 0; i < 20; i++) {
                y[i] = Double.parseDouble(rows.get(i + 1).split(",")[3 + t]);
                predicted[i] = Double.parseDouble(lines.get(i + 1).split(",")[3 + t]);
                mean += y[i] / 20;
            }
            double residual = 0;
            double total = 0;
            for (int i = 0; i < 20; i++) {
                residual += (y[i] - predicted[i]) * (y[i] - predicted[i]);
                total += (y[i] - mean) * (y[i] - mean);
            }
            assertThat(json.get("targets").get(t).get("name").asText()).isEqualTo(List.of("weight", "waist",
                    "pulse").get(t));
            assertThat(json.get("targets").get(t).get("r2").asDouble())
                    .isCloseTo(1 - residual / total, org.assertj.core.api.Assertions.within(1e-9));
        }
        Cli classified = Cli.run("train", data.toString(), "--target", "weight,waist", "--task", "classification",
                "--out", model.toString());
        assertThat(classified.exitCode()).isEqualTo(2);
        assertThat(classified.err()).startsWith("error: several targets are predicted together as numbers "
                + "(regression) only");
    }

    @Test
    void aModelThatReadsDatesIsUsedByItsDateColumnEverywhere() {
        Path orders = Path.of("..", "examples", "orders.csv");
        String model = dir.resolve("orders.json").toString();
        assertThat(Cli.run("train", orders.toString(), "--out", model, "--epochs", "5", "--quiet").exitCode())
                .isZero();
        Cli importance = Cli.run("importance", "--model", model, orders.toString(), "--repeats", "1");
        assertThat(importance.exitCode()).as(importance.err()).isZero();
        assertThat(importance.out()).containsPattern("(?m)^day\\s").doesNotContain("day.days");
        Cli report = Cli.run("report", "--model", model, orders.toString(), "--out",
                dir.resolve("r.html").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        Cli export = Cli.run("export", "--model", model, "--out", dir.resolve("o.onnx").toString());
        assertThat(export.exitCode()).isEqualTo(2);
        assertThat(export.err()).startsWith("error: ").contains("'day'").contains("ISO dates").hasLineCount(1);
        assertThat(dir.resolve("o.onnx")).doesNotExist();
    }
}
