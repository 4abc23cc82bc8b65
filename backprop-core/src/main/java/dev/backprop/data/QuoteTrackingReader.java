package dev.backprop.data;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Passes CSV text through a {@link QuoteScanner} so that, at the end, a quote that was never closed can be reported
 * where it opened: FastCSV itself reads such a quote to the end of the file without complaint.
 */
final class QuoteTrackingReader extends Reader {
    private final Reader in;
    private final QuoteScanner scanner;

    QuoteTrackingReader(Reader in, char delimiter) {
        this.in = in;
        this.scanner = new QuoteScanner(delimiter);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            scanner.feed(buffer[i]);
        }
        return n;
    }

    /**
     * Checks, once all text has been read, that no quote is open.
     *
     * @param header the column names if known, else {@code null}
     * @throws InvalidDataException naming the line and column where the unterminated quote opened
     */
    void requireClosedQuotes(String source, List<String> header) {
        if (!scanner.inQuotes()) {
            return;
        }
        int field = scanner.openField();
        String column = header != null && field < header.size() ? header.get(field) : null;
        String where = column == null ? " (field " + (field + 1) + ")" : "";
        throw new InvalidDataException(source, scanner.openLine(), column, "a quote opened here" + where
                + " is never closed, so the rest of the file would be one value; add the closing \"");
    }

    /**
     * Checks that no quoted field read so far, up to {@code line}, has text after its closing quote ({@code "9"x}),
     * which FastCSV would silently join into the value ({@code 9x}).
     *
     * @param header the column names if known, else {@code null}
     * @param line   the last line to look at (the scanner may have read ahead)
     * @throws InvalidDataException naming the line and column of the first such field
     */
    void requireWellFormedQuotes(String source, List<String> header, long line) {
        if (scanner.malformedLine() == 0 || scanner.malformedLine() > line) {
            return;
        }
        int field = scanner.malformedField();
        String column = header != null && field < header.size() ? header.get(field) : null;
        String where = column == null ? " (field " + (field + 1) + ")" : "";
        throw new InvalidDataException(source, scanner.malformedLine(), column, "a quoted value is followed by "
                + "more text before the next delimiter" + where + ": put the whole value inside the quotes, "
                + "doubling any quote within it (\"9x\" or \"9\"\"x\")");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
