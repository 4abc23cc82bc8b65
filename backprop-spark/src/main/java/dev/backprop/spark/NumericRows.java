package dev.backprop.spark;

import dev.backprop.linalg.Matrix;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * Rows whose columns are all doubles, the inputs in columns 0..m-1 and the targets in m..m+k-1, read as they are:
 * for data whose {@link ColumnCensus#numbers} has refused any missing or non-finite value.
 */
final class NumericRows implements RowEncoder {
    private static final long serialVersionUID = 1L;

    private final int inputs;
    private final int outputs;

    NumericRows(int inputs, int outputs) {
        this.inputs = inputs;
        this.outputs = outputs;
    }

    @Override
    public Encoded encode(List<Row> rows) {
        int n = rows.size();
        double[] x = new double[n * inputs];
        double[] y = new double[n * outputs];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            for (int j = 0; j < inputs; j++) {
                x[i * inputs + j] = value(row, j);
            }
            for (int o = 0; o < outputs; o++) {
                y[i * outputs + o] = value(row, inputs + o);
            }
        }
        return new Encoded(Matrix.wrap(n, inputs, x), Matrix.wrap(n, outputs, y), null);
    }

    private static double value(Row row, int column) {
        if (row.isNullAt(column)) {
            // The census refuses missing values before packing; this guards against data that changed since.
            throw new IllegalStateException("a value is missing in column " + (column + 1)
                    + " of the selected data although the census found none (did the source change?)");
        }
        return row.getDouble(column);
    }
}
