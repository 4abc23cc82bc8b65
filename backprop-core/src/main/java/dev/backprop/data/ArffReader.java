package dev.backprop.data;

import dev.backprop.linalg.MemoryBudget;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads Weka's ARFF format into a {@link Frame}.
 *
 * <p>Supported: {@code @relation}; {@code @attribute NAME numeric|real|integer} (numeric columns) and
 * {@code @attribute NAME {v1, v2, 'v 3'}} (categorical columns, levels in declared order); {@code @data} followed by
 * dense rows {@code v1, v2, ...} or sparse rows {@code {i v, j v}} (0-based attribute indices; an attribute left out
 * is 0 if numeric and its first declared value if nominal, as in Weka). Keywords and types are case-insensitive;
 * names and values may be quoted with {@code '} or {@code "} (backslash escapes); {@code %} starts a comment; an
 * unquoted {@code ?} is missing. Refused with a message: {@code string}, {@code date} and {@code relational}
 * attributes, instance weights. One pass, linear in the size of the text.
 */
public final class ArffReader {
    /** The longest line accepted, in characters. */
    static final int MAX_LINE = 1 << 24;

    private ArffReader() {
    }

    /**
     * Reads the ARFF text of {@code reader} (not closed).
     *
     * @param reader the text; read to the end but not closed
     * @return a frame with one column per attribute, rows keeping their line numbers
     * @param source names the text in messages (a file name)
     * @throws InvalidDataException naming the line and attribute of the first problem: an empty file, text before the
     *                              header, an unknown declaration or type, a duplicate attribute or nominal value, a
     *                              missing {@code @data} section or no rows after it, a row with too few or too many
     *                              values, a value not declared for its nominal attribute, a value in a numeric
     *                              attribute that is not a finite number, an unterminated quote, a bad sparse index,
     *                              a line over 16 Mi characters
     * @throws dev.backprop.linalg.TooLargeException if the columns grow past what the heap can give (sparse rows of
     *                                               many attributes)
     * @throws UncheckedIOException if reading fails
     */
    public static Frame read(Reader reader, String source) {
        try {
            LineReader lines = new LineReader(reader, source, MAX_LINE);
            List<ArffColumnBuilder> columns = header(lines, source);
            return data(lines, columns, source);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    private static List<ArffColumnBuilder> header(LineReader lines, String source) throws IOException {
        ArffHeader header = new ArffHeader(source);
        String text;
        while ((text = lines.readLine()) != null) {
            if (header.accept(text, lines.lineNumber())) {
                return header.columns();
            }
        }
        throw header.ended(lines.lineNumber());
    }

    private static Frame data(LineReader lines, List<ArffColumnBuilder> columns, String source) throws IOException {
        int m = columns.size();
        String[] values = new String[m];
        boolean[] quoted = new boolean[m];
        int[] given = new int[m];
        LongList rowLines = new LongList();
        long bytesPerRow = 0;
        for (ArffColumnBuilder c : columns) {
            bytesPerRow += c.declared() == null ? Double.BYTES : Integer.BYTES;
        }
        String text;
        while ((text = lines.readLine()) != null) {
            long line = lines.lineNumber();
            ArffTokenizer tokens = new ArffTokenizer(text, source, line);
            if (tokens.atEnd()) {
                continue;
            }
            int row = rowLines.size();
            requireRoomToGrow(row, bytesPerRow, m, source);
            int count = tokens.consume('{') ? sparseRow(tokens, columns, values, quoted, given, source, line)
                    : denseRow(tokens, columns, values, quoted, given, source, line);
            for (int k = 0; k < count; k++) {
                int j = given[k];
                ArffColumnBuilder column = columns.get(j);
                column.fillTo(row);
                column.add(values[j], quoted[j], source, line);
                values[j] = null;
            }
            rowLines.add(line);
        }
        if (rowLines.size() == 0) {
            throw new InvalidDataException(source, 0, null, "has a header but no rows of data after @data");
        }
        List<Column> built = new ArrayList<>(m);
        for (ArffColumnBuilder c : columns) {
            c.fillTo(rowLines.size());
            built.add(c.build());
        }
        return Frame.wrap(source, built, rowLines.toArray());
    }

    /**
     * Before the row that makes every column's array double ({@code rows} a power of two, from 16 on), refuses a
     * table whose doubled columns the heap cannot give now. A sparse row of a few bytes ({@code {0 1}}) holds a value
     * of every attribute, so a small file of many attributes can need far more memory than its length suggests (a
     * 5.6 MB file of 200,000 attributes and 20,000 rows is 32 GB of columns); the attributes a sparse row leaves out
     * are filled in only when a later row names them or the data ends ({@link ArffColumnBuilder#fillTo}), so the rows
     * up to the refusal cost what they name, not what their columns will hold.
     *
     * @throws dev.backprop.linalg.TooLargeException naming the rows and attributes so far and the bytes they need
     */
    private static void requireRoomToGrow(int rows, long bytesPerRow, int attributes, String source) {
        if (rows < 16 || Integer.bitCount(rows) != 1) {
            return;
        }
        MemoryBudget.heap().require(MemoryBudget.times(2L * rows, bytesPerRow), source + ": " + MemoryBudget.count(rows)
                + " rows x " + MemoryBudget.count(attributes) + " attributes read so far, growing to "
                + MemoryBudget.count(2L * rows) + " rows,", "", "read fewer rows or attributes");
    }

    /** Reads a dense row's values into {@code values} and their indices, 0..m-1, into {@code given}; returns m. */
    private static int denseRow(ArffTokenizer tokens, List<ArffColumnBuilder> columns, String[] values,
                                boolean[] quoted, int[] given, String source, long line) {
        int m = columns.size();
        int count = 0;
        do {
            if (count == m) {
                if (tokens.peek('{')) {
                    throw new InvalidDataException(source, line, null,
                            "instance weights ({weight} after the values) are not supported; remove them");
                }
                int extra = 1;
                while (true) {
                    tokens.token(",", false, null);
                    if (!tokens.consume(',')) {
                        break;
                    }
                    extra++;
                }
                throw new InvalidDataException(source, line, null, "the row has " + (m + extra) + " values but "
                        + m + " attributes are declared");
            }
            values[count] = tokens.token(",", false, columns.get(count).name());
            quoted[count] = tokens.lastQuoted();
            given[count] = count;
            count++;
        } while (tokens.consume(','));
        if (!tokens.atEnd()) {
            throw new InvalidDataException(source, line, columns.get(count - 1).name(),
                    "unexpected text after the value: '" + Numbers.abbreviate(tokens.rest()) + "'");
        }
        if (count < m) {
            throw new InvalidDataException(source, line, columns.get(count).name(), "the row has " + count + " value"
                    + (count == 1 ? "" : "s") + " but " + m + " attributes are declared (this attribute and those "
                    + "after it have none)");
        }
        return count;
    }

    /**
     * Reads a sparse row's entries into {@code values} (null before, at every index) and their indices, ascending, into
     * {@code given}; returns how many. The attributes it leaves out are the caller's to fill.
     */
    private static int sparseRow(ArffTokenizer tokens, List<ArffColumnBuilder> columns, String[] values,
                                 boolean[] quoted, int[] given, String source, long line) {
        int m = columns.size();
        int count = 0;
        if (!tokens.consume('}')) {
            do {
                String index = tokens.token(",}", true, null);
                int j = sparseIndex(index, m, source, line);
                if (values[j] != null) {
                    throw new InvalidDataException(source, line, columns.get(j).name(),
                            "the sparse row gives this attribute (index " + j + ") twice");
                }
                given[count++] = j;
                values[j] = tokens.token(",}", false, columns.get(j).name());
                quoted[j] = tokens.lastQuoted();
                if (values[j].isEmpty() && !quoted[j]) {
                    throw new InvalidDataException(source, line, columns.get(j).name(),
                            "the sparse entry " + j + " has no value");
                }
            } while (tokens.consume(','));
            if (!tokens.consume('}')) {
                throw new InvalidDataException(source, line, null, "the sparse row is not closed with '}'");
            }
        }
        if (tokens.consume(',') && tokens.peek('{')) {
            throw new InvalidDataException(source, line, null,
                    "instance weights ({weight} after the values) are not supported; remove them");
        }
        if (!tokens.atEnd()) {
            throw new InvalidDataException(source, line, null, "unexpected text after the sparse row: '"
                    + Numbers.abbreviate(tokens.rest()) + "'");
        }
        // Values go in ascending attribute order, so that of two bad values the first attribute's is reported, as
        // for a dense row.
        Arrays.sort(given, 0, count);
        return count;
    }

    private static int sparseIndex(String index, int m, String source, long line) {
        int j;
        try {
            j = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw new InvalidDataException(source, line, null, "'" + Numbers.abbreviate(index)
                    + "' is not an attribute index (sparse rows read {index value, ...})");
        }
        if (j < 0 || j >= m) {
            throw new InvalidDataException(source, line, null, "sparse index " + j + " is outside 0.." + (m - 1)
                    + " (" + m + " attributes are declared)");
        }
        return j;
    }
}
