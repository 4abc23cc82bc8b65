package dev.backprop.data;

import dev.backprop.linalg.Matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Named numeric columns: what a data file holds once read. Immutable.
 *
 * @param source  where it came from, for messages (a file name), or {@code null}
 * @param columns column names, unique
 * @param values  one row per example, one column per name
 */
public record Table(String source, List<String> columns, Matrix values) {
    /**
     * Copies the column names and checks them against the values.
     *
     * @param source  where it came from, or {@code null}
     * @param columns column names, one per column of values; copied
     * @param values  the numbers
     * @throws IllegalArgumentException if the counts differ
     */
    public Table {
        columns = List.copyOf(columns);
        Objects.requireNonNull(values, "values");
        if (columns.size() != values.cols()) {
            throw new IllegalArgumentException(columns.size() + " column names for " + values.cols() + " columns");
        }
    }

    /**
     * The number of rows (examples).
     *
     * @return ≥ 0
     */
    public int rows() {
        return values.rows();
    }

    /**
     * Index of the column named {@code name}, or -1.
     *
     * @param name a column name, matched exactly
     * @return the index, or -1
     */
    public int indexOf(String name) {
        return columns.indexOf(name);
    }

    /**
     * Splits the table into inputs and one target column.
     *
     * @param target the target column's name
     * @return a dataset with every other column as inputs
     * @throws InvalidDataException if there is no such column, or no column would be left as an input
     */
    public Dataset toDataset(String target) {
        int t = indexOf(target);
        if (t < 0) {
            throw new InvalidDataException(source, 0, null, "no column named " + ColumnNames.quoted(target)
                    + " (columns: "
                    + ColumnNames.listed(columns) + ")");
        }
        if (columns.size() < 2) {
            throw new InvalidDataException(source, 0, null,
                    "the target " + ColumnNames.quoted(target)
                            + " is the only column: there is nothing to learn it from");
        }
        List<String> inputs = new ArrayList<>(columns);
        inputs.remove(t);
        int[] inputIndices = new int[inputs.size()];
        for (int j = 0; j < inputs.size(); j++) {
            inputIndices[j] = indexOf(inputs.get(j));
        }
        return new Dataset(inputs, List.of(target), select(inputIndices), select(new int[] {t}));
    }

    /**
     * The columns named {@code names}, in that order.
     *
     * @param names column names
     * @return a new matrix of those columns, all rows
     * @throws InvalidDataException naming every missing column
     */
    public Matrix select(List<String> names) {
        int[] indices = new int[names.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            indices[j] = indexOf(names.get(j));
            if (indices[j] < 0) {
                missing.add(names.get(j));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidDataException(source, 0, null, "missing column" + (missing.size() > 1 ? "s " : " ")
                    + ColumnNames.listed(missing) + " (the file has: " + ColumnNames.listed(columns) + ")");
        }
        return select(indices);
    }

    private Matrix select(int[] indices) {
        int n = rows();
        int cols = values.cols();
        double[] all = values.toArray();
        double[] out = new double[n * indices.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < indices.length; j++) {
                out[i * indices.length + j] = all[i * cols + indices[j]];
            }
        }
        return Matrix.wrap(n, indices.length, out);
    }
}
