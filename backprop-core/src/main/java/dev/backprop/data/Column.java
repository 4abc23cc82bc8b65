package dev.backprop.data;

/**
 * One named column of a {@link Frame}, with each cell either a value or missing. Immutable.
 *
 * <p>Rows are numbered from 0. A file's line for a row is kept by the frame, not the column.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    /** The column's name, unique within its frame. */
    String name();

    ColumnType type();

    /** The number of rows. */
    int size();

    /** Whether the cell in {@code row} is missing. */
    boolean isMissing(int row);

    /** How many cells are missing. */
    int missingCount();

    /**
     * The cell in {@code row} as text: the category's label, or a number written as in {@link #toCategorical()};
     * {@code null} if the cell is missing.
     */
    String label(int row);

    /** The rows at {@code rows}, in that order (an index may repeat). */
    Column select(int[] rows);


    /**
     * This column's cells as categories: a categorical column itself; a numeric one with each distinct value as a
     * category labelled as by {@code Numbers.label} ("3" for 3.0, "0.5" for 0.5), in order of first appearance.
     */
    CategoricalColumn toCategorical();
}
