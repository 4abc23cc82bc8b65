package dev.backprop.cli;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.Frame;
import dev.backprop.data.Prepared;
import dev.backprop.data.Task;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.BinaryCurves;
import dev.backprop.model.Model;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A model and a data file matched column by column, by name, through the model's preprocessing. */
final class ModelData {
    private ModelData() {
    }

    /**
     * Inputs and targets of {@code frame} prepared as the model was trained; {@code command} says in the message what
     * needed the target column. Warns about rows left out (a missing target, or missing values the model drops) and
     * categories training never saw.
     */
    static Prepared labelled(Model model, Frame frame, String command, PrintWriter err) {
        for (String target : model.targets()) {
            if (frame.indexOf(target) < 0) {
                throw new UserException(frame.source() + ": " + command + " needs the target column "
                        + ColumnNames.quoted(target)
                        + ", which the file does not have (columns: " + ColumnNames.listed(frame.names()) + ")");
            }
        }
        Prepared prepared = model.prepare(frame);
        int left = frame.rows() - prepared.rows().length;
        if (left > 0) {
            err.printf("warning: %d of %d rows left out (a missing target, or missing values under --missing drop); "
                    + "the scores are those of the other %d%n", left, frame.rows(), prepared.rows().length);
        }
        Inputs.warnUnseen(err, prepared.unseenCategories());
        if (prepared.unseenClasses() > 0) {
            Set<String> unseen = new LinkedHashSet<>(Arrays.asList(actualClasses(model, frame, prepared)));
            unseen.removeAll(model.classes());
            int rows = prepared.unseenClasses();
            boolean one = unseen.size() == 1;
            err.printf("warning: %s %s %s %s not seen in training (%s); %s, since the model never "
                    + "predicts %s%n", rows == 1 ? "1 row of" : rows + " rows of", ColumnNames.quoted(model.target()),
                    rows == 1 ? "holds" : "hold", one ? "a class" : "classes", ColumnNames.listed(unseen),
                    rows == 1 ? "it counts as an error" : "they count as errors", one ? "it" : "them");
            err.flush();
        }
        return prepared;
    }

    /** The true class name of each prepared row, as the target column labels it (classification only). */
    static String[] actualClasses(Model model, Frame frame, Prepared prepared) {
        CategoricalColumn labels = frame.column(model.target()).toCategorical();
        int[] rows = prepared.rows();
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels.label(rows[i]);
        }
        return out;
    }

    /** Inputs and targets scaled as the network sees them, as {x, y}. */
    static Matrix[] scaled(Model model, Prepared prepared) {
        return new Matrix[] {model.inputScaling().apply(prepared.dataset().x()),
                model.outputScaling().apply(prepared.dataset().y())};
    }

    /** The true class index of each prepared row (-1 for a class unseen in training). */
    static int[] classIndices(Model model, Frame frame, Prepared prepared) {
        int[] all = model.preparation().target().classIndices(frame);
        int[] rows = prepared.rows();
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = all[rows[i]];
        }
        return out;
    }

    /**
     * The ROC and precision-recall curves of a two-class model on the prepared rows, scoring each by the predicted
     * probability of the model's second class (the positive one, as scikit-learn takes the second of two sorted
     * labels); null when the model has other than two classes, a row's class is not one of them, a row's
     * probabilities are NaN (it has no score to rank), or the rows are not of both.
     */
    static BinaryCurves binaryCurves(Model model, Frame frame, Prepared prepared, Matrix predicted) {
        if (!classification(model) || model.classes().size() != 2 || predicted.cols() != 2) {
            return null;
        }
        int[] truth = classIndices(model, frame, prepared);
        double[] score = new double[truth.length];
        boolean[] positive = new boolean[truth.length];
        boolean[] seen = new boolean[2];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0) {
                return null;
            }
            score[i] = predicted.get(i, 1);
            if (Double.isNaN(score[i])) {
                return null;
            }
            positive[i] = truth[i] == 1;
            seen[truth[i]] = true;
        }
        return seen[0] && seen[1] ? BinaryCurves.of(score, positive) : null;
    }

    static boolean classification(Model model) {
        return model.task() == Task.CLASSIFICATION;
    }

    /**
     * The targets a regression picture shows: every one of the model's, or the one {@code name}d.
     *
     * @param model a regression model
     * @param name  one of {@link Model#targets()}, or null for all
     * @return indices into the model's outputs, in order
     * @throws UserException naming the model's targets if {@code name} is not one of them
     */
    static int[] targets(Model model, String name) {
        List<String> names = model.targets();
        if (name == null) {
            return java.util.stream.IntStream.range(0, names.size()).toArray();
        }
        int t = names.indexOf(name);
        if (t < 0) {
            throw new UserException("--target-name " + ColumnNames.quoted(name)
                    + " is not a target of this model (its targets: "
                    + ColumnNames.listed(names) + ")");
        }
        return new int[] {t};
    }

    /**
     * Column {@code j} of {@code m}, one target's values.
     *
     * @param m a matrix; not modified
     * @param j a column of it
     * @return a new n x 1 matrix
     */
    static Matrix column(Matrix m, int j) {
        double[] values = new double[m.rows()];
        for (int i = 0; i < values.length; i++) {
            values[i] = m.get(i, j);
        }
        return Matrix.wrap(values.length, 1, values);
    }
}
