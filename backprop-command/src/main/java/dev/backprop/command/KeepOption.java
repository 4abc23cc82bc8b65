package dev.backprop.command;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --keep}: identifier-like columns a run that fits its own preprocessing keeps as inputs, which the core's
 * {@link dev.backprop.data.InputScreen} otherwise leaves out with a warning, which names this option. A picocli mixin
 * of the commands that fit their own preprocessing ({@code backprop train}, {@code cv}, {@code tune}, {@code studio})
 * and of {@code backprop-spark}.
 */
public final class KeepOption {
    @Option(names = "--keep", split = ",", paramLabel = "COL[,COL...]",
            description = "Keep these columns as inputs although they look like identifiers (a distinct text in "
                    + "nearly every row), which are otherwise left out with a warning. Columns of ISO dates are "
                    + "read as numbers (days, month, weekday, hour), never kept as categories.")
    List<String> keep = new ArrayList<>();

    /**
     * The columns to keep.
     *
     * @return the {@code --keep} columns, in the order given ({@link ColumnList}: a quoted name may hold a comma);
     *         empty if none
     */
    public List<String> columns() {
        return ColumnList.names(keep);
    }
}
