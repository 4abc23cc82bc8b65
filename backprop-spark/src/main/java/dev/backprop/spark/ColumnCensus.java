package dev.backprop.spark;

import dev.backprop.data.Cells;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.ColumnRanges;
import dev.backprop.data.ColumnType;
import dev.backprop.data.InvalidDataException;
import dev.backprop.data.MixedColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

/**
 * Each column's cells counted by their kind as the core's CSV reader reads a cell ({@link Cells#kind}: missing, a
 * number, not finite, text), for every column at once in one Spark aggregation (one pass; one result row reaches the
 * driver). A column is categorical if some cell is text or it is declared so, numeric otherwise; a numeric Spark column
 * (Parquet, say) is numeric, its NaN and infinity not finite. For numeric columns read as they are ({@link #numbers})
 * the same pass finds the ranges the scalings are fitted on and how far a row's targets sum from 1.
 */
final class ColumnCensus {
    private static final int PER_COLUMN = 11;

    /**
     * One column's census.
     *
     * @param source      the column
     * @param type        numeric or categorical
     * @param missing     how many cells are missing
     * @param text        how many cells are text
     * @param notFinite   how many cells are NaN or infinite (or too large)
     * @param notFiniteAt the smallest such cell (by code point), or null
     * @param notANumber  for a categorical column, its smallest cell that is not a finite number: what a message
     *                    shows if the column must be numeric; {@code null} for a numeric column
     * @param numbers     how many cells are finite numbers
     * @param commas      how many text cells are numbers written with a comma ({@link MixedColumns#isCommaNumber})
     * @param commaAt     the smallest of those, or null
     * @param textAt      the smallest other text cell, or null
     */
    record Entry(ColumnSource source, ColumnType type, long missing, long text, long notFinite, String notFiniteAt,
                 String notANumber, long numbers, long commas, String commaAt, String textAt) {
        /**
         * Refuses a column almost numeric by the core's {@link MixedColumns} rule, as the reader refuses it (naming
         * the smallest such cell: Spark's rows have no order to name the first by).
         *
         * @throws InvalidDataException naming the column
         */
        void requireNotMixed(String source) {
            MixedColumns.check(source, this.source.name(), numbers + commas, text - commas, textAt, 0, commaAt, 0);
        }

        /**
         * Refuses a numeric column with a cell that is not finite, as the reader refuses it.
         *
         * @throws InvalidDataException naming the column
         */
        void requireFinite(String source) {
            if (type == ColumnType.NUMERIC && notFiniteAt != null) {
                throw new InvalidDataException(source, 0, this.source.name(), Cells.notFiniteReason(notFiniteAt));
            }
        }
    }

    private final long rows;
    private final Map<String, Entry> entries;
    private final Row result;

    private ColumnCensus(long rows, Map<String, Entry> entries, Row result) {
        this.rows = rows;
        this.entries = entries;
        this.result = result;
    }

    /**
     * Takes the census of {@code columns} over {@code data}; {@code source} names the data in messages (or null).
     * The {@code declared} columns are categorical whatever they hold, as {@code --categorical} declares them.
     *
     * @throws IllegalArgumentException if the data has no rows
     */
    static ColumnCensus of(Dataset<Row> data, List<ColumnSource> columns, String source, Set<String> declared) {
        return of(data, columns, 0, false, source, declared);
    }

    /**
     * The census of numeric columns read as they are, the last {@code targets} of them targets, with their ranges.
     *
     * @throws IllegalArgumentException naming the column and the count if any value is missing, not a number, NaN
     *                                  or infinite, as the command line refuses such a file
     */
    static ColumnCensus numbers(Dataset<Row> data, List<ColumnSource> columns, int targets) {
        ColumnCensus census = of(data, columns, targets, true, null, Set.of());
        for (Entry entry : census.entries.values()) {
            census.check(entry, entry.missing(), "missing", " (drop or fill them first, e.g. with Dataset.na())");
            census.check(entry, entry.text(), "not a number", " (this column must be numeric)");
            census.check(entry, entry.notFinite(), "NaN or infinite", "");
        }
        return census;
    }

