package dev.backprop.data;

/** What a column holds: numbers, or labels from a set of categories. */
public enum ColumnType {
    /** Real numbers; a network sees them as they are (after scaling). */
    NUMERIC,
    /** Labels (ARFF nominal values, or any CSV column with a value that is not a number); one-hot encoded. */
    CATEGORICAL
}
