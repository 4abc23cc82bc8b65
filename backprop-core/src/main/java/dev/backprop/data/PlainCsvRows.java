package dev.backprop.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a range of whole lines into row-major values; cells that are not plain short numbers (missing cells,
 * text, long numbers, and every cell of a verbatim column) are kept aside as text ({@code null} for missing) with
 * their position. Reused block after block, by one thread at a time.
 */
final class PlainCsvRows implements ParallelBlocks.Part {
    private final byte[] buffer;
    private final byte delimiter;
    private final int columns;
    /** Per column, whether its cells are kept as text ({@link ReadOptions#verbatim}). */
    private final boolean[] verbatim;
    double[] values = new double[0];
    int[] rowLines = new int[0];
    int rows;
    /** Lines passed, blank ones included. */
    int lineCount;
    long bytes;
    int[] specialCells = new int[16];
    final List<String> specialTexts = new ArrayList<>();
    int specialCount;

    PlainCsvRows(byte[] buffer, byte delimiter, boolean[] verbatim) {
        this.buffer = buffer;
        this.delimiter = delimiter;
        this.columns = verbatim.length;
        this.verbatim = verbatim;
    }

    /**
     * Where the line starting at {@code p} ends (its {@code \n}, or {@code \r} before one, or {@code last}),
     * refusing bytes the general reader must judge.
     */
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
            if (!blank(p, end)) {
                row(p, end);
            }
            p = next;
        }
    }

    private boolean blank(int from, int end) {
        for (int i = from; i < end; i++) {
            byte c = buffer[i];
            if (c == delimiter || !(c == ' ' || c == '\t' || c == '\f')) {
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
            if (i == end || buffer[i] == delimiter) {
                if (j == columns) {
                    throw NotPlainText.INSTANCE;
                }
                cell(base + j, verbatim[j], s, i);
                j++;
                s = i + 1;
            }
        }
        if (j != columns) {
            throw NotPlainText.INSTANCE;
        }
        rows++;
    }

    private void cell(int index, boolean text, int from, int end) {
        while (from < end && isSpace(buffer[from])) {
            from++;
        }
        while (end > from && isSpace(buffer[end - 1])) {
            end--;
        }
        int length = end - from;
        if (length == 0 || length == 1 && buffer[from] == '?'
                || length == 2 && buffer[from] == 'N' && buffer[from + 1] == 'A') {
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
