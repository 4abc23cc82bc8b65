package dev.backprop.spark;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.Column;
import dev.backprop.data.ColumnType;
import dev.backprop.data.FitSummary;
import dev.backprop.data.Frame;
import dev.backprop.data.NumericColumn;
import dev.backprop.data.Prepared;
import dev.backprop.data.Preprocessor;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Rows encoded by the core's {@link Preprocessor}, exactly as the command line encodes a file: the chunk becomes a
 * {@link Frame} whose columns have the types the data has (numbers as the CSV reader parses them, labels as it names
 * them), and {@link Preprocessor#apply} fills, one-hot encodes and encodes the target. The rows are those the
 * missing-value policy keeps, selected before packing, so none is dropped here. Each column arrives as Spark holds it:
 * text as {@code String}, numbers cast to {@code Double}; {@code null} is a missing cell. The same frames, typed as
 * the fit uses the columns, give the core's {@link FitSummary} the fit starts from ({@link #summary}).
 */
final class FrameRows implements RowEncoder {
    private static final long serialVersionUID = 1L;
    /** Rows a partition's summary takes in at a time. */
    private static final int SUMMARY_BLOCK = 4096;

    private final Preprocessor preprocessor;
    private final ArrayList<String> names;
    private final ArrayList<ColumnType> types;
    private final boolean[] text;

    /**
     * @param used  the columns, selected as {@link #cells} selects them: the inputs, then the target
     * @param types each column's type in the data
     */
    FrameRows(Preprocessor preprocessor, List<ColumnSource> used, List<ColumnType> types) {
        this.preprocessor = preprocessor;
        this.names = names(used);
        this.types = new ArrayList<>(types);
        this.text = text(used);
    }

    /** The {@code used} columns as the encoders read them: text as it is, numbers cast to doubles. */
    static org.apache.spark.sql.Column[] cells(List<ColumnSource> used) {
        return used.stream().map(c -> c.text() ? c.raw() : c.raw().cast(DataTypes.DoubleType))
                .toArray(org.apache.spark.sql.Column[]::new);
    }

    private static ArrayList<String> names(List<ColumnSource> used) {
        return new ArrayList<>(used.stream().map(ColumnSource::name).toList());
    }

    private static boolean[] text(List<ColumnSource> used) {
        boolean[] text = new boolean[used.size()];
        for (int j = 0; j < text.length; j++) {
            text[j] = used.get(j).text();
        }
        return text;
    }

    @Override
    public Encoded encode(List<Row> rows) {
        Prepared prepared = preprocessor.apply(frame(rows, names, types, text));
        return new Encoded(prepared.dataset().x(), prepared.dataset().y());
    }

    /**
     * The core's summary of {@code kept}, each partition summarised a block of rows at a time by the core, in row
     * order, and the partitions' summaries merged: one job, one summary per partition reaching the driver.
     *
     * @param used the input columns, then the target
     * @param uses how the fit uses each column: as numbers or as labels
     */
    static FitSummary summary(Dataset<Row> kept, List<ColumnSource> used, List<ColumnType> uses) {
        ArrayList<String> names = names(used);
        boolean[] text = text(used);
        ArrayList<ColumnType> asUsed = new ArrayList<>(uses);
        FitSummary empty = FitSummary.empty(names, asUsed);
        return kept.select(cells(used)).javaRDD().mapPartitions((FlatMapFunction<Iterator<Row>, FitSummary>) rows -> {
            Iterator<Frame> blocks = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Frame next() {
                    List<Row> block = new ArrayList<>();
                    while (rows.hasNext() && block.size() < SUMMARY_BLOCK) {
                        block.add(rows.next());
                    }
                    return frame(block, names, asUsed, text);
                }
            };
            return List.of(FitSummary.of(blocks, names, asUsed)).iterator();
        }).treeAggregate(empty, FitSummary::merge, FitSummary::merge);
    }

    /** {@code rows} as a frame whose columns have {@code types}: numbers, or labels as the CSV reader names them. */
    private static Frame frame(List<Row> rows, List<String> names, List<ColumnType> types, boolean[] text) {
        List<Column> columns = new ArrayList<>(names.size());
        for (int j = 0; j < names.size(); j++) {
            columns.add(types.get(j) == ColumnType.NUMERIC ? numbers(rows, names.get(j), j, text[j])
                    : labels(rows, names.get(j), j, text[j]));
        }
        return Frame.of(null, columns);
    }

    private static NumericColumn numbers(List<Row> rows, String name, int j, boolean text) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            Row row = rows.get(i);
            Double v = row.isNullAt(j) ? null
                    : text ? CellFunctions.number(row.getString(j)) : Double.valueOf(row.getDouble(j));
            values[i] = v == null ? Double.NaN : v;
        }
        return NumericColumn.of(name, values);
    }

    /** Labels coded in order of first appearance, as the CSV reader codes them. */
    private static CategoricalColumn labels(List<Row> rows, String name, int j, boolean text) {
        String[] labels = new String[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            Row row = rows.get(i);
            labels[i] = row.isNullAt(j) ? null
                    : text ? CellFunctions.label(row.getString(j)) : CellFunctions.label(row.getDouble(j));
        }
        return CategoricalColumn.ofLabels(name, labels);
    }
}
