package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.Column;
import dev.backprop.data.Frame;
import dev.backprop.data.TaskChoice;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;
import dev.backprop.train.TrainingResult;
import dev.backprop.train.TrainingSummary;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code backprop train} prints after a run: the core's {@link TrainingSummary} (as {@code backprop-spark}
 * prints it), the first rows beside their predictions, and where the files went; or the same as one JSON object.
 */
final class TrainReport {
    private TrainReport() {
    }

    /**
     * What the report shows of the training data: its first rows and how many there were. Training keeps only this,
     * not the whole file as read, so the read columns are freed once encoded.
     *
     * @param first the first {@link #TABLE_ROWS} rows (fewer if the data has fewer)
     * @param rows  the number of rows of the data
     */
    record Sample(Frame first, int rows) {
        /** The sample of {@code frame}. */
        static Sample of(Frame frame) {
            int[] head = new int[Math.min(frame.rows(), TABLE_ROWS)];
            for (int i = 0; i < head.length; i++) {
                head[i] = i;
            }
            return new Sample(frame.select(head), frame.rows());
        }
    }

    /**
     * Prints the report of a finished run on {@code source}; {@code plotLoss} is null without a loss plot. The text
     * report starts with the task line; the JSON one gives the task's reason.
     */
    static void print(PrintWriter stdout, OutputFormat format, TrainingResult result, Model model, TaskChoice task,
                      Sample data, String source, Path out, Path plotLoss) {
        if (format == OutputFormat.JSON) {
            ObjectNode json = Json.object(TrainingSummary.fields(result, model, data.rows()));
            json.put("taskReason", task.reason());
            json.put("out", out.toString());
            json.put("lossPlot", plotLoss == null ? null : plotLoss.toString());
            stdout.println(Json.write(json));
            return;
        }
        stdout.println(task.line());
        stdout.println(TrainingSummary.trained(model, data.rows(), source));
        stdout.println(TrainingSummary.stopped(result));
        stdout.print(predictionTable(model, data));
        stdout.printf("model written to %s%n", out);
        if (plotLoss != null) {
            stdout.printf("loss plot written to %s%n", plotLoss);
        }
    }

    /** How many rows the training summary shows beside their predictions. */
    static final int TABLE_ROWS = 10;

    /** A cell as written in the data, or {@code missing} for a missing one. */
    static String cell(Column column, int row, String missing) {
        return column.isMissing(row) ? missing : column.label(row);
    }

    /** The first rows' inputs and each target beside its prediction, in the data's own units or class names. */
    static String predictionTable(Model model, Sample data) {
        // Only the first rows are shown, so only they are prepared and predicted: a large file is not done twice.
        Frame first = data.first();
        var prepared = model.prepare(first);
        int[] rows = prepared.rows();
        int shown = Math.min(rows.length, TABLE_ROWS);
        Matrix predicted = model.predict(prepared.dataset().x());
        List<String> columns = new ArrayList<>(model.preparation().inputColumns());
        boolean cut = columns.size() > 6;
        if (cut) {
            columns = new ArrayList<>(columns.subList(0, 5));
        }
        List<String> header = new ArrayList<>(columns);
        if (cut) {
            header.add("...");
        }
        List<String> targets = model.targets();
        for (String target : targets) {
            header.add(target);
            header.add("predicted_" + target);
        }
        boolean classify = ModelData.classification(model);
        List<List<String>> table = new ArrayList<>();
        for (int r = 0; r < shown; r++) {
            int row = rows[r];
            List<String> cells = new ArrayList<>();
            for (String name : columns) {
                cells.add(cell(first.column(name), row, "?"));
            }
            if (cut) {
                cells.add("");
            }
            for (int t = 0; t < targets.size(); t++) {
                cells.add(cell(first.column(targets.get(t)), row, "?"));
                if (classify) {
                    int c = ClassificationMetrics.argmax(predicted, r);
                    cells.add(model.classes().get(c) + String.format(Locale.ROOT, " (%.2f)", predicted.get(r, c)));
                } else {
                    cells.add(String.format(Locale.ROOT, "%.2f", predicted.get(r, t)));
                }
            }
            table.add(cells);
        }
        String text = Text.table(header, table);
        int rest = data.rows() - first.rows();
        return rest > 0 ? text + "... " + rest + " more rows\n" : text;
    }
}
