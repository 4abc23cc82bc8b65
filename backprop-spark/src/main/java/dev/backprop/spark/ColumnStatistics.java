package dev.backprop.spark;

import dev.backprop.data.ColumnRanges;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * What the scalings need and what validation checks, for numeric columns read as they are (no preprocessing), for
 * every column at once in one Spark aggregation (one pass over the data; nothing is collected to the driver but one
 * row of results): the row count, each column's min, max and max |x|, how many of its values are missing, not
 * numbers, or not finite, and how far a row's targets sum from 1 (for categorical cross-entropy).
 */
final class ColumnStatistics {
    private static final int PER_COLUMN = 6;

    private final long rows;
    private final double[] min;
    private final double[] max;
    private final double[] maxAbs;
    private final double targetSumError;

    private ColumnStatistics(long rows, double[] min, double[] max, double[] maxAbs, double targetSumError) {
        this.rows = rows;
        this.min = min;
        this.max = max;
        this.maxAbs = maxAbs;
        this.targetSumError = targetSumError;
    }

    /**
     * Computes the statistics of {@code columns} over {@code data}, the last {@code targets} of which are targets.
     *
     * @throws IllegalArgumentException naming the column and the count if any value is missing, not a number, NaN
     *                                  or infinite, as the command line refuses such a file
     */
    static ColumnStatistics of(Dataset<Row> data, List<ColumnSource> columns, int targets) {
        List<Column> aggregates = new ArrayList<>();
        Column targetSum = lit(0.0);
        for (int j = 0; j < columns.size(); j++) {
            ColumnSource c = columns.get(j);
            Column value = c.raw().cast(DataTypes.DoubleType);
            Column missing = c.text() ? c.raw().isNull().or(trim(c.raw()).equalTo("")) : c.raw().isNull();
            Column finite = value.isNotNull().and(isnan(value).unary_$bang())
                    .and(abs(value).notEqual(lit(Double.POSITIVE_INFINITY)));
            aggregates.add(min(when(finite, value)));
            aggregates.add(max(when(finite, value)));
            aggregates.add(max(when(finite, abs(value))));
            aggregates.add(count(when(missing, 1)));
            aggregates.add(count(when(missing.unary_$bang().and(value.isNull()), 1)));
            aggregates.add(count(when(value.isNotNull().and(finite.unary_$bang()), 1)));
            if (j >= columns.size() - targets) {
                targetSum = targetSum.plus(value);
            }
        }
        aggregates.add(max(abs(targetSum.minus(1.0))));
        Row result = data.agg(count(lit(1)), aggregates.toArray(new Column[0])).first();
        long rows = result.getLong(0);
        int m = columns.size();
        double[] min = new double[m];
        double[] max = new double[m];
        double[] maxAbs = new double[m];
        for (int j = 0; j < m; j++) {
            int at = 1 + j * PER_COLUMN;
            String name = columns.get(j).name();
            check(name, rows, result.getLong(at + 3), "missing",
                    " (drop or fill them first, e.g. with Dataset.na())");
            check(name, rows, result.getLong(at + 4), "not a number", " (this column must be numeric)");
            check(name, rows, result.getLong(at + 5), "NaN or infinite", "");
            min[j] = result.isNullAt(at) ? 0.0 : result.getDouble(at);
            max[j] = result.isNullAt(at + 1) ? 0.0 : result.getDouble(at + 1);
            maxAbs[j] = result.isNullAt(at + 2) ? 0.0 : result.getDouble(at + 2);
        }
        int sumAt = 1 + m * PER_COLUMN;
        return new ColumnStatistics(rows, min, max, maxAbs, result.isNullAt(sumAt) ? 0.0 : result.getDouble(sumAt));
    }

    private static void check(String column, long rows, long bad, String what, String hint) {
        if (bad > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "column '%s': %d of %d values %s %s%s",
                    column, bad, rows, bad == 1 ? "is" : "are", what, hint));
        }
    }

    long rows() {
        return rows;
    }

    /** The ranges of columns [from, to). */
    ColumnRanges ranges(int from, int to) {
        return new ColumnRanges(Arrays.copyOfRange(min, from, to), Arrays.copyOfRange(max, from, to),
                Arrays.copyOfRange(maxAbs, from, to));
    }

    /** The largest |Σ_o y_io − 1| over the rows i, the targets o. */
    double targetSumError() {
        return targetSumError;
    }
}
