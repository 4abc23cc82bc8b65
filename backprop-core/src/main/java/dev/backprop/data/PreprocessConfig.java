package dev.backprop.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What to learn from a frame: the configuration a {@link Preprocessor} is fitted with. Immutable.
 *
 * @param targets the target columns' names: one, or several to predict as numbers together (regression)
 * @param ignore  columns to drop before anything else (ids, names); must not include a target
 * @param missing what to do with missing cells
 * @param task    the task, or {@code null} to infer it ({@link TaskChoice})
 * @param dates   input columns of ISO dates, read as numbers ({@link DateFeatures})
 */
public record PreprocessConfig(List<String> targets, List<String> ignore, MissingPolicy missing, Task task,
                               List<String> dates) {
    /**
     * @param targets the target columns' names, at least one, none twice; copied
     * @param ignore  columns to drop; copied
     * @param missing what to do with missing cells, not null
     * @param task    the task, or {@code null} to infer it
     * @param dates   date columns to read as numbers; copied
     * @throws IllegalArgumentException if there is no target, one is named twice or also ignored, several are asked
     *                                  to be classified, or a date column is a target or ignored
     */
    public PreprocessConfig {
        targets = List.copyOf(targets);
        dates = List.copyOf(dates);
        ignore = List.copyOf(ignore);
        for (String date : dates) {
            if (targets.contains(date) || ignore.contains(date)) {
                throw new IllegalArgumentException("the date column " + ColumnNames.quoted(date)
                        + " is an input, so it cannot also be "
                        + "a target or ignored");
            }
        }
        Objects.requireNonNull(missing, "missing");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a target column is needed");
        }
        if (new HashSet<>(targets).size() != targets.size()) {
            throw new IllegalArgumentException("the targets " + targets + " name a column twice");
        }
        for (String target : targets) {
            if (ignore.contains(target)) {
                throw new IllegalArgumentException("the target " + ColumnNames.quoted(target)
                        + " cannot also be ignored");
            }
        }
        if (targets.size() > 1 && task == Task.CLASSIFICATION) {
            throw new IllegalArgumentException(SEVERAL_CLASSIFIED);
        }
    }

    /** Why several targets cannot be classes. */
    static final String SEVERAL_CLASSIFIED = "several targets are predicted together as numbers (regression) only: "
            + "one network with a softmax head per target is not supported; train one model per classified target";

    /**
     * The target column's name: the first, when there are several.
     *
     * @return the name
     */
    public String target() {
        return targets.get(0);
    }

    /**
     * Learn {@code target} from all other columns, refusing missing cells, with the task inferred.
     *
     * @param target the target column's name
     * @return the configuration
     */
    public static PreprocessConfig of(String target) {
        return new PreprocessConfig(List.of(target), List.of(), MissingPolicy.ERROR, null, List.of());
    }

    /**
     * The same configuration predicting {@code columns} (several as numbers, together).
     *
     * @param columns the target columns, replacing the current ones
     * @return a new configuration; this one is unchanged
     * @throws IllegalArgumentException as the constructor
     */
    public PreprocessConfig withTargets(List<String> columns) {
        return new PreprocessConfig(columns, ignore, missing, task, dates);
    }

    /**
     * The same configuration reading {@code columns} as dates, each as numbers ({@link DateFeatures}).
     *
     * @param columns input columns whose every value is an ISO date, replacing the current ones
     * @return a new configuration; this one is unchanged
     * @throws IllegalArgumentException if one is a target or ignored
     */
    public PreprocessConfig withDates(List<String> columns) {
        return new PreprocessConfig(targets, ignore, missing, task, columns);
    }

    /**
     * The same configuration dropping {@code columns} first.
     *
     * @param columns the columns to ignore, replacing the current list
     * @return a new configuration; this one is unchanged
     * @throws IllegalArgumentException if the target is among them
     */
    public PreprocessConfig withIgnore(List<String> columns) {
        return new PreprocessConfig(targets, columns, missing, task, dates);
    }

    /**
     * The same configuration with another missing-value policy.
     *
     * @param policy what to do with missing cells
     * @return a new configuration; this one is unchanged
     */
    public PreprocessConfig withMissing(MissingPolicy policy) {
        return new PreprocessConfig(targets, ignore, policy, task, dates);
    }

    /**
     * The same configuration with another task.
     *
     * @param newTask the task, or {@code null} to infer it ({@link TaskChoice})
     * @return a new configuration; this one is unchanged
     */
    public PreprocessConfig withTask(Task newTask) {
        return new PreprocessConfig(targets, ignore, missing, newTask, dates);
    }

    /**
     * The inputs a fit on a table with these columns uses: every column but the targets and the ignored ones, in the
     * table's order.
     *
     * @param columns the table's column names, in order
     * @param source  the data's name in messages, or null
     * @return the input column names
     * @throws InvalidDataException if the target or an ignored column is not among {@code columns}, or no input
     *                              column is left
     */
    public List<String> inputs(List<String> columns, String source) {
        List<String> wanted = new ArrayList<>(ignore);
        wanted.addAll(targets);
        Frame.requireColumns(source, columns, wanted);
        List<String> inputs = new ArrayList<>();
        for (String name : columns) {
            if (!targets.contains(name) && !ignore.contains(name)) {
                inputs.add(name);
            }
        }
        if (inputs.isEmpty()) {
            throw new InvalidDataException(source, 0, null, noInput(columns));
        }
        return inputs;
    }

    private String noInput(List<String> names) {
        if (names.size() == 1) {
            boolean separator = names.get(0).chars().anyMatch(c -> ",;\t| ".indexOf(c) >= 0);
            return "has one column only, " + ColumnNames.quoted(names.get(0))
                    + ", the target: there is nothing to learn from"
                    + (separator ? "; if its fields are separated by another character, name it with --delimiter"
                    : "");
        }
        return "no input column is left once the target " + ColumnNames.quoted(targets)
                + (ignore.isEmpty() ? " is" : " and the ignored columns are")
                + " set aside: there is nothing to learn from";
    }
}
