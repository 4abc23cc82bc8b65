package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.backprop.data.EncodedInputs;
import dev.backprop.data.Frame;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's predictions for the rows of a frame, and the two forms they are written in: the CSV of the model's input
 * columns plus {@code predicted_<target>} (and {@code proba_<class>} columns, {@link PredictionCsv}), and the JSON
 * object of {@code --format json}. Both {@code backprop predict} and {@code backprop serve} answer through this class, so a row
 * gets the same text from each.
 */
final class Predictions {
    private final Model model;
    private final Frame frame;
    private final EncodedInputs inputs;
    private final Matrix predicted;
    /** The model's precision: a float32 model's predictions are floats, written in their shortest float form. */
    private final Precision precision;

    private Predictions(Model model, Frame frame, EncodedInputs inputs, Matrix predicted) {
        this.model = model;
        this.frame = frame;
        this.inputs = inputs;
        this.predicted = predicted;
        this.precision = model.network().precision();
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

    /** The lines of the frame (from 1, the header's included) of the predicted rows that have no class. */
    List<Long> classlessLines() {
        List<Long> lines = new ArrayList<>();
        if (ModelData.classification(model)) {
            for (int i = 0; i < predicted.rows(); i++) {
                if (!ClassificationMetrics.answered(predicted, i)) {
                    lines.add(frame.line(inputs.rows()[i]));
                }
            }
        }
        return lines;
    }

    /** The {@code --format json} object: rows, task, target, predictions, and for classification the classes. */
    ObjectNode json(boolean proba) {
        ObjectNode json = Json.object();
        int[] rows = inputs.rows();
        json.put("rows", rows.length);
        json.put("task", model.task().id());
        json.put("target", model.target());
        boolean several = model.targets().size() > 1;
        if (several) {
            ArrayNode targets = json.putArray("targets");
            model.targets().forEach(targets::add);
        }
        if (ModelData.classification(model)) {
            ArrayNode classes = json.putArray("predictions");
            for (int i = 0; i < predicted.rows(); i++) {
                if (!ClassificationMetrics.answered(predicted, i)) {
                    classes.addNull();
                } else {
                    classes.add(model.classes().get(ClassificationMetrics.argmax(predicted, i)));
                }
            }
            ArrayNode names = json.putArray("classes");
            model.classes().forEach(names::add);
            if (proba) {
                ArrayNode probabilities = json.putArray("probabilities");
                for (int i = 0; i < predicted.rows(); i++) {
                    ArrayNode row = probabilities.addArray();
                    for (int k = 0; k < predicted.cols(); k++) {
                        add(row, predicted.get(i, k));
                    }
                }
            }
        } else {
            ArrayNode values = json.putArray("predictions");
            for (int i = 0; i < predicted.rows(); i++) {
                if (several) {
                    ArrayNode row = values.addArray();
                    for (int t = 0; t < predicted.cols(); t++) {
                        add(row, predicted.get(i, t));
                    }
                } else {
                    add(values, predicted.get(i, 0));
                }
            }
        }
        return json;
    }

    /**
     * The CSV form of these predictions ({@link PredictionCsv}).
     *
     * @param proba   whether a classifier's class probabilities are written too
     * @param ignored whether the columns training ignored that the frame has are copied (ids, to join back)
     */
    PredictionCsv csv(boolean proba, boolean ignored) {
        return new PredictionCsv(model, frame, inputs.rows(), predicted, proba, ignored);
    }

    /** Appends a prediction: a double, or a float32 model's float in its shortest form ({@link Text#exact}). */
    private void add(ArrayNode array, double v) {
        if (precision == Precision.FLOAT32) {
            array.addRawValue(new RawValue(Text.exact(v, precision)));
        } else {
            array.add(v);
        }
    }
}
