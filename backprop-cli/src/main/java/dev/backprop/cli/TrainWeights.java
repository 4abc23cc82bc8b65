package dev.backprop.cli;

import dev.backprop.command.WeightOptions;
import dev.backprop.data.ClassWeights;
import dev.backprop.data.Column;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.InvalidDataException;
import dev.backprop.data.NumericColumn;
import dev.backprop.data.Prepared;
import dev.backprop.data.Preprocessor;
import dev.backprop.model.Model;
import dev.backprop.train.WeightsNote;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The row weights of {@code train --class-weight} and {@code --sample-weight}: row i weighs its class's weight times
 * its own (scikit-learn multiplies the two likewise), and the training record notes both.
 *
 * @param classWeights the class weights, or null for none
 * @param column       the sample-weight column, or null for none
 */
record TrainWeights(ClassWeights classWeights, String column) {
    /** The options as typed. */
    static TrainWeights of(WeightOptions options) {
        String classWeight = options.classWeight();
        return new TrainWeights(classWeight == null ? null : TrainCommand.parse(() -> ClassWeights.parse(classWeight)),
                options.sampleWeight());
    }

    /** Whether the rows are weighted at all. */
    boolean any() {
        return classWeights != null || column != null;
    }

    /**
     * The rows of {@code frame} encoded by {@code preprocessor}, with their weights.
     *
     * @throws InvalidDataException as {@link #apply} does
     */
    Dataset encode(Frame frame, Preprocessor preprocessor) {
        return apply(frame, preprocessor.apply(frame), preprocessor.target().classes(),
                preprocessor.target().column());
    }

    /**
     * {@code dataset} (the prepared rows of {@code frame}) with its row weights, or unchanged without weights.
     *
     * @throws InvalidDataException naming the file, line and column of a weight that is empty, not a number, negative
     *                              or infinite, or the column if every weight is 0
     */
    Dataset apply(Frame frame, Prepared prepared, List<String> classes, String target) {
        if (!any()) {
            return prepared.dataset();
        }
        Dataset dataset = prepared.dataset();
        double[] w = classWeights == null ? null
                : TrainCommand.parse(() -> classWeights.rowWeights(classes, dataset.y()));
        if (column != null) {
            double[] sample = sampleWeights(frame, prepared.rows(), target);
            if (w == null) {
                w = sample;
            } else {
                for (int i = 0; i < w.length; i++) {
                    w[i] *= sample[i];
                }
            }
        }
        boolean positive = false;
        for (double v : w) {
            positive |= v > 0;
        }
        if (!positive && w.length > 0) {
            throw new UserException(frame.source() + ": every row's weight is 0"
                    + (column != null ? " (column " + ColumnNames.quoted(column) + ")" : "")
                    + ": no row would count in the loss");
        }
        return dataset.withWeights(w);
    }

    /** Refuses a --sample-weight column the data lacks, before the preprocessing leaves it out of the inputs. */
    void requireColumn(Frame frame) {
        if (column != null && frame.indexOf(column) < 0) {
            throw new InvalidDataException(frame.source(), 1, null, "--sample-weight names the column "
                    + ColumnNames.quoted(column)
                    + ", which the header does not have (columns: " + ColumnNames.listed(frame.names()) + ")");
        }
    }

    private double[] sampleWeights(Frame frame, int[] rows, String target) {
        if (column.equals(target)) {
            throw new UserException("--sample-weight cannot be the target column " + ColumnNames.quoted(target));
        }
        requireColumn(frame);
        Column weights = frame.column(column);
        if (!(weights instanceof NumericColumn numbers)) {
            throw new InvalidDataException(frame.source(), 1, column, "the sample weights must be numbers, but the "
                    + "column holds text");
        }
        double[] w = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (numbers.isMissing(r)) {
                throw new InvalidDataException(frame.source(), frame.line(r), column, "the sample weight is empty");
            }
            double v = numbers.value(r);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new InvalidDataException(frame.source(), frame.line(r), column, "a sample weight must be a "
                        + "finite number >= 0 but is " + numbers.label(r));
            }
            w[i] = v;
        }
        return w;
    }

    /**
     * These weights for a fold of {@code classes} (every class of the data, checked here): a weight named for a class
     * that none of the fold's training rows holds has no row to weigh there, so the fold's copy leaves it out.
     *
     * @return a function from a fold's training rows and fitted preprocessor to its weighted dataset
     * @throws UserException if a class weight names no class of {@code classes} (none: a regression target, refused
     *                       by each fold as by train)
     */
    BiFunction<Frame, Preprocessor, Dataset> folds(List<String> classes) {
        if (classWeights != null && !classes.isEmpty()) {
            TrainCommand.parse(() -> classWeights.perClass(classes, new long[classes.size()]));
        }
        return (frame, preprocessor) -> {
            List<String> present = preprocessor.target().classes();
            if (classWeights == null || present.containsAll(classWeights.given().keySet())) {
                return encode(frame, preprocessor);
            }
            Map<String, Double> given = new LinkedHashMap<>(classWeights.given());
            given.keySet().retainAll(present);
            return new TrainWeights(new ClassWeights(classWeights.balanced(), given), column)
                    .encode(frame, preprocessor);
        };
    }

    /** {@code model} with the weights noted in its training record, beside the other settings. */
    Model noted(Model model) {
        return WeightsNote.noted(model, classWeights, column);
    }
}
