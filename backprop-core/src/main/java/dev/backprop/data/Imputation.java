package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fill values for missing cells, fitted on training data and stored with a model so that prediction fills new data
 * exactly as training did: the mean of each numeric column, the mode (most frequent category; ties go to the first in
 * {@code CategoryOrder}: numbers by value, then text by code unit) of each categorical one. Immutable.
 *
 * <p>State, for serialisation: {@link #columns()}, {@link #types()}, {@link #means()} (used for numeric columns, 0 for
 * categorical ones) and {@link #modes()} (used for categorical columns, {@code null} for numeric ones);
 * {@link #of} rebuilds an equal object from them.
 *
 * <p>Serializable, so that a distributed trainer can ship it to its workers (the serialized form is no storage
 * format: the model file is).
 *
 * @serial exclude
 */
public final class Imputation implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> columns;
    private final List<ColumnType> types;
    private final double[] means;
    private final String[] modes;

    private Imputation(List<String> columns, List<ColumnType> types, double[] means, String[] modes) {
        this.columns = columns;
        this.types = types;
        this.means = means;
        this.modes = modes;
    }

    /**
     * An imputation with stored fill values.
     *
     * @param columns the columns filled; copied
     * @param types   each column's type, one per column
     * @param means   each numeric column's fill value; copied
     * @param modes   each categorical column's fill label; copied
     * @return the imputation
     * @throws IllegalArgumentException if the lengths differ, a numeric column's mean is not finite or a categorical
     *                                  column's mode is null
     */
    public static Imputation of(List<String> columns, List<ColumnType> types, double[] means, String[] modes) {
        int m = columns.size();
        if (types.size() != m || means.length != m || modes.length != m) {
            throw new IllegalArgumentException("imputation has " + m + " columns but " + types.size() + " types, "
                    + means.length + " means and " + modes.length + " modes");
        }
        String[] modesCopy = modes.clone();
        for (int j = 0; j < m; j++) {
            if (types.get(j) == ColumnType.NUMERIC) {
                if (!Double.isFinite(means[j])) {
                    throw new IllegalArgumentException("the mean of column " + ColumnNames.quoted(columns.get(j))
                            + " is " + means[j]);
                }
                modesCopy[j] = null;
            } else if (modes[j] == null) {
                throw new IllegalArgumentException("categorical column " + ColumnNames.quoted(columns.get(j))
                        + " has no mode");
            }
        }
        return new Imputation(List.copyOf(columns), List.copyOf(types), means.clone(), modesCopy);
    }

    /**
     * Fits fill values for {@code columns} on {@code train}, ignoring its missing cells.
     *
     * @param train   the training rows; not modified
     * @param columns the columns to fill
     * @return the fitted imputation: the mean of each numeric column, the most frequent label of each categorical one
     * @param types the type each column is to have (as the feature encoder sees it); a numeric column read as
     *              categorical has its labels parsed
     * @throws InvalidDataException if a column has no value at all, naming it and the {@code --ignore} way out
     */
    public static Imputation fit(Frame train, List<String> columns, List<ColumnType> types) {
        return fit(FitSummary.of(train, columns, types), columns.size(), train.source());
    }

    /**
     * Fits fill values for the first {@code m} columns of {@code summary}: each numeric column's mean, each
     * categorical one's most frequent label (ties to the first in the category order).
     *
     * @throws InvalidDataException if a column has no value at all, naming {@code source} and the column
     */
    static Imputation fit(FitSummary summary, int m, String source) {
        List<String> columns = summary.columns().subList(0, m);
        List<ColumnType> types = summary.types().subList(0, m);
        double[] means = new double[m];
        String[] modes = new String[m];
        for (int j = 0; j < m; j++) {
            if (types.get(j) == ColumnType.NUMERIC) {
                means[j] = summary.mean(j);
                if (Double.isNaN(means[j])) {
                    throw noValues(source, columns.get(j), "mean");
                }
            } else {
                modes[j] = summary.mode(j);
                if (modes[j] == null) {
                    throw noValues(source, columns.get(j), "most frequent category");
                }
            }
        }
        return of(columns, types, means, modes);
    }

    private static InvalidDataException noValues(String source, String name, String what) {
        return new InvalidDataException(source, 0, name, "every value of this column is missing in the "
                + "training data, so there is no " + what + " to fill them with; drop the column with --ignore "
                + name);
    }

    /**
     * The columns filled, in order.
     *
     * @return an unmodifiable list
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Each column's type.
     *
     * @return an unmodifiable list, one type per column
     */
    public List<ColumnType> types() {
        return types;
    }

    /**
     * A copy of the means: the fill value of each numeric column (0 for categorical columns).
     *
     * @return a new array, one value per column
     */
    public double[] means() {
        return means.clone();
    }

    /**
     * A copy of the modes: the fill label of each categorical column ({@code null} for numeric columns).
     *
     * @return a new array, one label per column
     */
    public String[] modes() {
        return modes.clone();
    }

    /**
     * {@code frame} with every missing cell of the fitted columns filled; a column without missing cells is left as
     * it is. Linear in the size of the filled columns.
     *
     * @param frame the data; not modified
     * @return the filled frame ({@code frame} itself may be returned when nothing was missing)
     * @throws InvalidDataException if a fitted column is absent, or a numeric one holds text
     */
    public Frame apply(Frame frame) {
        frame.requireColumns(columns);
        Frame out = frame;
        for (int j = 0; j < columns.size(); j++) {
            Column column = frame.column(columns.get(j));
            if (column.missingCount() == 0) {
                continue;
            }
            out = out.replace(types.get(j) == ColumnType.NUMERIC
                    ? fillNumeric(column, frame, means[j]) : fillCategorical(column.toCategorical(), modes[j]));
        }
        return out;
    }

    private static NumericColumn fillNumeric(Column column, Frame frame, double mean) {
        double[] values = Columns.numeric(column, frame).clone();
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                values[i] = mean;
            }
        }
        return NumericColumn.wrap(column.name(), values);
    }

    private static CategoricalColumn fillCategorical(CategoricalColumn column, String mode) {
        List<String> levels = column.levels();
        int modeCode = levels.indexOf(mode);
        if (modeCode < 0) {
            levels = new ArrayList<>(levels);
            levels.add(mode);
            modeCode = levels.size() - 1;
        }
        int[] codes = column.codes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0) {
                codes[i] = modeCode;
            }
        }
        return CategoricalColumn.wrap(column.name(), levels, codes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Imputation i && columns.equals(i.columns) && types.equals(i.types)
                && Arrays.equals(means, i.means) && Arrays.equals(modes, i.modes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, types, Arrays.hashCode(means), Arrays.hashCode(modes));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Imputation(");
        for (int j = 0; j < columns.size(); j++) {
            sb.append(j == 0 ? "" : ", ").append(columns.get(j)).append('=')
                    .append(types.get(j) == ColumnType.NUMERIC ? Double.toString(means[j]) : modes[j]);
        }
        return sb.append(')').toString();
    }
}
