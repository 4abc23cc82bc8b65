package dev.backprop.data;

import java.util.regex.Pattern;

/**
 * The rule that a column almost numeric is refused rather than silently read as categories: when at least half of
 * its present cells are numbers (counting numbers written with a comma, {@code 3,14} or {@code 1,234}) but some are
 * not, or some number is written with a comma, the data is refused naming a cell, unless the column is declared
 * categorical. The CSV reader ({@link CsvFrameReader}, cell by cell) and backprop-spark (from a column's census) both
 * decide by it. Thread-safe: only static functions.
 */
public final class MixedColumns {
    /**
     * A number written with a comma: a decimal comma ({@code 3,14}, {@code -0,5}) or thousands separators
     * ({@code 1,234,567}; {@code 741,786} may be either).
     */
    private static final Pattern COMMA_NUMBER = Pattern.compile("[+-]?\\d+,\\d+|[+-]?\\d{1,3}(,\\d{3})+");
    /** A number whose commas may all be thousands separators: three digits after each. */
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+");

    private MixedColumns() {
    }

    /**
     * Whether a cell is a number written with a comma.
     *
     * @param cell a text cell, stripped of surrounding whitespace
     * @return whether it is a number written with a decimal comma or thousands separators
     */
    public static boolean isCommaNumber(String cell) {
        return COMMA_NUMBER.matcher(cell).matches();
    }

    /**
     * Refuses a column that is almost numeric. Cells are counted as numbers (finite, or {@link #isCommaNumber}) or
     * texts (other text; NaN and infinity literals are neither, as "NaN" may be a name).
     *
     * @param source           the data's name in the message, or null
     * @param column           the column's name
     * @param numberLike       how many present cells are numbers, with or without a comma
     * @param texts            how many present cells are other text
     * @param text             a text cell to name (the first, or any), or null when there is none
     * @param textLine         its line, or 0 when lines are not known
     * @param commaNumber      a number written with a comma to name, or null when there is none
     * @param commaNumberLine  its line, or 0 when lines are not known
     * @throws InvalidDataException naming the number written with a comma, else the text, if the column is at least
     *                              half numbers and holds either
     */
    public static void check(String source, String column, long numberLike, long texts, String text, long textLine,
                             String commaNumber, long commaNumberLine) {
        if (numberLike < texts || (texts == 0 && commaNumber == null)) {
            return;
        }
        if (commaNumber != null) {
            throw new InvalidDataException(source, commaNumberLine, column, "'" + commaNumber
                    + "' looks like a number written with " + commaReading(commaNumber) + ": convert the "
                    + "file, or declare the column categorical with --categorical " + column);
        }
        throw new InvalidDataException(source, textLine, column, "'" + text + "' is not a number, but "
                + numberLike + " of the column's " + (numberLike + texts) + " values are: fix the cell, leave "
                + "it empty (a missing value, see --missing), or declare the column categorical with "
                + "--categorical " + column);
    }

    /**
     * What the comma in {@code cell} may mean, and how the number is written instead: a decimal comma, thousands
     * separators, or either when one comma has three digits after it ({@code 741,786}: 741.786 or 741786).
     */
    private static String commaReading(String cell) {
        String point = "'" + cell.replace(',', '.') + "'";
        String plain = "'" + cell.replace(",", "") + "'";
        if (!THOUSANDS.matcher(cell).matches()) {
            return "a decimal comma, but numbers need a decimal point (" + point + ")";
        }
        if (cell.indexOf(',') != cell.lastIndexOf(',')) {
            return "thousands separators, but numbers are written without them (" + plain + ")";
        }
        return "a thousands separator or a decimal comma, but numbers are written with neither (" + plain + " or "
                + point + ")";
    }
}
