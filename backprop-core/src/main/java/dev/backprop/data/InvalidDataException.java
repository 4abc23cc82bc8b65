package dev.backprop.data;

/**
 * Input data that cannot be used, with where it went wrong: the message reads
 * {@code FILE: line N, column 'C': what was wrong}, leaving out the parts that do not apply.
 */
public final class InvalidDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param source where the data came from (a file name), or {@code null}
     * @param line   1-based line of the file, or 0 if not about one line
     * @param column the column's name, or {@code null}
     * @param reason what was wrong, in words a user can act on
     */
    public InvalidDataException(String source, long line, String column, String reason) {
        super(locate(source, line, column) + reason);
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
            sb.append(sb.length() > 0 ? ", " : "").append("column '").append(column).append('\'');
        }
        return sb.length() > 0 ? sb.append(": ").toString() : "";
    }
}
