package dev.backprop.spark;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.Column;
import dev.backprop.data.ColumnType;
import dev.backprop.data.Frame;
import dev.backprop.data.NumericColumn;
import dev.backprop.data.Prepared;
import dev.backprop.data.Preprocessor;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows encoded by the core's {@link Preprocessor}, exactly as the command line encodes a file: the chunk becomes a
 * {@link Frame} whose columns have the types the data has (numbers as the CSV reader parses them, labels as it names
 * them), and {@link Preprocessor#apply} fills, one-hot encodes and encodes the target. The rows are those the
 * missing-value policy keeps, selected before packing, so none is dropped here. Each column arrives as Spark holds it:
 * text as {@code String}, numbers cast to {@code Double}; {@code null} is a missing cell.
 */
final class FrameRows implements RowEncoder {
    private static final long serialVersionUID = 1L;

    private final PreprocessorShape shape;
    private final ArrayList<String> names;
    private final ArrayList<ColumnType> types;
    private final boolean[] text;
    private transient Preprocessor preprocessor;

    /**
     * @param names the columns as selected: the inputs, then the target
     * @param types each column's type in the data
     * @param text  whether each column arrives as text
     */
    FrameRows(Preprocessor preprocessor, List<String> names, List<ColumnType> types, boolean[] text) {
        this.shape = PreprocessorShape.of(preprocessor);
        this.names = new ArrayList<>(names);
        this.types = new ArrayList<>(types);
        this.text = text.clone();
    }

    @Override
    public Encoded encode(List<Row> rows) {
        if (preprocessor == null) {
            preprocessor = shape.toPreprocessor();
        }
        List<Column> columns = new ArrayList<>(names.size());
        for (int j = 0; j < names.size(); j++) {
            columns.add(types.get(j) == ColumnType.NUMERIC ? numbers(rows, j) : labels(rows, j));
        }
        Prepared prepared = preprocessor.apply(Frame.of(null, columns));
        return new Encoded(prepared.dataset().x(), prepared.dataset().y());
    }

    private NumericColumn numbers(List<Row> rows, int j) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            Row row = rows.get(i);
            Double v = row.isNullAt(j) ? null
                    : text[j] ? CellFunctions.number(row.getString(j)) : Double.valueOf(row.getDouble(j));
            values[i] = v == null ? Double.NaN : v;
        }
        return NumericColumn.of(names.get(j), values);
    }

    /** Labels coded in order of first appearance, as the CSV reader codes them. */
    private CategoricalColumn labels(List<Row> rows, int j) {
        String[] labels = new String[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            Row row = rows.get(i);
            labels[i] = row.isNullAt(j) ? null
                    : text[j] ? CellFunctions.label(row.getString(j)) : CellFunctions.label(row.getDouble(j));
        }
        return CategoricalColumn.ofLabels(names.get(j), labels);
    }
}
