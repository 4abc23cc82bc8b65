package dev.backprop.spark;

import dev.backprop.data.MissingPolicy;
import dev.backprop.data.MissingValues;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

/**
 * Which rows a {@link MissingPolicy} keeps, as a Spark predicate, as the core's {@code Preprocessor} selects them:
 * every row for {@code error} (once no used cell is missing), the rows with every target for {@code mean}, the complete
 * rows for {@code drop}.
 */
final class RowSelection {
    /** How many of the first column's missing rows the error names, as the core's message shows. */
    private static final int ROWS_SHOWN = 5;

    private RowSelection() {
    }

    /** True where the cell of {@code column} is present. */
    static Column present(ColumnSource column) {
        return column.text() ? not(CellFunctions.KIND.apply(column.raw()).equalTo(CellFunctions.MISSING))
                : column.raw().isNotNull();
    }

    /**
     * True for the rows {@code policy} keeps.
     *
     * @param used    the input columns, then the targets
     * @param targets how many of the last used columns are targets
     */
    static Column kept(MissingPolicy policy, List<ColumnSource> used, int targets) {
        return switch (policy) {
            case ERROR -> lit(true);
            case MEAN -> used.subList(used.size() - targets, used.size()).stream().map(RowSelection::present)
                    .reduce(Column::and).orElseThrow();
            case DROP -> used.stream().map(RowSelection::present).reduce(Column::and).orElseThrow();
        };
    }

    /**
     * Checks that no cell of {@code used} is missing, as the {@code error} policy requires.
     *
     * @param used    the used columns, in the data's column order
     * @param targets the target columns among them
     * @param fitting true while fitting a preprocessor, false when applying a model's
     * @param source  the data's name in the message, or null
     * @throws dev.backprop.data.InvalidDataException worded as the core's: the first column with missing cells, how
     *                                                many, the rows of the first five (1-based, in the order Spark
     *                                                reads the data), the other columns with some
     */
    static void requireNone(Dataset<Row> data, ColumnCensus census, List<ColumnSource> used, List<String> targets,
                            boolean fitting, String source) {
        Map<String, Long> counts = new LinkedHashMap<>();
        ColumnSource first = null;
        for (ColumnSource c : used) {
            long missing = census.entry(c.name()).missing();
            if (missing > 0) {
                counts.put(c.name(), missing);
                first = first == null ? c : first;
            }
        }
        if (first == null) {
            return;
        }
        // Row numbers cost a job of their own (zipWithIndex counts each partition first), paid only on this error.
        boolean text = first.text();
        List<Long> rows = data.select(first.raw()).javaRDD().zipWithIndex()
                .filter(cell -> text ? CellFunctions.isMissing(cell._1().getString(0)) : cell._1().isNullAt(0))
                .map(cell -> cell._2() + 1)
                .take(ROWS_SHOWN);
        throw MissingValues.error(source, counts, rows.stream().mapToLong(Long::longValue).toArray(), fitting,
                targets);
    }
}
