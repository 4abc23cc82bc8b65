package dev.backprop.spark;

import dev.backprop.data.Cells;
import dev.backprop.data.ColumnType;
import dev.backprop.data.InvalidDataException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

/**
 * Each column's type, decided as the core's CSV reader decides it, and its missing cells, for every column at once in
 * one Spark aggregation (one pass; one result row reaches the driver). A column is categorical if some cell is text,
 * numeric otherwise; a NaN or infinity literal, or a number too large for a double, in a numeric column is refused as
 * the reader refuses it. A numeric Spark column (Parquet, say) is numeric, NaN and infinity refused likewise.
 */
final class ColumnCensus {
    private static final int PER_COLUMN = 4;

    /**
     * One column's census.
     *
     * @param source     the column
     * @param type       numeric or categorical
     * @param missing    how many cells are missing
     * @param notANumber for a categorical column, its smallest cell (by code point) that is not a finite number: what
     *                   a message shows if the column must be numeric; {@code null} for a numeric column
     */
    record Entry(ColumnSource source, ColumnType type, long missing, String notANumber) {
    }

    private final long rows;
    private final Map<String, Entry> entries;

    private ColumnCensus(long rows, Map<String, Entry> entries) {
        this.rows = rows;
        this.entries = entries;
    }

    /**
     * Takes the census of {@code columns} over {@code data}, named {@code source} in messages (or null).
     *
     * @throws InvalidDataException naming the column, if a numeric column holds a value that is not finite
     */
    static ColumnCensus of(Dataset<Row> data, List<ColumnSource> columns, String source) {
        List<Column> aggregates = new ArrayList<>();
        for (ColumnSource c : columns) {
            Column kind;
            Column shown;
            if (c.text()) {
                kind = CellFunctions.KIND.apply(c.raw());
                shown = CellFunctions.STRIP.apply(c.raw());
            } else {
                Column value = c.raw().cast(DataTypes.DoubleType);
                kind = when(value.isNull(), CellFunctions.MISSING)
                        .when(isnan(value).or(abs(value).equalTo(lit(Double.POSITIVE_INFINITY))),
                                CellFunctions.NOT_FINITE)
                        .otherwise(CellFunctions.NUMBER);
                shown = value.cast(DataTypes.StringType);
            }
            aggregates.add(count(when(kind.equalTo(CellFunctions.MISSING), 1)));
            aggregates.add(count(when(kind.equalTo(CellFunctions.TEXT), 1)));
            aggregates.add(min(when(kind.equalTo(CellFunctions.NOT_FINITE), shown)));
            aggregates.add(min(when(kind.geq(CellFunctions.NOT_FINITE), shown)));
        }
        Row result = data.agg(count(lit(1)), aggregates.toArray(new Column[0])).first();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            int at = 1 + j * PER_COLUMN;
            ColumnSource column = columns.get(j);
            long missing = result.getLong(at);
            boolean text = result.getLong(at + 1) > 0;
            if (!text && !result.isNullAt(at + 2)) {
                throw new InvalidDataException(source, 0, column.name(),
                        Cells.notFiniteReason(result.getString(at + 2)));
            }
            entries.put(column.name(), new Entry(column, text ? ColumnType.CATEGORICAL : ColumnType.NUMERIC, missing,
                    text ? result.getString(at + 3) : null));
        }
        return new ColumnCensus(result.getLong(0), entries);
    }

    /** The number of rows. */
    long rows() {
        return rows;
    }

    /** The census of column {@code name}, which was among those taken. */
    Entry entry(String name) {
        return entries.get(name);
    }
}
