package dev.backprop.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the byte-level readers' row parsers share ({@link PlainCsvRows}, {@link PlainArffRows}): a range of whole
 * lines walked line by line, each row's cells cut at the delimiter into row-major {@link #values}, and the cells a
 * subclass does not turn into a value kept aside as text ({@code null} for missing) with their position. A line
 * with fewer or more cells than columns throws {@link NotPlainText}, for the general reader to judge. Reused block
 * after block, by one thread at a time.
 */
abstract class PlainRows implements ParallelBlocks.Part {
    final byte[] buffer;
    private final byte delimiter;
    private final int columns;
    double[] values = new double[0];
    int[] rowLines = new int[0];
    int rows;
    /** Lines passed, blank ones (and comments) included. */
    int lineCount;
    long bytes;
    int[] specialCells = new int[16];
    final List<String> specialTexts = new ArrayList<>();
    int specialCount;

    PlainRows(byte[] buffer, byte delimiter, int columns) {
        this.buffer = buffer;
        this.delimiter = delimiter;
        this.columns = columns;
    }

    /**
     * Where the line starting at {@code p} ends: its {@code \n}, or {@code \r} before one, or {@code last}.
     *
     * @throws NotPlainText on a byte the general reader must judge
     */
    abstract int lineEnd(int p, int last);

    /** Where the content of the line just passed to {@link #lineEnd}, ending at {@code end}, ends. */
    int contentEnd(int end) {
        return end;
    }

    /** Whether the line's content [from, end) holds no row. */
    abstract boolean blank(int from, int end);

    /** Reads cell [from, end) of column {@code column} into {@code values[index]}, or {@link #special} it. */
    abstract void cell(int index, int column, int from, int end);

    @Override
    public final void parse(int from, int last) {
        rows = 0;
        lineCount = 0;
        specialCount = 0;
        specialTexts.clear();
        bytes = last - from;
        int p = from;
        while (p < last) {
            int end = lineEnd(p, last);
            int next = end < last && buffer[end] == '\r' ? end + 2 : end + 1;
            int content = contentEnd(end);
            lineCount++;
            if (!blank(p, content)) {
                row(p, content, last);
            }
            p = next;
        }
    }

    private void row(int from, int end, int last) {
        if (values.length < (rows + 1) * columns) {
            // A row takes at least one byte per column (its delimiters and line end), so the part holds at most
            // (last - from) / columns + 1 rows more: a table of 300,000 columns and one row reserves that row, not
            // 1,024 rows of 2.4 GB.
            long rowsLeft = (last - from) / columns + 1L;
            int capacity = (int) Math.min(Math.max(rows * 2L, 1024), rows + rowsLeft);
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

    /** A column the parsed rows go into, cell by cell in file order: a reader's column builder. */
    interface Sink {
        /** Appends {@code values[offset + k * stride]} for k in [0, count): cells parsed into values. */
        void addValues(double[] values, int offset, int stride, int count);

        /** Appends a missing cell. */
        void addMissing();

        /** Appends the cell kept aside as {@code text}, read from {@code line}. */
        void add(String text, long line);
    }

    /**
     * Hands this part's rows to {@code columns}, in row order; {@code lineBase} is the number of lines before the
     * part, so that a cell's line is {@code lineBase + rowLines[row]}.
     */
    final void appendTo(List<? extends Sink> columns, long lineBase) {
        int m = columns.size();
        if (specialCount == 0) {
            for (int j = 0; j < m; j++) {
                columns.get(j).addValues(values, j, m, rows);
            }
            return;
        }
        int special = 0;
        int nextSpecial = specialCells[0];
        for (int i = 0; i < rows; i++) {
            int base = i * m;
            for (int j = 0; j < m; j++) {
                int cell = base + j;
                Sink column = columns.get(j);
                if (cell != nextSpecial) {
                    column.addValues(values, cell, 1, 1);
                    continue;
                }
                String text = specialTexts.get(special++);
                if (text == null) {
                    column.addMissing();
                } else {
                    column.add(text, lineBase + rowLines[i]);
                }
                nextSpecial = special < specialCount ? specialCells[special] : Integer.MAX_VALUE;
            }
        }
    }

    /** Keeps cell {@code index} aside as {@code text} (null: missing). */
    final void special(int index, String text) {
        if (specialCount == specialCells.length) {
            specialCells = Arrays.copyOf(specialCells, specialCount * 2);
        }
        specialCells[specialCount++] = index;
        specialTexts.add(text);
    }

    /** The first byte of [from, end) that is not a space, or end. */
    final int stripStart(int from, int end) {
        while (from < end && isSpace(buffer[from])) {
            from++;
        }
        return from;
    }

    /** One past the last byte of [from, end) that is not a space, or from. */
    final int stripEnd(int from, int end) {
        while (end > from && isSpace(buffer[end - 1])) {
            end--;
        }
        return end;
    }

    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\f';
    }
}
