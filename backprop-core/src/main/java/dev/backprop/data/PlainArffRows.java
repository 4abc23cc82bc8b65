package dev.backprop.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses a range of whole lines of an ARFF {@code @data} section of dense rows into row-major values: a numeric
 * attribute's number, a nominal attribute's code. Cells that are not a short number or a declared value (an unquoted
 * {@code ?}, long numbers, anything {@link ArffColumnBuilder} must judge) are kept aside as text ({@code null} for
 * missing) with their position. A {@code %} starts a comment; lines blank before it are skipped.
 *
 * <p>Throws {@link NotPlainText} on what {@link ArffReader} must read or refuse itself: a quote, a brace (a sparse row
 * or an instance weight), a byte outside ASCII, a control character, a carriage return without a line feed after it,
 * a row with fewer or more values than attributes. Reused block after block, by one thread at a time.
 */
final class PlainArffRows extends PlainRows {
    /** Per attribute, its declared values, or {@code null} if numeric. */
    private final AsciiLevels[] nominal;
    /** Where the content of the line last passed to {@link #lineEnd} ends: its comment, or its end. */
    private int contentEnd;

    /** @param nominal per attribute its declared values, {@code null} for a numeric attribute; not modified */
    PlainArffRows(byte[] buffer, AsciiLevels[] nominal) {
        super(buffer, (byte) ',', nominal.length);
        this.nominal = nominal;
    }

    /**
     * Where the line starting at {@code p} ends (its {@code \n}, or {@code \r} before one, or {@code last}); its
     * content before any comment ends at {@link #contentEnd}.
     *
     * @throws NotPlainText on a byte {@link ArffReader} must judge
     */
    @Override
    int lineEnd(int p, int last) {
        contentEnd = -1;
        for (int i = p; i < last; i++) {
            byte c = buffer[i];
            if (c == '\n') {
                return end(i);
            }
            if (c < 0x20 || c > 0x7E) {
                // Blocks end after a line feed, so a carriage return last in the range ends the file.
                if (c == '\r' && (i + 1 == last || buffer[i + 1] == '\n')) {
                    return end(i);
                }
                if (c != '\t' && c != '\f') {
                    throw NotPlainText.INSTANCE;
                }
            } else if (contentEnd < 0) {
                if (c == '%') {
                    contentEnd = i;
                } else if (c == '\'' || c == '"' || c == '{' || c == '}') {
                    throw NotPlainText.INSTANCE;
                }
            }
        }
        return end(last);
    }

    private int end(int at) {
        if (contentEnd < 0) {
            contentEnd = at;
        }
        return at;
    }

    /** The line's content ends where its comment starts. */
    @Override
    int contentEnd(int end) {
        return contentEnd;
    }

    @Override
    boolean blank(int from, int end) {
        for (int i = from; i < end; i++) {
            if (!isSpace(buffer[i])) {
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
        if (length == 1 && buffer[from] == '?') {
            special(index, null);
            return;
        }
        double v = Double.NaN;
        if (length > 0) {
            AsciiLevels levels = nominal[column];
            if (levels == null) {
                v = FastDecimal.parse(buffer, from, end);
            } else {
                int code = levels.find(buffer, from, end);
                v = code < 0 ? Double.NaN : code;
            }
        }
        if (Double.isNaN(v)) {
            special(index, new String(buffer, from, length, StandardCharsets.ISO_8859_1));
        } else {
            values[index] = v;
        }
    }
}
