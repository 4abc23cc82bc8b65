package dev.backprop.data;

/**
 * Follows CSV text one character at a time the way an RFC 4180 parser reads it, to know where fields and records end
 * and whether a quote is open. A quote opens a field only at the field's start; inside, {@code ""} is a literal quote;
 * text after a closing quote continues the field (as FastCSV reads it), and the first such field is remembered as
 * malformed (spaces and tabs after the closing quote are not counted). {@code \n}, {@code \r\n} and a lone {@code \r}
 * end a record outside quotes and count as one line anywhere.
 */
final class QuoteScanner {
    /** {@link #feed} result: the character continued the current field. */
    static final int NONE = 0;
    /** {@link #feed} result: the character was a delimiter outside quotes. */
    static final int FIELD_END = 1;
    /** {@link #feed} result: the character ended a record. */
    static final int RECORD_END = 2;

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
    /** After a closing quote and only spaces or tabs. */
    private static final int CLOSED = 4;

    private final char delimiter;
    private int state = FIELD_START;
    private boolean afterCarriageReturn;
    private long line = 1;
    private int field;
    private long openLine;
    private int openField;
    private long malformedLine;
    private int malformedField;

    QuoteScanner(char delimiter) {
        this.delimiter = delimiter;
    }

    /** Reads {@code c}; returns {@link #NONE}, {@link #FIELD_END} or {@link #RECORD_END}. */
    int feed(char c) {
        if (c == '\n' && afterCarriageReturn) {
            afterCarriageReturn = false;
            return NONE;
        }
        afterCarriageReturn = c == '\r';
        boolean newline = c == '\n' || c == '\r';
        if (state == QUOTED) {
            if (c == '"') {
                state = QUOTE_IN_QUOTED;
            } else if (newline) {
                line++;
            }
            return NONE;
        }
        if (c == '"' && state == FIELD_START) {
            state = QUOTED;
            openLine = line;
            openField = field;
            return NONE;
        }
        if (c == '"' && state == QUOTE_IN_QUOTED) {
            state = QUOTED;
            return NONE;
        }
        if ((state == QUOTE_IN_QUOTED || state == CLOSED) && c != delimiter && !newline) {
            if (c == ' ' || c == '\t') {
                state = CLOSED;
                return NONE;
            }
            if (malformedLine == 0) {
                malformedLine = line;
                malformedField = field;
            }
            state = UNQUOTED;
            return NONE;
        }
        if (c == delimiter) {
            state = FIELD_START;
            field++;
            return FIELD_END;
        }
        if (newline) {
            state = FIELD_START;
            field = 0;
            line++;
            return RECORD_END;
        }
        state = UNQUOTED;
        return NONE;
    }

    /** The line of the first quoted field with text after its closing quote, or 0 if none so far. */
    long malformedLine() {
        return malformedLine;
    }

    /** The 0-based index, within its record, of that field. */
    int malformedField() {
        return malformedField;
    }

    /** Whether a quoted field is open (at the end of the text: never closed). */
    boolean inQuotes() {
        return state == QUOTED;
    }

    /** The line on which the last quoted field opened. */
    long openLine() {
        return openLine;
    }

    /** The 0-based index, within its record, of the last quoted field opened. */
    int openField() {
        return openField;
    }
}
