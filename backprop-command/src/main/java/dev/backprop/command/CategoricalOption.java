package dev.backprop.command;

import dev.backprop.data.ColumnNames;
import dev.backprop.data.InvalidDataException;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --categorical}: columns read as categories whatever they hold, the only way past the core's refusal of a
 * column almost numeric ({@link dev.backprop.data.MixedColumns}). A picocli mixin of the commands that fit their own
 * preprocessing ({@code backprop train}, {@code cv}, {@code tune}, {@code studio}) and of {@code backprop-spark}.
 */
public final class CategoricalOption {
    @Option(names = "--categorical", split = ",", paramLabel = "COL[,COL...]",
            description = "Columns of a CSV/TSV file to read as categories whatever they hold (a code such as 1, 2, "
                    + "3, or a column of numbers with some text). Other columns with at least half numbers and some "
                    + "text are refused. ARFF files declare their types.")
    List<String> categorical = new ArrayList<>();

    /**
     * The columns declared categorical.
     *
     * @return the {@code --categorical} columns, in the order given ({@link ColumnList}: a quoted name may hold a
     *         comma); empty if none
     */
    public List<String> columns() {
        return ColumnList.names(categorical);
    }

    /**
     * Refuses a {@code --categorical} name the data lacks.
     *
     * @param source  the data's name in the message
     * @param columns the data's columns, from its header
     * @throws InvalidDataException naming the first such column, at the header (line 1)
     */
    public void requireColumns(String source, List<String> columns) {
        for (String name : columns()) {
            if (!columns.contains(name)) {
                throw new InvalidDataException(source, 1, null, "--categorical names the column "
                        + ColumnNames.quoted(name) + ", which the header does not have (columns: "
                        + ColumnNames.listed(columns) + ")");
            }
        }
    }
}
