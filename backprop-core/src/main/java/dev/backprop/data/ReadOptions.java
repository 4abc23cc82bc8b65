package dev.backprop.data;

import java.util.Locale;

/**
 * How to read a data file. Immutable.
 *
 * @param format    the format, or {@code null} to choose by the file's extension ({@link DataFormat#of})
 * @param delimiter the field separator for CSV and TSV, or {@code null} for the format's own (tab for TSV, detected
 *                  for CSV); must be {@code null} for ARFF
 */
public record ReadOptions(DataFormat format, Character delimiter) {
    /** The defaults: format by extension, delimiter by format. */
    public static final ReadOptions DEFAULT = new ReadOptions(null, null);

    /**
     * @param format    the format, or {@code null} to choose by extension
     * @param delimiter the field separator, or {@code null} for the format's own
     * @throws IllegalArgumentException if the delimiter is a quote, a line break, or given for ARFF
     */
    public ReadOptions {
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
        return new ReadOptions(newFormat, delimiter);
    }

    /**
     * The same options with another delimiter.
     *
     * @param newDelimiter the field separator, or {@code null} for the format's own
     * @return new options; these are unchanged
     * @throws IllegalArgumentException as the constructor
     */
    public ReadOptions withDelimiter(Character newDelimiter) {
        return new ReadOptions(format, newDelimiter);
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
