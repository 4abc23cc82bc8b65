package dev.backprop.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses a range of whole lines into row-major values; cells that are not plain short numbers (missing cells,
 * text, long numbers, and every cell of a verbatim column) are kept aside as text ({@code null} for missing) with
 * their position. Reused block after block, by one thread at a time.
 */
final class PlainCsvRows extends PlainRows {
    private final byte delimiter;
    /** Per column, whether its cells are kept as text ({@link ReadOptions#verbatim}). */
    private final boolean[] verbatim;

    PlainCsvRows(byte[] buffer, byte delimiter, boolean[] verbatim) {
        super(buffer, delimiter, verbatim.length);
        this.delimiter = delimiter;
        this.verbatim = verbatim;
    }

    /**
     * Where the line starting at {@code p} ends (its {@code \n}, or {@code \r} before one, or {@code last}),
     * refusing bytes the general reader must judge.
     */
    @Override
    int lineEnd(int p, int last) {
        for (int i = p; i < last; i++) {
            byte c = buffer[i];
            if (c == '\n') {
                return i;
            }
            if (c < 0x20 || c == '"') {
                // Blocks end after a line feed, so a carriage return last in the range ends the file.
                if (c == '\r' && (i + 1 == last || buffer[i + 1] == '\n')) {
                    return i;
                }
                if (c != '\t' && c != '\f') {
                    throw NotPlainText.INSTANCE;
                }
            }
        }
        return last;
    }

    /** A line of spaces alone; a line of delimiters is a row of missing cells. */
    @Override
    boolean blank(int from, int end) {
        for (int i = from; i < end; i++) {
            byte c = buffer[i];
            if (c == delimiter || !isSpace(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    void cell(int index, int column, int from, int end) {
        from = stripStart(from, end);
        end = stripEnd(from, end);
        int length = end - from;
        boolean text = verbatim[column];
        if (length == 0 || !text && (length == 1 && buffer[from] == '?'
                || length == 2 && buffer[from] == 'N' && buffer[from + 1] == 'A')) {
            special(index, null);
            return;
        }
        double v = text ? Double.NaN : FastDecimal.parse(buffer, from, end);
        if (Double.isNaN(v)) {
            special(index, new String(buffer, from, length, StandardCharsets.ISO_8859_1));
        } else {
            values[index] = v;
        }
    }
}
