package dev.backprop.command;

import dev.backprop.data.MissingPolicy;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Task;
import dev.backprop.data.TaskChoice;
import dev.backprop.model.Model;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of a training command line that say how a table's columns become inputs and targets: {@code --target},
 * {@code --ignore}, {@code --missing}, {@code --task}. A picocli mixin that {@code backprop train} and
 * {@code backprop-spark} both use, so each option is declared once.
 */
public final class ColumnOptions {
    @Option(names = "--target", paramLabel = "COL",
            description = "The column to predict, or several numeric ones to predict together, COL,COL... "
                    + "(regression, one output each; backprop train only). Default: the last column.")
    String target;

    @Option(names = "--ignore", split = ",", paramLabel = "COL[,COL...]",
            description = "Columns to leave out (ids, names); a name holding a comma in double quotes.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "error",
            description = "Missing cells (empty, ?, NA): error, mean (fill inputs with the training mean or mode; "
                    + "drop rows without a target), drop (drop incomplete rows). Default: ${DEFAULT-VALUE}.")
    String missing = "error";

    @Option(names = "--task", paramLabel = "TASK",
            description = "regression or classification. Default: inferred from the target: classification for "
                    + "text labels, or for at most " + TaskChoice.MAX_CLASSES + " distinct whole numbers each in at "
                    + "least " + TaskChoice.MIN_CLASS_ROWS + " rows; regression "
                    + "otherwise.")
    String task;

    /**
     * The columns given to {@code --ignore} ({@link ColumnList}: a quoted name may hold a comma).
     *
     * @return the names, in the order given; empty if none
     */
    public List<String> ignored() {
        return List.copyOf(ColumnList.names(ignore));
    }

    /**
     * Refuses the options but {@code --target}, which describe a table's columns, for inputs read from a vector
     * column, which has no such columns.
     *
     * @param vectorOption the option naming the vector column, such as {@code --features}
     * @throws IllegalArgumentException if {@code --ignore}, {@code --task} or a {@code --missing} other than error was
     *                                  given
     */
    public void refuseForVectors(String vectorOption) {
        if (!ignore.isEmpty() || task != null || !missing.equalsIgnoreCase(MissingPolicy.ERROR.id())) {
            throw new IllegalArgumentException("--ignore, --missing and --task apply to the columns of a table, not "
                    + "to the vectors of " + vectorOption);
        }
    }

    /**
     * The columns to predict: {@code --target}'s (a column of the table by that name, else the names between its
     * commas); else the starting model's outputs (its first only, unless it is a
     * regression of outputs all in the table) if the table has its first; else the table's last column.
     *
     * @param columns the table's columns, in order; at least one
     * @param initial the model training starts from, or null
     * @return the target columns' names, at least one
     */
    public List<String> targetColumns(List<String> columns, Model initial) {
        if (target != null) {
            return columns.contains(target) ? List.of(target) : List.of(target.split(",", -1));
        }
        if (initial != null && columns.contains(initial.outputs().get(0))) {
            return initial.task() == Task.REGRESSION && columns.containsAll(initial.outputs()) ? initial.outputs()
                    : List.of(initial.outputs().get(0));
        }
        return List.of(columns.get(columns.size() - 1));
    }

    /**
     * The columns a run starting from {@code initial} reads when it fits its own preprocessing (the model has none):
     * the model's inputs, in its order, then the targets, if the table has them all, since a model trained without
     * preprocessing names the numeric columns it read. Otherwise the table's columns, as these options say.
     *
     * @param columns      the table's columns
     * @param initial      the model training starts from, or null
     * @param targets      the targets, from {@link #targetColumns}
     * @return the columns to read, in order, or null to read the table as these options say
     */
    public List<String> startingColumns(List<String> columns, Model initial, List<String> targets) {
        if (initial == null || !columns.containsAll(initial.inputs()) || !columns.containsAll(targets)) {
            return null;
        }
        List<String> selected = new ArrayList<>(initial.inputs());
        selected.addAll(targets);
        return selected;
    }

    /**
     * How to prepare a table for predicting {@code targetColumns}.
     *
     * @param targetColumns the targets, from {@link #targetColumns}
     * @return the preprocessing configuration of these options
     * @throws IllegalArgumentException naming the allowed words, for an unknown {@code --missing} or {@code --task};
     *                                  for several targets with {@code --task classification}
     */
    public PreprocessConfig config(List<String> targetColumns) {
        PreprocessConfig config = PreprocessConfig.of(targetColumns.get(0)).withTargets(targetColumns).withIgnore(ignored())
                .withMissing(MissingPolicy.fromId(missing));
        return task == null ? config : config.withTask(Task.fromId(task));
    }
}
