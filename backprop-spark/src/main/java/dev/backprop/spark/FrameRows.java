package dev.backprop.spark;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.Column;
import dev.backprop.data.ColumnType;
import dev.backprop.data.DateFeatures;
import dev.backprop.data.FitSummary;
import dev.backprop.data.Frame;
import dev.backprop.data.NumericColumn;
import dev.backprop.data.Prepared;
import dev.backprop.data.Preprocessor;
import dev.backprop.linalg.Matrix;
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
 * the fit uses the columns, give the core's {@link FitSummary} the fit starts from ({@link #summary}). With weights,
 * each row's weight in the loss comes with it ({@link RowWeights}).
 */
final class FrameRows implements RowEncoder {
    private static final long serialVersionUID = 1L;
    /** Rows a partition's summary takes in at a time. */
    private static final int SUMMARY_BLOCK = 4096;

    private final Preprocessor preprocessor;
    private final ArrayList<String> names;
    private final ArrayList<ColumnType> types;
    private final boolean[] text;
    private final RowWeights weights;

    /**
     * @param used    the columns, selected as {@link #cells} selects them: the inputs, then the targets
     * @param types   each column's type in the data
     * @param weights how each row is weighed in the loss, or null for not at all; a sample-weight column is the
     *                one after the used ones
     */
    FrameRows(Preprocessor preprocessor, List<ColumnSource> used, List<ColumnType> types, RowWeights weights) {
        this.preprocessor = preprocessor;
        this.names = names(used);
        this.types = new ArrayList<>(types);
        this.text = text(used);
        this.weights = weights;
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
        Matrix y = prepared.dataset().y();
        return new Encoded(prepared.dataset().x(), y, weights == null ? null : weights.of(rows, names.size(), y));
    }

    /**
     * The core's summary of {@code kept}, each partition summarised a block of rows at a time by the core, in row
     * order, and the partitions' summaries merged: one job, one summary per partition reaching the driver. Date
     * columns are summarised as the numeric parts {@code dates} reads them into.
     *
     * @param used the input columns, then the targets
     * @param uses how the fit uses each column: as numbers or as labels (a date column: as labels, its text)
     */
    static FitSummary summary(Dataset<Row> kept, List<ColumnSource> used, List<ColumnType> uses,
                              DateFeatures dates) {
        ArrayList<String> names = names(used);
        boolean[] text = text(used);
        ArrayList<ColumnType> asRead = new ArrayList<>(uses);
        ArrayList<String> summarised = new ArrayList<>(dates.expandedNames(names));
        ArrayList<ColumnType> asUsed = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            int parts = dates.expandedNames(List.of(names.get(j))).size();
            boolean date = dates.columns().contains(names.get(j));
            for (int p = 0; p < parts; p++) {
                asUsed.add(date ? ColumnType.NUMERIC : uses.get(j));
            }
        }
        FitSummary empty = FitSummary.empty(summarised, asUsed);
        return OrderedAggregate.of(kept.select(cells(used)).javaRDD().mapPartitions((FlatMapFunction<Iterator<Row>,
                FitSummary>) rows -> {
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
                    return dates.expand(frame(block, names, asRead, text));
                }
            };
            return List.of(FitSummary.of(blocks, summarised, asUsed)).iterator();
        }), empty, FitSummary::merge, FitSummary::merge, 2);
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
