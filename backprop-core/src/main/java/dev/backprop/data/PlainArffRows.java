package dev.backprop.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
final class PlainArffRows implements ParallelBlocks.Part {
    private final byte[] buffer;
    /** Per attribute, its declared values, or {@code null} if numeric. */
    private final AsciiLevels[] nominal;
    private final int columns;
    double[] values = new double[0];
    int[] rowLines = new int[0];
    int rows;
    /** Lines passed, blank ones and comments included. */
    int lineCount;
    long bytes;
    int[] specialCells = new int[16];
    final List<String> specialTexts = new ArrayList<>();
    int specialCount;
    /** Where the content of the line last passed to {@link #lineEnd} ends: its comment, or its end. */
    private int contentEnd;

    /** @param nominal per attribute its declared values, {@code null} for a numeric attribute; not modified */
    PlainArffRows(byte[] buffer, AsciiLevels[] nominal) {
        this.buffer = buffer;
        this.nominal = nominal;
        this.columns = nominal.length;
    }

    /**
     * Where the line starting at {@code p} ends (its {@code \n}, or {@code \r} before one, or {@code last}); its
     * content before any comment ends at {@link #contentEnd}.
     *
     * @throws NotPlainText on a byte {@link ArffReader} must judge
     */
    private int lineEnd(int p, int last) {
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

    @Override
    public void parse(int from, int last) {
        rows = 0;
        lineCount = 0;
        specialCount = 0;
        specialTexts.clear();
        bytes = last - from;
        int p = from;
        while (p < last) {
            int end = lineEnd(p, last);
            int next = end < last && buffer[end] == '\r' ? end + 2 : end + 1;
            lineCount++;
            if (!blank(p, contentEnd)) {
                row(p, contentEnd);
            }
            p = next;
        }
    }

    private boolean blank(int from, int end) {
        for (int i = from; i < end; i++) {
            if (!isSpace(buffer[i])) {
                return false;
            }
        }
        return true;
    }

    private void row(int from, int end) {
        if (values.length < (rows + 1) * columns) {
            int capacity = Math.max(rows * 2, 1024);
            values = Arrays.copyOf(values, capacity * columns);
            rowLines = Arrays.copyOf(rowLines, capacity);
        }
        rowLines[rows] = lineCount;
        int base = rows * columns;
        int j = 0;
        int s = from;
        for (int i = from; i <= end; i++) {
            if (i == end || buffer[i] == ',') {
                if (j == columns) {
                    throw NotPlainText.INSTANCE;
                }
                cell(base + j, j, s, i);
                j++;
                s = i + 1;
            }
        }
        if (j != columns) {
            throw NotPlainText.INSTANCE;
        }
        rows++;
    }

    private void cell(int index, int column, int from, int end) {
        while (from < end && isSpace(buffer[from])) {
            from++;
        }
        while (end > from && isSpace(buffer[end - 1])) {
            end--;
        }
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

    private void special(int index, String text) {
        if (specialCount == specialCells.length) {
            specialCells = Arrays.copyOf(specialCells, specialCount * 2);
        }
        specialCells[specialCount++] = index;
        specialTexts.add(text);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\f';
    }
}
