package dev.backprop.data;

/**
 * Splits one line of an ARFF file into tokens: bare words, or values in single or double quotes with backslash
 * escapes ({@code \\ \' \" \n \r \t \%}). A {@code %} outside quotes starts a comment that runs to the end of the line.
 * Not thread-safe.
 */
final class ArffTokenizer {
    private final String text;
    private final String source;
    private final long line;
    private int position;
    private boolean lastQuoted;

    ArffTokenizer(String text, String source, long line) {
        this.text = text;
        this.source = source;
        this.line = line;
    }

    /** Whether only whitespace or a comment is left. */
    boolean atEnd() {
        skipSpace();
        return position >= text.length() || text.charAt(position) == '%';
    }

    /** Whether the next character, after whitespace, is {@code c}; consumes it if so. */
    boolean consume(char c) {
        skipSpace();
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    /** Whether the next character, after whitespace, is {@code c}. */
    boolean peek(char c) {
        skipSpace();
        return position < text.length() && text.charAt(position) == c;
    }

    /** Whether the last token read was quoted (so {@code '?'} is the text "?" and not a missing value). */
    boolean lastQuoted() {
        return lastQuoted;
    }

    /**
     * The next token: a quoted value, or the text up to whitespace or {@code stops}, a comment or the end of the line
     * (empty if one comes first).
     *
     * @param spaceStops whether whitespace ends a bare token (names, types) or may sit inside one (data values,
     *                   which are stripped)
     * @param column     the column the token belongs to, for messages, or {@code null}
     * @throws InvalidDataException if a quote is never closed on this line
     */
    String token(String stops, boolean spaceStops, String column) {
        skipSpace();
        lastQuoted = false;
        if (position < text.length() && (text.charAt(position) == '\'' || text.charAt(position) == '"')) {
            lastQuoted = true;
            return quoted(column);
        }
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (stops.indexOf(c) >= 0 || c == '%' || (spaceStops && Character.isWhitespace(c))) {
                break;
            }
            position++;
        }
        return text.substring(start, position).strip();
    }

    /** The rest of the line before any comment, stripped, for messages. */
    String rest() {
        skipSpace();
        int end = text.indexOf('%', position);
        return text.substring(position, end < 0 ? text.length() : end).strip();
    }

    private String quoted(String column) {
        char quote = text.charAt(position);
        int opened = position;
        position++;
        StringBuilder sb = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\' && position < text.length()) {
                char e = text.charAt(position++);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        throw new InvalidDataException(source, line, column, "the quote " + quote + " at character " + (opened + 1)
                + " is never closed (ARFF values cannot span lines)");
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
