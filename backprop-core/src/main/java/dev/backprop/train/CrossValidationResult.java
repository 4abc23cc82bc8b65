package dev.backprop.train;

import dev.backprop.data.Task;

import java.util.List;

/**
 * What a cross-validation measured: every fold's scores, and their mean and sample standard deviation over the
 * folds of all repetitions (the sd estimates how much the score moves from one split of the data to another).
 *
 * @param task  the target's task, which says which scores there are
 * @param folds every fold's scores, repetition by repetition, fold by fold
 */
public record CrossValidationResult(Task task, List<FoldScore> folds) {
    /**
     * Copies the folds.
     *
     * @param task  the task
     * @param folds the folds' scores, at least one; copied
     */
    public CrossValidationResult {
        folds = List.copyOf(folds);
    }

    /**
     * The names of the scores, the ranking one first.
     *
     * @return {@link Scores#of(Task)}
     */
    public List<String> scoreNames() {
        return Scores.of(task);
    }

    /**
     * One score of every fold, in fold order.
     *
     * @param name a score's name
     * @return one value per fold
     */
    public double[] values(String name) {
        double[] values = new double[folds.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = folds.get(i).scores().get(name);
        }
        return values;
    }

    /**
     * The mean of a score over the folds.
     *
     * @param name a score's name
     * @return the mean
     */
    public double mean(String name) {
        return Scores.mean(values(name));
    }

    /**
     * The sample standard deviation of a score over the folds.
     *
     * @param name a score's name
     * @return the sd, 0 for a single fold
     */
    public double sd(String name) {
        return Scores.sd(values(name));
    }
}
