package dev.backprop.data;

import java.util.Comparator;

/**
 * How {@link CsvFrameReader} reads one text cell, for readers outside this package that must type columns and name
 * categories exactly as it does (backprop-spark reads CSV with Spark's own reader, a partition at a time).
 *
 * <p>A cell is first stripped of surrounding whitespace ({@link String#strip()}). Then it is missing (empty,
 * {@code ?} or {@code NA}), a number (a plain decimal, see {@link #number}), a NaN or infinity literal or a number
 * too large for a double (an error in a numeric column, a category in a categorical one), or text. A column is
 * numeric if it holds no text, categorical otherwise; {@link CsvFrameReader} also refuses a column at least half numbers
 * with some text, unless it is declared categorical. Thread-safe: only static functions.
 */
public final class Cells {
    /**
     * The order of learned categories and classes: labels that are numbers first, by value ("2" before "10"), then
     * the others by {@link String#compareTo} (UTF-16 code units). Independent of row order and locale.
     */
    public static final Comparator<String> CATEGORY_ORDER = CategoryOrder.LABELS;

    /** What a cell is, in the order a column's census ranks them (a column's worst cell has the largest kind). */
    public enum Kind {
        /** Empty, {@code ?} or {@code NA}. */
        MISSING,
        /** A finite number. */
        NUMBER,
        /** A NaN or infinity literal, or a decimal too large for a double. */
        NOT_FINITE,
        /** Anything else: makes its column categorical. */
        TEXT
    }

    private Cells() {
    }

    /**
     * What a cell is.
     *
     * @param raw the cell's text as read, not yet stripped; null is missing
     * @return its kind
     */
    public static Kind kind(String raw) {
        String cell = raw == null ? "" : raw.strip();
        if (isMissing(cell)) {
            return Kind.MISSING;
        }
        if (isText(cell)) {
            return Kind.TEXT;
        }
        return Double.isFinite(number(cell)) ? Kind.NUMBER : Kind.NOT_FINITE;
    }

    /**
     * Whether a stripped cell marks a missing value.
     *
     * @param cell the cell's text, already stripped
     * @return true for an empty cell, {@code ?} and {@code NA}
     */
    public static boolean isMissing(String cell) {
        return InferringColumnBuilder.isMissing(cell);
    }

    /**
     * The number a stripped cell holds, as the reader parses it (with exactly {@link Double#parseDouble}'s
     * rounding).
     *
     * @param cell the cell's text, already stripped
     * @return the value; NaN if the text is not a plain decimal {@code [+-]? (digits [. digits?] | . digits)
     *         ([eE] [+-]? digits)?} (so NaN for {@code NaN}, {@code Infinity}, {@code 0x1p3}); ±infinity for a
     *         decimal too large for a double
     */
    public static double number(String cell) {
        return Numbers.parse(cell);
    }

    /**
     * Whether a stripped, non-missing cell is text, the kind that makes its column categorical: neither a number
     * nor a NaN or infinity literal.
     *
     * @param cell the cell's text, already stripped, not missing
     * @return true if the cell is text
     */
    public static boolean isText(String cell) {
        return Double.isNaN(Numbers.parse(cell)) && !Numbers.isNonFiniteLiteral(cell);
    }

    /**
     * The category a stripped cell of a categorical column names: a number's {@link #label(double)}, so "1", "1.0"
     * and "1e0" are one category; any other text as it is.
     *
     * @param cell the cell's text, already stripped
     * @return the label, or {@code null} if the cell is missing
     */
    public static String categoryLabel(String cell) {
        if (isMissing(cell)) {
            return null;
        }
        double v = Numbers.parse(cell);
        return Double.isFinite(v) ? Numbers.label(v) : cell;
    }

    /**
     * The label that names a numeric value used as a category: integral values below 1e15 in magnitude without a
     * fraction ({@code 3}), others as {@link Double#toString}.
     *
     * @param value a finite number
     * @return its label
     */
    public static String label(double value) {
        return Numbers.label(value);
    }

    /**
     * Why a stripped cell that is not text cannot be a value of a numeric column, in the reader's words.
     *
     * @param cell a NaN or infinity literal, or a decimal too large for a double
     * @return the reason, such as {@code 'nan' is not a finite number}
     */
    public static String notFiniteReason(String cell) {
        return Numbers.notFiniteReason(cell);
    }
}