    private static ColumnCensus of(Dataset<Row> data, List<ColumnSource> columns, int targets, boolean ranges,
                                   String source, Set<String> declared) {
        List<Column> aggregates = new ArrayList<>();
        Column targetSum = lit(0.0);
        for (int j = 0; j < columns.size(); j++) {
            ColumnSource c = columns.get(j);
            Column value = c.raw().cast(DataTypes.DoubleType);
            Column kind = c.text() ? CellFunctions.KIND.apply(c.raw())
                    : when(value.isNull(), CellFunctions.MISSING)
                    .when(isnan(value).or(abs(value).equalTo(lit(Double.POSITIVE_INFINITY))), CellFunctions.NOT_FINITE)
                    .otherwise(CellFunctions.NUMBER);
            Column shown = c.text() ? CellFunctions.STRIP.apply(c.raw()) : value.cast(DataTypes.StringType);
            Column number = !ranges ? lit(null).cast(DataTypes.DoubleType)
                    : c.text() ? CellFunctions.NUMBER_OF.apply(c.raw())
                    : when(kind.equalTo(CellFunctions.NUMBER), value);
            aggregates.add(count(when(kind.equalTo(CellFunctions.MISSING), 1)));
            aggregates.add(count(when(kind.equalTo(CellFunctions.TEXT), 1)));
            aggregates.add(count(when(kind.equalTo(CellFunctions.NOT_FINITE), 1)));
            aggregates.add(min(when(kind.equalTo(CellFunctions.NOT_FINITE), shown)));
            aggregates.add(min(when(kind.geq(CellFunctions.NOT_FINITE), shown)));
            aggregates.add(min(number));
            aggregates.add(max(number));
            aggregates.add(max(abs(number)));
            // Asked of text cells only (CASE WHEN evaluates its value only where the condition holds).
            Column comma = c.text() ? when(kind.equalTo(CellFunctions.TEXT), CellFunctions.COMMA_NUMBER.apply(c.raw()))
                    .otherwise(false) : lit(false);
            aggregates.add(count(when(comma, 1)));
            aggregates.add(min(when(comma, shown)));
            aggregates.add(min(when(kind.equalTo(CellFunctions.TEXT).and(not(comma)), shown)));
            if (j >= columns.size() - targets) {
                targetSum = targetSum.plus(number);
            }
        }
        aggregates.add(max(abs(targetSum.minus(1.0))));
        Row result = data.agg(count(lit(1)), aggregates.toArray(new Column[0])).first();
        if (result.getLong(0) == 0) {
            throw new IllegalArgumentException(source == null ? "the dataset has no rows" : source + ": has no rows");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            int at = 1 + j * PER_COLUMN;
            long missing = result.getLong(at);
            long text = result.getLong(at + 1);
            long notFinite = result.getLong(at + 2);
            boolean categorical = text > 0 || declared.contains(columns.get(j).name());
            entries.put(columns.get(j).name(), new Entry(columns.get(j), categorical ? ColumnType.CATEGORICAL
                    : ColumnType.NUMERIC, missing, text, notFinite, result.getString(at + 3),
                    text > 0 ? result.getString(at + 4) : null, result.getLong(0) - missing - text - notFinite,
                    result.getLong(at + 8), result.getString(at + 9), result.getString(at + 10)));
        }
        return new ColumnCensus(result.getLong(0), entries, result);
    }

    private void check(Entry entry, long bad, String what, String hint) {
        if (bad > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "column %s: %d of %d values %s %s%s",
                    ColumnNames.quoted(entry.source().name()), bad, rows, bad == 1 ? "is" : "are", what, hint));
        }
    }

    /** The number of rows. */
    long rows() {
        return rows;
    }

    /** The census of column {@code name}, which was among those taken. */
    Entry entry(String name) {
        return entries.get(name);
    }

    /** Every column's census, in the order taken. */
    Iterable<Entry> entries() {
        return entries.values();
    }

    /** For a census of {@link #numbers}: the ranges of columns [from, to), 0 for a column without values. */
    ColumnRanges ranges(int from, int to) {
        double[][] ranges = new double[3][to - from];
        for (int j = from; j < to; j++) {
            for (int r = 0; r < 3; r++) {
                int at = 1 + j * PER_COLUMN + 5 + r;
                ranges[r][j - from] = result.isNullAt(at) ? 0.0 : result.getDouble(at);
            }
        }
        return new ColumnRanges(ranges[0], ranges[1], ranges[2]);
    }

    /** For a census of {@link #numbers}: the largest |Σ_o y_io − 1| over the rows i, the targets o. */
    double targetSumError() {
        int at = 1 + entries.size() * PER_COLUMN;
        return result.isNullAt(at) ? 0.0 : result.getDouble(at);
    }
}
