package dev.backprop.data;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line, like {@link java.io.BufferedReader#readLine()}, but numbers the lines and refuses a line
 * longer than a limit instead of growing until memory runs out. {@code \n}, {@code \r\n} and a lone {@code \r} end a
 * line. A leading byte-order mark is dropped. Not thread-safe.
 */
final class LineReader {
    private final Reader in;
    private final String source;
    private final int maxLength;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long lineNumber;
    private boolean skipLineFeed;
    private boolean started;
    private final StringBuilder line = new StringBuilder();

    LineReader(Reader in, String source, int maxLength) {
        this.in = in;
        this.source = source;
        this.maxLength = maxLength;
    }

    /** The 1-based number of the line last returned by {@link #readLine()}. */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its line end, or {@code null} at the end of the text.
     *
     * @throws InvalidDataException if the line is longer than the limit
     */
    String readLine() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    lineNumber++;
                    return line.toString();
                }
                if (!started) {
                    started = true;
                    if (buffer[0] == '\uFEFF') {
                        position = 1;
                        continue;
                    }
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            line.append(buffer, start, position - start);
            any = true;
            if (line.length() > maxLength) {
                throw new InvalidDataException(source, lineNumber + 1, null, "the line is longer than " + maxLength
                        + " characters; is this really a data file?");
            }
            if (position < limit) {
                skipLineFeed = buffer[position] == '\r';
                position++;
                lineNumber++;
                return line.toString();
            }
        }
    }
}
