package dev.backprop.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

/**
 * What fitting a preprocessor and the scalings needs from the rows a policy keeps, in two Spark jobs that collect only
 * these summaries: the row count and, per column read as numbers, the count, sum, min, max and max |x| of its present
 * values (one aggregation); per column read as labels, how often each label occurs (one {@code groupBy}: the
 * distinct labels and their counts come to the driver, never the rows).
 *
 * <p>Spark adds each partition's values in row order and then the partitions' sums, so a sum (and a mean) equals the
 * core's sequential one exactly for one partition, and up to the order of additions otherwise.
 */
final class FitStatistics {
    /**
     * The present values of a numeric column.
     *
     * @param count  how many are present
     * @param sum    their sum (0 if none)
     * @param min    the smallest (0 if none)
     * @param max    the largest (0 if none)
     * @param maxAbs the largest |x| (0 if none)
     */
    record Numbers(long count, double sum, double min, double max, double maxAbs) {
    }

    private static final int PER_NUMERIC = 5;

    private final long rows;
    private final Map<String, Numbers> numbers;
    private final Map<String, Map<String, Long>> labels;

    private FitStatistics(long rows, Map<String, Numbers> numbers, Map<String, Map<String, Long>> labels) {
        this.rows = rows;
        this.numbers = numbers;
        this.labels = labels;
    }

    /**
     * The statistics of {@code selected}: numbers for the {@code numeric} columns, label counts for the
     * {@code categorical} ones (a numeric column among them is labelled as the core labels numbers).
     */
    static FitStatistics of(Dataset<Row> selected, List<ColumnSource> numeric, List<ColumnSource> categorical) {
        List<Column> aggregates = new ArrayList<>();
        for (ColumnSource c : numeric) {
            Column v = c.text() ? CellFunctions.NUMBER_OF_TEXT.apply(c.raw()) : c.raw().cast(DataTypes.DoubleType);
            aggregates.add(count(v));
            aggregates.add(sum(v));
            aggregates.add(min(v));
            aggregates.add(max(v));
            aggregates.add(max(abs(v)));
        }
        Row result = selected.agg(count(lit(1)), aggregates.toArray(new Column[0])).first();
        Map<String, Numbers> numbers = new HashMap<>();
        for (int j = 0; j < numeric.size(); j++) {
            int at = 1 + j * PER_NUMERIC;
            numbers.put(numeric.get(j).name(), new Numbers(result.getLong(at), orZero(result, at + 1),
                    orZero(result, at + 2), orZero(result, at + 3), orZero(result, at + 4)));
        }
        Map<String, Map<String, Long>> labels = new HashMap<>();
        for (ColumnSource c : categorical) {
            labels.put(c.name(), new HashMap<>());
        }
        if (!categorical.isEmpty()) {
            Column[] cells = new Column[categorical.size()];
            for (int j = 0; j < cells.length; j++) {
                ColumnSource c = categorical.get(j);
                Column label = c.text() ? CellFunctions.LABEL_OF_TEXT.apply(c.raw())
                        : CellFunctions.LABEL_OF_NUMBER.apply(c.raw().cast(DataTypes.DoubleType));
                cells[j] = struct(lit(j).as("column"), label.as("label"));
            }
            List<Row> counts = selected.select(explode(array(cells)).as("cell"))
                    .select(col("cell.column").as("column"), col("cell.label").as("label"))
                    .where(col("label").isNotNull())
                    .groupBy("column", "label").count()
                    .collectAsList();
            for (Row r : counts) {
                labels.get(categorical.get(r.getInt(0)).name()).put(r.getString(1), r.getLong(2));
            }
        }
        return new FitStatistics(result.getLong(0), numbers, labels);
    }

    private static double orZero(Row row, int at) {
        return row.isNullAt(at) ? 0.0 : row.getDouble(at);
    }

    /** n, the number of selected rows. */
    long rows() {
        return rows;
    }

    /** The numbers of a column given as numeric. */
    Numbers numbers(String column) {
        return numbers.get(column);
    }

    /** How often each label of a column given as categorical occurs among its present cells. */
    Map<String, Long> labels(String column) {
        return labels.get(column);
    }
}
