package dev.backprop.linalg;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A dense matrix of doubles stored row-major in one flat array: element (i, j) is {@code data[i * cols + j]}.
 *
 * <p>A {@code Matrix} is a value for the public API: its constructor and accessors copy, so a caller can never
 * change one it has handed over. Hot loops work on the flat arrays directly through {@link Gemm}. The one exception
 * is a matrix whose storage nobody else holds (made by {@link #wrapReleasable} or {@link #selectRows}): its holder
 * may take the storage over with {@link #release()} to overwrite it instead of copying it, and then must not use the
 * matrix again: its values are then refused ({@link IllegalStateException}), since they may have been overwritten.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final double[] data;
    /** Whether {@link #release()} may still hand {@link #data} over; null for a matrix whose storage is shared. */
    private final AtomicBoolean releasable;

    private Matrix(int rows, int cols, double[] data, boolean releasable) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.releasable = releasable ? new AtomicBoolean(true) : null;
    }

    private Matrix(int rows, int cols, double[] data) {
        this(rows, cols, data, false);
    }

    /**
     * A matrix holding a copy of {@code data}, read row-major.
     *
     * @param rows the number of rows; {@code >= 0}
     * @param cols the number of columns; {@code >= 0}
     * @param data rows x cols values, row-major; copied, not modified
     * @return a new matrix independent of {@code data}
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

    /**
     * A matrix wrapping {@code data} without a copy: for code in this library that hands over ownership. The caller
     * must not change {@code data} afterwards.
     *
     * @param rows the number of rows; {@code >= 0}
     * @param cols the number of columns; {@code >= 0}
     * @param data rows x cols values, row-major; becomes the matrix's storage
     * @return a matrix backed by {@code data}
     * @throws IllegalArgumentException if a size is negative or {@code data.length != rows * cols}
     */
    public static Matrix wrap(int rows, int cols, double[] data) {
        checkShape(rows, cols);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException(
                    "a " + rows + "x" + cols + " matrix needs " + (long) rows * cols + " values but got " + data.length);
        }
        return new Matrix(rows, cols, data);
    }

    /**
     * A matrix wrapping {@code data} without a copy, as {@link #wrap} does, whose holder may take the storage back
     * with {@link #release()}: for code in this library that allocated {@code data} and keeps no other reference to
     * it (the encoders), so that whoever owns the matrix next may overwrite its values instead of copying them.
     *
     * @param rows the number of rows; {@code >= 0}
     * @param cols the number of columns; {@code >= 0}
     * @param data rows x cols values, row-major; becomes the matrix's storage, and no one else may hold it
     * @return a matrix backed by {@code data}
     * @throws IllegalArgumentException if a size is negative or {@code data.length != rows * cols}
     */
    public static Matrix wrapReleasable(int rows, int cols, double[] data) {
        Matrix m = wrap(rows, cols, data);
        return new Matrix(m.rows, m.cols, m.data, true);
    }

    /**
     * Hands this matrix's storage to the caller, who may overwrite it (to scale the values in place, say), if the
     * matrix was made by {@link #wrapReleasable} or {@link #selectRows} and has not been released yet. A caller that
     * receives the storage owns it: this matrix shares it, so whoever holds the matrix must not use it afterwards.
     * Thread-safe: at most one call receives the storage.
     *
     * @return the row-major storage itself (element (i, j) at {@code i * cols + j}), or {@code null} if this matrix's
     *         storage may be shared (then copy it) or was already released
     */
    public double[] release() {
        return releasable != null && releasable.compareAndSet(true, false) ? data : null;
    }

    /**
     * The storage, unless {@link #release()} handed it over: its new owner may have overwritten it (a trainer
     * {@code scalingInPlace} scales it), and values read from it would be another matrix's without a word.
     */
    private double[] values() {
        if (releasable != null && !releasable.get()) {
            throw new IllegalStateException("this " + shape() + " matrix's storage was handed over (Matrix.release(), "
                    + "as a trainer scaling in place takes it) and may have been overwritten: read the matrix before "
                    + "handing it over, or hand over a copy");
        }
        return data;
    }

    /**
     * A matrix from rows of equal length; {@code rows[i][j]} becomes element (i, j).
     *
     * @param rows the rows, all of the same length; copied, not modified. No rows gives a 0x0 matrix
     * @return a new {@code rows.length} x {@code rows[0].length} matrix
     * @throws IllegalArgumentException if the rows differ in length, or hold more values than one array
     *                                  can (a {@link TooLargeException})
     */
    public static Matrix of(double[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        double[] data = new double[length(r, c)];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + rows[i].length + " values while row 0 has " + c);
            }
            System.arraycopy(rows[i], 0, data, i * c, c);
        }
        return new Matrix(r, c, data);
    }

    /**
     * A rows x cols matrix of zeros.
     *
     * @param rows the number of rows; {@code >= 0}
     * @param cols the number of columns; {@code >= 0}
     * @return a new matrix of zeros
     * @throws IllegalArgumentException if a size is negative, or rows x cols is more values than one array can hold
     *                                  (a {@link TooLargeException})
     */
    public static Matrix zeros(int rows, int cols) {
        checkShape(rows, cols);
        return new Matrix(rows, cols, new double[length(rows, cols)]);
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix sizes must be >= 0 but were " + rows + "x" + cols);
        }
    }

    /** rows x cols, computed in long: an int product would wrap into a smaller (or negative) array length. */
    private static int length(int rows, int cols) {
        return MemoryBudget.arrayLength((long) rows * cols, "a " + rows + "x" + cols + " matrix");
    }

    /**
     * The number of rows.
     *
     * @return the row count, {@code >= 0}
     */
    public int rows() {
        return rows;
    }

    /**
     * The number of columns.
     *
     * @return the column count, {@code >= 0}
     */
    public int cols() {
        return cols;
    }

    /**
     * Element (i, j).
     *
     * @param i the row, in [0, rows)
     * @param j the column, in [0, cols)
     * @return the value at row i, column j
     * @throws IndexOutOfBoundsException if (i, j) is outside the matrix
     * @throws IllegalStateException     if the matrix's storage was {@link #release() released}
     */
    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") is outside a " + rows + "x" + cols + " matrix");
        }
        return values()[i * cols + j];
    }

    /**
     * Where the first value that is NaN or infinite lies, reading row by row; the values are read in place, not
     * copied.
     *
     * @return its row-major index {@code i * cols + j} (row {@code index / cols}, column {@code index % cols}), or -1
     *         if every value is finite
     */
    public int firstNonFinite() {
        return Elementwise.firstNonFinite(values());
    }

    /**
     * A copy of the row-major values.
     *
     * @return a new array of rows x cols values; element (i, j) at {@code i * cols + j}
     */
    public double[] toArray() {
        return values().clone();
    }

    /**
     * A copy of row {@code i}.
     *
     * @param i the row, in [0, rows)
     * @return a new array of cols values
     * @throws IndexOutOfBoundsException if i is outside [0, rows)
     */
    public double[] row(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " is outside a " + shape() + " matrix");
        }
        return Arrays.copyOfRange(values(), i * cols, (i + 1) * cols);
    }

    /**
     * A new matrix of the given rows, in that order (rows may repeat); copies only those rows.
     *
     * @param indices row indices; not modified
     * @return a new indices.length x cols matrix whose row r is row indices[r] of this one; its storage is its own, so
     *         its holder may {@link #release()} it
     * @throws IndexOutOfBoundsException if an index is outside [0, rows)
     */
    public Matrix selectRows(int[] indices) {
        double[] data = values();
        double[] out = new double[Math.multiplyExact(indices.length, cols)];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            if (i < 0 || i >= rows) {
                throw new IndexOutOfBoundsException("row " + i + " is outside 0.." + (rows - 1));
            }
            System.arraycopy(data, i * cols, out, r * cols, cols);
        }
        return new Matrix(indices.length, cols, out, true);
    }

    /**
     * A copy as an array of rows.
     *
     * @return a new rows x cols array; {@code result[i][j]} is element (i, j)
     */
    public double[][] toRows() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /**
     * The product this x other, through the library's one multiply path ({@link Gemm#gemm}): c_ij = Σ_p a_ip b_pj.
     * Neither matrix is modified; NaN and infinity propagate as in IEEE arithmetic.
     *
     * @param other the right-hand factor, with as many rows as this matrix has columns
     * @return a new rows x {@code other.cols()} matrix
     * @throws IllegalArgumentException if the shapes do not conform; the message gives both
     */
    public Matrix times(Matrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + other.shape());
        }
        double[] out = new double[rows * other.cols];
        Gemm.multiply(rows, other.cols, cols, values(), 0, other.values(), 0, out, 0);
        return new Matrix(rows, other.cols, out);
    }

    /**
     * The transpose: element (i, j) of the result is element (j, i) of this matrix.
     *
     * @return a new cols x rows matrix
     */
    public Matrix transpose() {
        double[] data = values();
        double[] out = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = data[i * cols + j];
            }
        }
        return new Matrix(cols, rows, out);
    }

    /**
     * The shape, for messages.
     *
     * @return {@code "rowsxcols"}, for example {@code "3x2"}
     */
    public String shape() {
        return rows + "x" + cols;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && rows == m.rows && cols == m.cols && Arrays.equals(values(), m.values());
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values());
    }

    @Override
    public String toString() {
        if (releasable != null && !releasable.get()) {
            return "[" + shape() + " matrix whose storage was handed over]";
        }
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
