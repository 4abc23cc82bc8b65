package dev.backprop.data;

/**
 * One named column of a {@link Frame}, with each cell either a value or missing. Immutable.
 *
 * <p>Rows are numbered from 0. A file's line for a row is kept by the frame, not the column.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    /**
     * The column's name, unique within its frame.
     *
     * @return the name, never null
     */
    String name();

    /**
     * Whether the cells are numbers or category labels.
     *
     * @return the type, never null
     */
    ColumnType type();

    /**
     * The number of rows.
     *
     * @return ≥ 0
     */
    int size();

    /**
     * Whether the cell in {@code row} is missing.
     *
     * @param row a row index in [0, {@link #size()})
     * @return true if the cell is missing
     */
    boolean isMissing(int row);

    /**
     * How many cells are missing.
     *
     * @return in [0, {@link #size()}]
     */
    int missingCount();

    /**
     * The cell in {@code row} as text: the category's label, or a number written as in {@link #toCategorical()};
     * {@code null} if the cell is missing.
     *
     * @param row a row index in [0, {@link #size()})
     * @return the label, or {@code null}
     */
    String label(int row);

    /**
     * The rows at {@code rows}, in that order (an index may repeat).
     *
     * @param rows row indices in [0, {@link #size()}); not modified
     * @return a new column of the same name and type
     */
    Column select(int[] rows);


    /**
     * This column's cells as categories: a categorical column itself; a numeric one with each distinct value as a
     * category labelled as by {@code Numbers.label} ("3" for 3.0, "0.5" for 0.5), in order of first appearance.
     *
     * @return the categorical column
     */
    CategoricalColumn toCategorical();
}
