package dev.backprop.spark;

import dev.backprop.data.ClassWeights;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.Task;
import dev.backprop.data.TargetEncoder;
import dev.backprop.linalg.Matrix;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Each row's weight in the loss, as {@code backprop train --class-weight --sample-weight} weighs it: its class's
 * weight (the core's {@link ClassWeights}, balanced on the class counts of all packed rows, which the fit's summary
 * holds) times its own weight from a numeric column. The column is checked by one aggregation before packing; a
 * partition then reads it beside the used columns. Shipped to the executors inside the {@link FrameRows}.
 */
final class RowWeights implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Each class's weight, or null without class weights. */
    private final double[] perClass;
    /** The sample weights as doubles (null where missing), selected after the used columns; null without them. */
    private final transient Column cell;
    private final boolean sampled;

    private RowWeights(double[] perClass, Column cell) {
        this.perClass = perClass;
        this.cell = cell;
        this.sampled = cell != null;
    }

    /**
     * The weights of the rows {@code fit} selected, or null for unweighted rows.
     *
     * @param classWeights the class weights, or null
     * @param column       the sample-weight column, or null
     * @param source       the data's name in messages, or null
     * @throws IllegalArgumentException if class weights are asked of a regression or name an unknown class, or a
     *                                  sample weight is missing, not a number, negative or infinite, or all are 0
     */
    static RowWeights fit(Dataset<Row> data, PreprocessingFit.Result fit, ClassWeights classWeights, String column,
                          String source) {
        if (classWeights == null && column == null) {
            return null;
        }
        double[] perClass = null;
        if (classWeights != null) {
            TargetEncoder target = fit.preprocessor().target();
            long[] count = new long[target.width()];
            if (target.task() == Task.CLASSIFICATION) {
                Map<String, Long> counts = fit.summary().labelCounts(fit.summary().columns().size() - 1);
                List<String> classes = target.classes();
                for (int c = 0; c < count.length; c++) {
                    count[c] = counts.getOrDefault(classes.get(c), 0L);
                }
            }
            perClass = classWeights.perClass(target.classes(), count);
        }
        Column cell = null;
        if (column != null) {
            ColumnSource weights = ColumnSource.of(data, column);
            cell = weights.text() ? CellFunctions.NUMBER_OF.apply(weights.raw())
                    : weights.raw().cast(DataTypes.DoubleType);
            check(fit.selected(), cell, column, fit.rows(), source);
        }
        return new RowWeights(perClass, cell);
    }

    /** Refuses missing, non-numeric, negative or infinite sample weights, or none above 0, in one aggregation. */
    private static void check(Dataset<Row> rows, Column weight, String column, long n, String source) {
        Row counts = rows.agg(count(when(weight.isNull(), 1)), count(when(isnan(weight).or(weight.lt(0))
                .or(abs(weight).equalTo(lit(Double.POSITIVE_INFINITY))), 1)), count(when(weight.gt(0), 1))).first();
        String where = (source == null ? "" : source + ", ") + "column " + ColumnNames.quoted(column) + ": ";
        if (counts.getLong(0) > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s%d of %d sample weights are empty or "
                    + "not numbers", where, counts.getLong(0), n));
        }
        if (counts.getLong(1) > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s%d of %d sample weights are not finite "
                    + "numbers >= 0", where, counts.getLong(1), n));
        }
        if (counts.getLong(2) == 0) {
            throw new IllegalArgumentException(where + "every row's weight is 0: no row would count in the loss");
        }
    }

    /** The column to select after the used ones, for {@link #of}; null without sample weights. */
    Column cell() {
        return cell;
    }

    /**
     * The weights of a chunk of rows: w_i = the class weight of row i's class (from {@code y}) times its sample
     * weight, read from column {@code at} of the rows.
     */
    double[] of(List<Row> rows, int at, Matrix y) {
        double[] w = perClass == null ? null : ClassWeights.rowWeights(perClass, y);
        if (sampled) {
            if (w == null) {
                w = new double[rows.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = rows.get(i).getDouble(at);
                }
            } else {
                for (int i = 0; i < w.length; i++) {
                    w[i] *= rows.get(i).getDouble(at);
                }
            }
        }
        return w;
    }
}
