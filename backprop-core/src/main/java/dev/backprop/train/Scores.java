package dev.backprop.train;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.Frame;
import dev.backprop.data.Prepared;
import dev.backprop.data.Task;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.metrics.RegressionMetrics;
import dev.backprop.model.Model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How good a model is on labelled rows, by the scores model selection compares: for classification
 * {@code accuracy}, {@code logLoss}, {@code macroF1} and {@code balancedAccuracy} (the mean of the per-class recalls)
 * ({@link ClassificationMetrics}), for regression {@code r2}, {@code rmse} and {@code mae} ({@link RegressionMetrics}),
 * the errors in the target's own units. The first of a task's scores is the one that ranks models (accuracy, R²).
 */
public final class Scores {
    /** The classification scores, the ranking one first. */
    public static final List<String> CLASSIFICATION = List.of("accuracy", "logLoss", "macroF1",
            "balancedAccuracy");
    /** The regression scores, the ranking one first. */
    public static final List<String> REGRESSION = List.of("r2", "rmse", "mae");

    private Scores() {
    }

    /**
     * The names of a task's scores.
     *
     * @param task the target's task
     * @return {@link #CLASSIFICATION} or {@link #REGRESSION}
     */
    public static List<String> of(Task task) {
        return task == Task.CLASSIFICATION ? CLASSIFICATION : REGRESSION;
    }

    /**
     * The score a model of {@code task} is ranked or measured by: {@code name}, checked to be one of the task's, or
     * the task's ranking score (accuracy, R²) when {@code name} is null.
     *
     * @param task the target's task
     * @param name one of {@link #of(Task)}'s names in any case, with or without hyphens between its words
     *             ({@code balanced-accuracy}, {@code log-loss}), or null
     * @return the score's name as {@link #of(Task)} spells it
     * @throws IllegalArgumentException naming the task's scores if {@code name} is not one of them
     */
    public static String named(Task task, String name) {
        List<String> names = of(task);
        if (name == null) {
            return names.get(0);
        }
        String words = name.replace("-", "");
        for (String known : names) {
            if (known.equalsIgnoreCase(words)) {
                return known;
            }
        }
        throw new IllegalArgumentException("a " + task.id() + " model is scored by " + String.join(", ", names)
                + ", not " + ColumnNames.quoted(name));
    }

    /**
     * Whether a larger value of the score is better.
     *
     * @param name one of the scores' names
     * @return false for the losses and errors ({@code logLoss}, {@code rmse}, {@code mae}), true for the others
     */
    public static boolean higherIsBetter(String name) {
        return !name.equals("logLoss") && !name.equals("rmse") && !name.equals("mae");
    }

    /**
     * Scores {@code model} on {@code frame}, prepared through the model's own preprocessing (fitted on other rows).
     * A class the model never saw counts as an error.
     *
     * @param model a trained model
     * @param frame labelled rows with the model's input columns and its target; not modified
     * @return the task's scores by name, in the order of {@link #of(Task)}
     * @throws dev.backprop.data.InvalidDataException if the rows cannot be prepared
     */
    public static Map<String, Double> score(Model model, Frame frame) {
        return score(model, frame, model.prepare(frame));
    }

    /**
     * {@link #score(Model, Frame)} of rows already prepared for the model, for a caller that also needs to know which
     * rows were kept (a row whose target is missing is left out).
     *
     * @param model    a trained model
     * @param frame    labelled rows with the model's input columns and its target; not modified
     * @param prepared {@code model.prepare(frame)}
     * @return the task's scores by name, in the order of {@link #of(Task)}
     */
    public static Map<String, Double> score(Model model, Frame frame, Prepared prepared) {
        Matrix predicted = model.predict(prepared.dataset().x());
        Map<String, Double> scores = new LinkedHashMap<>();
        if (model.task() == Task.CLASSIFICATION) {
            CategoricalColumn labels = frame.column(model.target()).toCategorical();
            int[] rows = prepared.rows();
            String[] actual = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                actual[i] = labels.label(rows[i]);
            }
            ClassificationMetrics metrics = ClassificationMetrics.of(model.classes(), predicted, actual);
            scores.put("accuracy", metrics.accuracy());
            scores.put("logLoss", metrics.logLoss());
            scores.put("macroF1", metrics.macroF1());
            scores.put("balancedAccuracy", metrics.balancedAccuracy());
        } else {
            RegressionMetrics metrics = RegressionMetrics.of(predicted, prepared.dataset().y());
            scores.put("r2", metrics.r2());
            scores.put("rmse", metrics.rmse());
            scores.put("mae", metrics.mae());
        }
        return scores;
    }

    /**
     * The mean of some values.
     *
     * @param values at least one value
     * @return Σ v / n; of finite values whose sum overflows, Σ (v / n), finite
     */
    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        if (Double.isInfinite(sum) && finite(values)) {
            // Finite values whose sum overflows (a diverged fold's -1e308): the mean of v / n is finite.
            sum = 0;
            for (double v : values) {
                sum += v / values.length;
            }
            return sum;
        }
        return sum / values.length;
    }

    /**
     * The sample standard deviation of some values, √(Σ (v - mean)² / (n - 1)), as an estimate of the spread of a
     * score from one split to the next.
     *
     * @param values the values
     * @return the standard deviation; 0 for fewer than two values; finite for finite values whose squared deviations
     *         overflow (computed then over the deviations divided by the largest)
     */
    public static double sd(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(sum / (values.length - 1));
        if (Double.isInfinite(sd) && finite(values)) {
            // The squares overflowed (deviations past 1e154): the same sum over deviations divided by the largest.
            double largest = 0;
            for (double v : values) {
                largest = Math.max(largest, Math.abs(v / 2 - mean / 2));
            }
            double scaled = 0;
            for (double v : values) {
                double d = (v / 2 - mean / 2) / largest;
                scaled += d * d;
            }
            return 2 * largest * Math.sqrt(scaled / (values.length - 1));
        }
        return sd;
    }

    private static boolean finite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
