package dev.backprop.data;

/**
 * Input data that cannot be used, with where it went wrong: the message reads
 * {@code FILE: line N, column 'C': what was wrong}, leaving out the parts that do not apply. The message is always one
 * line: line breaks and other control characters (from a header whose quote never closes, say) are shown as
 * {@code \n}-style escapes, and so are characters that print as nothing or as a plain space (a no-break space or a
 * byte-order mark pasted into a number, shown as their code after a backslash and u), so that the message shows why
 * what reads {@code 0.5} is not a number; a column name is cut to {@value #MAX_NAME} characters.
 */
public final class InvalidDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The most characters of a column name a message shows. */
    static final int MAX_NAME = 60;

    /**
     * @param source where the data came from (a file name), or {@code null}
     * @param line   1-based line of the file, or 0 if not about one line
     * @param column the column's name, or {@code null}
     * @param reason what was wrong, in words a user can act on
     */
    public InvalidDataException(String source, long line, String column, String reason) {
        super(ColumnNames.oneLine(locate(source, line, column) + reason));
    }

    private static String locate(String source, long line, String column) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
        }
        if (line > 0) {
            sb.append(sb.length() > 0 ? ": " : "").append("line ").append(line);
        }
        if (column != null) {
            String shown = column.length() > MAX_NAME ? column.substring(0, MAX_NAME) + "..." : column;
            sb.append(sb.length() > 0 ? ", " : "").append("column '").append(shown).append('\'');
        }
        return sb.length() > 0 ? sb.append(": ").toString() : "";
    }
}
