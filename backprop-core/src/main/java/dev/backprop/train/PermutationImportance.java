package dev.backprop.train;

import dev.backprop.data.Column;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.Frame;
import dev.backprop.data.Split;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.model.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Permutation importance (Breiman 2001, "Random Forests", section 10; Fisher, Rudin and Dominici 2019): how much a
 * model's score drops when one input column's values are shuffled among the rows, which breaks the column's link to
 * the target while keeping its distribution. The shuffle is of the raw column, before the model's preprocessing, so a
 * categorical column's one-hot inputs move together and the importance is the column's, not one category's.
 *
 * <p>Each column is shuffled {@code repeats} times; drop = score(original) − score(shuffled) for a score where
 * higher is better, the other way round for a loss, so a positive drop always means the column helped. Randomness:
 * one {@code new SplittableRandom(seed)} draws the Fisher-Yates shuffles, column by column (in the model's input
 * order), repetition by repetition: the same seed gives the same importances.
 */
public final class PermutationImportance {
    private PermutationImportance() {
    }

    /**
     * One input column's importance.
     *
     * @param column the raw input column
     * @param drops  the score's drop in each repetition
     * @param mean   the mean drop
     * @param sd     the sample standard deviation of the drops (0 for one repetition)
     */
    public record ColumnImportance(String column, double[] drops, double mean, double sd) {
        /**
         * Copies the drops.
         *
         * @param column the column
         * @param drops  the drops; copied
         * @param mean   their mean
         * @param sd     their sd
         */
        public ColumnImportance {
            drops = drops.clone();
        }

        /**
         * A copy of the drops.
         *
         * @return a new array, one drop per repetition
         */
        @Override
        public double[] drops() {
            return drops.clone();
        }
    }

    /**
     * The importance of every input column the model reads, in the model's input order.
     *
     * @param model   a trained model
     * @param frame   labelled rows with the model's input columns and target; not modified
     * @param score   the score whose drop is measured, one of {@link Scores#of} the model's task
     * @param repeats shuffles per column, ≥ 1
     * @param seed    seeds the shuffles
     * @return one importance per raw input column
     * @throws IllegalArgumentException if {@code repeats < 1}, the score is not one of the task's, or the frame has
     *                                  fewer than two rows
     * @throws dev.backprop.data.InvalidDataException if the rows cannot be prepared for the model
     * @throws dev.backprop.linalg.TooLargeException   if the heap cannot hold a drop for every shuffle of every column
     */
    public static List<ColumnImportance> of(Model model, Frame frame, String score, int repeats, long seed) {
        return of(model, frame, score, repeats, seed, column -> { });
    }

    /**
     * {@link #of(Model, Frame, String, int, long)}, telling {@code columnDone} of each column as soon as its shuffles
     * are scored (how a front end shows progress); the result is the same.
     *
     * @param model      a trained model
     * @param frame      labelled rows with the model's input columns and target; not modified
     * @param score      the score whose drop is measured, one of {@link Scores#of} the model's task
     * @param repeats    shuffles per column, ≥ 1
     * @param seed       seeds the shuffles
     * @param columnDone told each column's importance, in the model's input order
     * @return one importance per raw input column
     * @throws IllegalArgumentException as {@link #of(Model, Frame, String, int, long)}
     */
    public static List<ColumnImportance> of(Model model, Frame frame, String score, int repeats, long seed,
                                            Consumer<ColumnImportance> columnDone) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1 but was " + repeats);
        }
        Scores.named(model.task(), score);
        if (frame.rows() < 2) {
            throw new IllegalArgumentException(frame.source() + ": permuting a column needs at least 2 rows but "
                    + "there " + (frame.rows() == 1 ? "is 1" : "are " + frame.rows()));
        }
        double sign = Scores.higherIsBetter(score) ? 1 : -1;
        double baseline = Scores.score(model, frame).get(score);
        SplittableRandom random = new SplittableRandom(seed);
        List<ColumnImportance> importances = new ArrayList<>();
        int n = frame.rows();
        long[] lines = new long[n];
        for (int i = 0; i < n; i++) {
            lines[i] = frame.line(i);
        }
        List<String> inputs = model.preparation().inputColumns();
        // Every shuffle's drop is kept (for the sd and the JSON): a count the heap cannot hold is refused up front.
        MemoryBudget.heap().require(MemoryBudget.doubles(MemoryBudget.times(repeats, inputs.size())),
                "permutation importance of " + inputs.size() + " columns x " + MemoryBudget.count(repeats)
                        + " repeats", "one score drop per shuffle of each column", "use fewer --repeats");
        for (String name : inputs) {
            int index = frame.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException(frame.source() + ": the model reads the column "
                        + ColumnNames.quoted(name)
                        + ", which the data does not have");
            }
            double[] drops = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                List<Column> columns = new ArrayList<>(frame.columns());
                columns.set(index, columns.get(index).select(permutation(n, random)));
                Frame shuffled = Frame.of(frame.source(), columns, lines);
                drops[r] = sign * (baseline - Scores.score(model, shuffled).get(score));
            }
            ColumnImportance importance = new ColumnImportance(name, drops, Scores.mean(drops), Scores.sd(drops));
            importances.add(importance);
            columnDone.accept(importance);
        }
        return importances;
    }

    /** A Fisher-Yates shuffle of 0..n-1 ({@link Split#shuffle}). */
    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Split.shuffle(order, 0, n, random);
        return order;
    }
}
