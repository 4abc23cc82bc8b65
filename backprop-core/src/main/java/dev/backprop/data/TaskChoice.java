package dev.backprop.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The task a target column means, and why, in words a user reads before training. The rule, as careful AutoML tools
 * infer it (AutoGluon's {@code infer_problem_type}, say): a target with text labels is classified; a numeric target is
 * classified when its values are whole numbers, at most {@link #MAX_CLASSES} distinct ones, each in at least
 * {@link #MIN_CLASS_ROWS} rows (digits 0-9, a rating 1-5, a 0/1 flag); any other numeric target is regressed. A task
 * asked for is taken as it is. Only the target's present values count. Immutable.
 *
 * <p>The few-rows rule keeps a small table of numbers (three test scores, XOR's four rows) a regression: a value seen
 * once or twice says nothing about a class.
 *
 * @param task   the task chosen, never null
 * @param reason why, a clause completing "task: classification, ..." (such as "because target 'digit' holds 10
 *               distinct whole numbers, ..."), never null
 */
public record TaskChoice(Task task, String reason) {
    /** The most distinct whole numbers a numeric target may hold to be classified by default. */
    public static final int MAX_CLASSES = 20;
    /** The fewest rows each of those numbers must have for the target to be classified by default. */
    public static final int MIN_CLASS_ROWS = 5;

    /**
     * @param task   the task, not null
     * @param reason why it was chosen, not null
     */
    public TaskChoice {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * The task of each of the configuration's targets in {@code train}, in order.
     *
     * @param config the targets and the task asked for, if any
     * @param train  the training rows; not modified
     * @return one task per target
     * @throws InvalidDataException if there are several targets and one of them is classified
     */
    static List<Task> tasks(PreprocessConfig config, Frame train) {
        Task task = of(config, target -> of(config.task(), train.column(target)), train.source()).task();
        return new ArrayList<>(Collections.nCopies(config.targets().size(), task));
    }

    /**
     * The task of the configuration's targets, each chosen by {@code choose}: one target's own choice; several
     * targets are predicted together as numbers, so each must be a regression.
     *
     * @param config the targets and the task asked for, if any
     * @param choose the choice for one target column, by its name
     * @param source the data's name in the refusal, or null
     * @return the choice and its reason
     * @throws InvalidDataException if there are several targets and one of them is classified
     */
    public static TaskChoice of(PreprocessConfig config, Function<String, TaskChoice> choose, String source) {
        List<String> targets = config.targets();
        if (targets.size() == 1) {
            return choose.apply(targets.get(0));
        }
        for (String target : targets) {
            TaskChoice choice = choose.apply(target);
            if (choice.task() == Task.CLASSIFICATION) {
                throw new InvalidDataException(source, 0, target, PreprocessConfig.SEVERAL_CLASSIFIED
                        + " (this one is classified " + choice.reason() + ")");
            }
        }
        return new TaskChoice(Task.REGRESSION, config.task() != null ? "as --task asked"
                : "because the " + targets.size() + " targets are predicted together, each as a number");
    }

    /**
     * How the target {@code column} of {@code train} is used for {@code task} (inferred by {@link #of(Task, Column)}
     * if null): as numbers for regression, as labels for classification.
     *
     * @throws InvalidDataException at the first label that is not a number, if regression is asked of text labels
     */
    static ColumnType use(Frame train, String column, Task task) {
        Column target = train.column(column);
        Task chosen = of(task, target).task();
        if (chosen == Task.REGRESSION && target instanceof CategoricalColumn) {
            for (int i = 0; i < train.rows(); i++) {
                if (!Double.isFinite(Numbers.parse(target.label(i)))) {
                    throw new InvalidDataException(train.source(), train.line(i), column,
                            TargetEncoder.notNumericReason(target.label(i)));
                }
            }
        }
        return chosen.targetUse();
    }

    /**
     * The task for a target column read from a frame.
     *
     * @param asked  the task the user chose, or null to infer it
     * @param target the target column; not modified
     * @return the choice and its reason
     */
    public static TaskChoice of(Task asked, Column target) {
        if (asked != null || target.type() == ColumnType.CATEGORICAL) {
            return of(asked, target.name(), target.type(), Map.of());
        }
        NumericColumn numeric = (NumericColumn) target;
        Map<Double, Long> counts = new HashMap<>();
        for (int i = 0; i < numeric.size() && counts.size() <= MAX_CLASSES; i++) {
            double v = numeric.value(i);
            if (!Double.isNaN(v)) {
                // + 0.0 makes -0 the 0 it equals (as a Double it is another key), as the classes make it one class.
                counts.merge(v + 0.0, 1L, Long::sum);
            }
        }
        return of(null, target.name(), ColumnType.NUMERIC, counts);
    }

    /**
     * The task for a target column an engine knows only by its type (a cluster, which never holds the column): the
     * value counts the rule reads are asked for only when it needs them, and regression of a column holding text is
     * refused, as {@link #use} refuses it but without a line.
     *
     * @param asked      the task the user chose, or null to infer it
     * @param column     the target column's name
     * @param type       its type in the data
     * @param counts     gives the counts {@link #of(Task, String, ColumnType, Map)} reads; called only for a numeric
     *                   column whose task is inferred
     * @param notANumber for a categorical column, one of its labels that is not a number, which the refusal shows
     * @param source     the data's name in the refusal, or null
     * @return the choice and its reason
     * @throws InvalidDataException if regression is asked of a column holding text
     */
    public static TaskChoice of(Task asked, String column, ColumnType type, Supplier<Map<Double, Long>> counts,
                                String notANumber, String source) {
        TaskChoice choice = of(asked, column, type, asked == null && type == ColumnType.NUMERIC ? counts.get()
                : Map.of());
        if (choice.task() == Task.REGRESSION && type == ColumnType.CATEGORICAL) {
            throw new InvalidDataException(source, 0, column, TargetEncoder.notNumericReason(notANumber));
        }
        return choice;
    }

    /**
     * The task for a target column described by its type and the counts of its values: the one rule every front end
     * (a frame here, Spark's aggregations) applies.
     *
     * @param asked  the task the user chose, or null to infer it
     * @param column the target column's name, for the reason
     * @param type   the target column's type
     * @param counts for a numeric target whose task is inferred: how many rows hold each distinct present value, for
     *               every value, or for at least {@link #MAX_CLASSES} + 1 of them when there are more; otherwise
     *               ignored
     * @return the choice and its reason
     */
    public static TaskChoice of(Task asked, String column, ColumnType type, Map<Double, Long> counts) {
        String target = "target " + ColumnNames.quoted(column);
        if (asked != null) {
            return new TaskChoice(asked, "as --task asked");
        }
        if (type == ColumnType.CATEGORICAL) {
            return new TaskChoice(Task.CLASSIFICATION, "because " + target + " holds labels that are not all "
                    + "numbers (or is declared categorical)");
        }
        String otherwise = "; --task classification treats its values as classes";
        if (counts.size() > MAX_CLASSES) {
            return new TaskChoice(Task.REGRESSION, "because " + target + " holds more than " + MAX_CLASSES
                    + " distinct numbers" + otherwise);
        }
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            double v = e.getKey();
            if (v != Math.rint(v)) {
                return new TaskChoice(Task.REGRESSION, "because " + target + " holds numbers that are not whole, "
                        + "such as " + Numbers.label(v) + otherwise);
            }
        }
        if (counts.size() < 2) {
            return new TaskChoice(Task.REGRESSION, "because " + target + " holds "
                    + (counts.isEmpty() ? "no value" : "one value only") + otherwise);
        }
        Map.Entry<Double, Long> rarest = null;
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            if (rarest == null || e.getValue() < rarest.getValue()
                    || e.getValue().equals(rarest.getValue()) && e.getKey() < rarest.getKey()) {
                rarest = e;
            }
        }
        if (rarest.getValue() < MIN_CLASS_ROWS) {
            return new TaskChoice(Task.REGRESSION, "because " + target + " holds " + counts.size()
                    + " distinct whole numbers but " + Numbers.label(rarest.getKey()) + " is in only "
                    + rarest.getValue() + (rarest.getValue() == 1 ? " row" : " rows") + ", fewer than the "
                    + MIN_CLASS_ROWS + " a class needs" + otherwise);
        }
        return new TaskChoice(Task.CLASSIFICATION, "because " + target + " holds " + counts.size()
                + " distinct whole numbers, each in at least " + MIN_CLASS_ROWS + " rows; --task regression "
                + "predicts a number");
    }

    /**
     * The line a command prints: {@code task: classification, because ...}.
     *
     * @return the line, without a line break
     */
    public String line() {
        return "task: " + task.id() + ", " + reason;
    }
}
