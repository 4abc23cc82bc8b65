package dev.backprop.data;

import java.util.Locale;
import java.util.Set;

/**
 * How to read a data file. Immutable.
 *
 * @param format       the format, or {@code null} to choose by the file's extension ({@link DataFormat#of})
 * @param delimiter    the field separator for CSV and TSV, or {@code null} for the format's own (tab for TSV,
 *                     detected for CSV); must be {@code null} for ARFF
 * @param categorical  CSV and TSV columns read as categorical whatever they hold (ARFF files declare their types);
 *                     names the file lacks are passed over (the caller refuses them if it must)
 * @param mixedColumns whether a CSV or TSV column at least half numbers but with some text is read as categorical
 *                     (for reading data against a model, whose preprocessing decides each column's type) instead of
 *                     refused at its first text (the default, see {@link CsvFrameReader})
 * @param verbatim     CSV and TSV columns kept as the text they hold (stripped of surrounding spaces; only an empty
 *                     cell is missing, {@code ?} and {@code NA} are kept as text): categorical, each distinct text a category of its own, so
 *                     {@code 007} stays {@code 007} (a column declared {@link #categorical} labels the numbers it
 *                     holds, so that {@code 1} and {@code 1.0} are one category); for columns passed through rather
 *                     than computed with, such as the ids {@code predict} writes back
 */
public record ReadOptions(DataFormat format, Character delimiter, Set<String> categorical, boolean mixedColumns,
                          Set<String> verbatim) {
    /** The defaults: format by extension, delimiter by format, types inferred, almost-numeric columns refused. */
    public static final ReadOptions DEFAULT = new ReadOptions(null, null);

    /**
     * Options that infer every column's type and refuse almost-numeric columns.
     *
     * @param format    the format, or {@code null} to choose by extension
     * @param delimiter the field separator, or {@code null} for the format's own
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ReadOptions(DataFormat format, Character delimiter) {
        this(format, delimiter, Set.of(), false, Set.of());
    }

    /**
     * @param format       the format, or {@code null} to choose by extension
     * @param delimiter    the field separator, or {@code null} for the format's own
     * @param categorical  columns read as categorical; copied
     * @param mixedColumns whether almost-numeric columns are read as categorical instead of refused
     * @param verbatim     columns kept as their text; copied
     * @throws IllegalArgumentException if the delimiter is a quote, a line break, or given for ARFF
     */
    public ReadOptions {
        categorical = Set.copyOf(categorical);
        verbatim = Set.copyOf(verbatim);
        if (delimiter != null) {
            char d = delimiter;
            if (d == '"' || d == '\n' || d == '\r') {
                throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
            }
            if (format == DataFormat.ARFF) {
                throw new IllegalArgumentException("a delimiter applies to CSV and TSV files, not ARFF");
            }
        }
    }

    /**
     * The same options with another format.
     *
     * @param newFormat the format, or {@code null} to choose by extension
     * @return new options; these are unchanged
     */
    public ReadOptions withFormat(DataFormat newFormat) {
        return new ReadOptions(newFormat, delimiter, categorical, mixedColumns, verbatim);
    }

    /**
     * The same options with another delimiter.
     *
     * @param newDelimiter the field separator, or {@code null} for the format's own
     * @return new options; these are unchanged
     * @throws IllegalArgumentException as the constructor
     */
    public ReadOptions withDelimiter(Character newDelimiter) {
        return new ReadOptions(format, newDelimiter, categorical, mixedColumns, verbatim);
    }

    /**
     * The same options with other columns declared categorical.
     *
     * @param columns the CSV and TSV columns read as categorical whatever they hold; copied
     * @return new options; these are unchanged
     */
    public ReadOptions withCategorical(Set<String> columns) {
        return new ReadOptions(format, delimiter, columns, mixedColumns, verbatim);
    }

    /**
     * The same options, reading a column at least half numbers but with some text as categorical (true) or refusing
     * it (false).
     *
     * @param allowed whether such columns are read
     * @return new options; these are unchanged
     */
    public ReadOptions withMixedColumns(boolean allowed) {
        return new ReadOptions(format, delimiter, categorical, allowed, verbatim);
    }

    /**
     * The same options with other columns kept as their text ({@link #verbatim}).
     *
     * @param columns the CSV and TSV columns kept as the text they hold; copied
     * @return new options; these are unchanged
     */
    public ReadOptions withVerbatim(Set<String> columns) {
        return new ReadOptions(format, delimiter, categorical, mixedColumns, columns);
    }

    /**
     * The delimiter a user names: one character ({@code ,} {@code ;} {@code |}), {@code \t}, or a word:
     * {@code comma}, {@code tab}, {@code semicolon}, {@code pipe}, {@code space} (case-insensitive).
     *
     * @param text the user's text
     * @return the delimiter character
     * @throws IllegalArgumentException naming the allowed forms otherwise
     */
    public static char parseDelimiter(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "comma":
                return ',';
            case "tab":
            case "\\t":
                return '\t';
            case "semicolon":
                return ';';
            case "pipe":
                return '|';
            case "space":
                return ' ';
            default:
                if (text.length() == 1 && text.charAt(0) != '"' && text.charAt(0) != '\n' && text.charAt(0) != '\r') {
                    return text.charAt(0);
                }
                throw new IllegalArgumentException("unknown delimiter '" + text + "' (allowed: a single character, "
                        + "or comma, tab, semicolon, pipe, space)");
        }
    }
}
