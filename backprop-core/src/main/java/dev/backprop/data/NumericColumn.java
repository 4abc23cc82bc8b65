package dev.backprop.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A column of finite numbers in which NaN marks a missing cell. Immutable.
 *
 * <p>Readers refuse NaN and infinity literals in files, so a NaN here always means "missing" and never a value.
 */
public final class NumericColumn implements Column {
    private final String name;
    private final double[] values;
    private final int missing;

    private NumericColumn(String name, double[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.values = values;
        int count = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                count++;
            }
        }
        this.missing = count;
    }

    /**
     * A column holding a copy of {@code values}, NaN marking missing cells.
     *
     * @param name   the column's name
     * @param values the cells, NaN for missing; copied
     * @return the column
     * @throws IllegalArgumentException if a value is infinite, naming its row (1-based, as every row the library
     *                                  names)
     */
    public static NumericColumn of(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("column " + ColumnNames.quoted(name) + " row " + (i + 1) + " is "
                        + values[i] + ": a cell is a finite number, or NaN for missing");
            }
        }
        return new NumericColumn(name, values.clone());
    }

    /** A column owning {@code values} (no copy, no check): for readers in this package. */
    static NumericColumn wrap(String name, double[] values) {
        return new NumericColumn(name, values);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public int missingCount() {
        return missing;
    }

    /**
     * The value in {@code row}; NaN if missing.
     *
     * @param row a row index in [0, {@link #size()})
     * @return the value, finite or NaN
     */
    public double value(int row) {
        return values[row];
    }

    /**
     * A copy of the values, NaN marking missing cells.
     *
     * @return a new array, one value per row
     */
    public double[] values() {
        return values.clone();
    }

    /** The values without a copy, for code in this package that only reads them. */
    double[] rawValues() {
        return values;
    }

    @Override
    public String label(int row) {
        double v = values[row];
        return Double.isNaN(v) ? null : Numbers.label(v);
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new NumericColumn(name, out);
    }

    @Override
    public CategoricalColumn toCategorical() {
        String[] labels = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            labels[i] = label(i);
        }
        return CategoricalColumn.ofLabels(name, labels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericColumn c && name.equals(c.name) && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NumericColumn(" + name + ", " + values.length + " rows, " + missing + " missing)";
    }
}
