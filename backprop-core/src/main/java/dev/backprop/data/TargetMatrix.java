package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.MemoryBudget;

import java.util.List;

/**
 * The target matrix y a {@link TargetEncoder} makes of a frame: the target columns' values (regression) or one-hot
 * rows (classification), each refused before allocation when it would not fit the JVM's heap or one array.
 */
final class TargetMatrix {
    private TargetMatrix() {
    }

    /**
     * The n x t matrix of the target columns' values, y_ij = column j's value in row i.
     *
     * @throws InvalidDataException if a column is absent or holds text
     * @throws dev.backprop.linalg.TooLargeException if the matrix would not fit
     */
    static Matrix values(Frame frame, List<String> columns) {
        int n = frame.rows();
        if (columns.size() == 1) {
            return Matrix.wrapReleasable(n, 1, Columns.numeric(frame.column(columns.get(0)), frame).clone());
        }
        int t = columns.size();
        long cells = MemoryBudget.times(n, t);
        String what = MemoryBudget.count(t) + " targets of " + MemoryBudget.count(n) + " rows";
        MemoryBudget.heap().require(MemoryBudget.doubles(cells), what, "", "predict fewer targets at once");
        double[] y = new double[MemoryBudget.arrayLength(cells, what)];
        for (int j = 0; j < t; j++) {
            double[] values = Columns.numeric(frame.column(columns.get(j)), frame);
            for (int i = 0; i < n; i++) {
                y[i * t + j] = values[i];
            }
        }
        return Matrix.wrapReleasable(n, t, y);
    }

    /**
     * One-hot rows y_ik = 1 for row i's class k = {@code indices[i]}; all zeros, and counted, where it is -1 (a class
     * not seen in training).
     *
     * @param column the target column's name, in the message when the matrix would not fit
     * @param k      the number of classes
     * @throws dev.backprop.linalg.TooLargeException if the matrix would not fit
     */
    static EncodedTarget oneHot(int[] indices, String column, int k) {
        int n = indices.length;
        long cells = MemoryBudget.times(n, k);
        String what = "target " + ColumnNames.quoted(column) + " has " + MemoryBudget.count(k)
                + " classes: one-hot encoding "
                + MemoryBudget.count(n) + " rows x " + MemoryBudget.count(k) + " outputs";
        MemoryBudget.heap().require(MemoryBudget.doubles(cells), what, "",
                "merge rare classes, or predict a number (regression) if the target is one");
        double[] y = new double[MemoryBudget.arrayLength(cells, what)];
        int unseen = 0;
        for (int i = 0; i < n; i++) {
            if (indices[i] < 0) {
                unseen++;
            } else {
                y[i * k + indices[i]] = 1.0;
            }
        }
        return new EncodedTarget(Matrix.wrapReleasable(n, k, y), unseen);
    }
}
