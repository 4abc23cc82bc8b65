package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.backprop.data.EncodedInputs;
import dev.backprop.data.Frame;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's predictions for the rows of a frame, and the two forms they are written in: the CSV of the model's input
 * columns plus {@code predicted_<target>} (and {@code proba_<class>} columns), and the JSON object of
 * {@code --format json}. Both {@code backprop predict} and {@code backprop serve} answer through this class, so a row
 * gets the same text from each.
 */
final class Predictions {
    private final Model model;
    private final Frame frame;
    private final EncodedInputs inputs;
    private final Matrix predicted;

    private Predictions(Model model, Frame frame, EncodedInputs inputs, Matrix predicted) {
        this.model = model;
        this.frame = frame;
        this.inputs = inputs;
        this.predicted = predicted;
    }

    /**
     * Prepares {@code frame}'s inputs as the model was trained and predicts them.
     *
     * @throws dev.backprop.data.InvalidDataException naming an absent input column or a bad cell
     */
    static Predictions of(Model model, Frame frame) {
        EncodedInputs inputs = model.prepareInputs(frame);
        return new Predictions(model, frame, inputs, model.predict(inputs.x()));
    }

    /** How many rows the model's missing-value policy ({@code --missing drop}) left out. */
    int skipped() {
        return frame.rows() - inputs.rows().length;
    }

    /** The frame rows that were predicted, in order (all rows unless some were dropped). */
    int[] rows() {
        return inputs.rows();
    }

    /** Per input column, how many of its values training never saw. */
    Map<String, Integer> unseenCategories() {
        return inputs.unseenCategories();
    }

    /** The {@code --format json} object: rows, task, target, predictions, and for classification the classes. */
    ObjectNode json(boolean proba) {
        ObjectNode json = Json.object();
        int[] rows = inputs.rows();
        json.put("rows", rows.length);
        json.put("task", model.task().id());
        json.put("target", model.target());
        if (ModelData.classification(model)) {
            ArrayNode classes = json.putArray("predictions");
            for (int i = 0; i < predicted.rows(); i++) {
                classes.add(model.classes().get(ClassificationMetrics.argmax(predicted, i)));
            }
            ArrayNode names = json.putArray("classes");
            model.classes().forEach(names::add);
            if (proba) {
                json.set("probabilities", Json.matrix(predicted));
            }
        } else {
            ArrayNode values = json.putArray("predictions");
            for (int i = 0; i < predicted.rows(); i++) {
                values.add(predicted.get(i, 0));
            }
        }
        return json;
    }

    /** The CSV: a header, then the model's input columns, the prediction and, with {@code proba}, each class's. */
    void writeCsv(Writer writer, boolean proba) throws IOException {
        boolean classify = ModelData.classification(model);
        List<String> columns = model.preparation().features().columns();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(writer);
        List<String> header = new ArrayList<>(columns);
        header.add("predicted_" + model.target());
        if (classify && proba) {
            model.classes().forEach(name -> header.add("proba_" + name));
        }
        csv.writeRecord(header);
        int[] rows = inputs.rows();
        String[] cells = new String[header.size()];
        for (int r = 0; r < rows.length; r++) {
            int c = 0;
            for (String name : columns) {
                cells[c++] = TrainReport.cell(frame.column(name), rows[r], "");
            }
            if (classify) {
                cells[c++] = model.classes().get(ClassificationMetrics.argmax(predicted, r));
                for (int k = 0; proba && k < predicted.cols(); k++) {
                    cells[c++] = Double.toString(predicted.get(r, k));
                }
            } else {
                cells[c++] = Double.toString(predicted.get(r, 0));
            }
            csv.writeRecord(cells);
        }
        csv.flush();
    }
}
