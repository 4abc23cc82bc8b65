package dev.backprop.linalg;

import java.util.Arrays;
import java.util.Locale;

/**
 * A dense matrix of doubles stored row-major in one flat array: element (i, j) is {@code data[i * cols + j]}.
 *
 * <p>A {@code Matrix} is a value for the public API: its constructor and accessors copy, so a caller can never
 * change one it has handed over. Hot loops work on the flat arrays directly through {@link Gemm}.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final double[] data;

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * A matrix holding a copy of {@code data}, read row-major.
     *
     * @throws IllegalArgumentException if a size is negative or {@code data.length != rows * cols}
     */
    public static Matrix of(int rows, int cols, double[] data) {
        checkShape(rows, cols);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException(
                    "a " + rows + "x" + cols + " matrix needs " + (long) rows * cols + " values but got " + data.length);
        }
        return new Matrix(rows, cols, data.clone());
    }

    /** A matrix wrapping {@code data} without a copy: for code in this library that hands over ownership. */
    public static Matrix wrap(int rows, int cols, double[] data) {
        checkShape(rows, cols);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException(
                    "a " + rows + "x" + cols + " matrix needs " + (long) rows * cols + " values but got " + data.length);
        }
        return new Matrix(rows, cols, data);
    }

    /**
     * A matrix from rows of equal length; {@code rows[i][j]} becomes element (i, j).
     *
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static Matrix of(double[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        double[] data = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + rows[i].length + " values while row 0 has " + c);
            }
            System.arraycopy(rows[i], 0, data, i * c, c);
        }
        return new Matrix(r, c, data);
    }

    /** A rows x cols matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        checkShape(rows, cols);
        return new Matrix(rows, cols, new double[rows * cols]);
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix sizes must be >= 0 but were " + rows + "x" + cols);
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Element (i, j). */
    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") is outside a " + rows + "x" + cols + " matrix");
        }
        return data[i * cols + j];
    }

    /** A copy of the row-major values. */
    public double[] toArray() {
        return data.clone();
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /** A copy as an array of rows. */
    public double[][] toRows() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /** The product this x other, through the library's one multiply path. */
    public Matrix times(Matrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + other.shape());
        }
        double[] out = new double[rows * other.cols];
        Gemm.gemm(false, false, rows, other.cols, cols, data, 0, other.data, 0, 0.0, out, 0);
        return new Matrix(rows, other.cols, out);
    }

    /** The transpose. */
    public Matrix transpose() {
        double[] out = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = data[i * cols + j];
            }
        }
        return new Matrix(cols, rows, out);
    }

    /** "rows x cols", for messages. */
    public String shape() {
        return rows + "x" + cols;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && rows == m.rows && cols == m.cols && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "[" : " ").append('[');
            for (int j = 0; j < cols; j++) {
                if (j > 0) {
                    sb.append(", ");
                }
                sb.append(String.format(Locale.ROOT, "%.6g", data[i * cols + j]));
            }
            sb.append(']').append(i == rows - 1 ? "]" : "\n");
        }
        return rows == 0 ? "[]" : sb.toString();
    }
}
