package dev.backprop.data;

import dev.backprop.linalg.MemoryBudget;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the common kind of delimited file, plain ASCII text without quotes, straight from its bytes: numbers are parsed
 * where they lie (no string per cell), blocks of lines are parsed on every core, and each column's cells go into its
 * {@link InferringColumnBuilder} in row order, so a column is typed, and a cell refused, exactly as
 * {@link CsvFrameReader} would.
 *
 * <p>It gives up on anything else (returns {@code null}) so that {@link CsvFrameReader} reads the file and reports its
 * problems in its own words: a byte outside ASCII (text that may be any UTF-8, a byte-order mark elsewhere than at the
 * start), a quote, a control character, a carriage return without a line feed after it, a row whose field count is
 * not the header's, a header it would refuse, an empty file, a line longer than a block.
 *
 * <p>Once the first block is parsed, the rows of the whole file are estimated from its length, each column reserves
 * that many values, and a file whose columns would not fit the heap is refused then, naming the size it needs.
 *
 * <p>Short numbers are parsed by {@link FastDecimal}, exactly as {@link Double#parseDouble} would; other numbers, and
 * text, go through the cell's text as {@link CsvFrameReader} does. Lines are walked by {@link PlainCsvRows}, blocks
 * shared among the cores by {@link PlainCsvBlocks}.
 */
final class PlainCsvReader {
    /** Bytes per block; a line must fit in one. */
    private static final int BLOCK = 1 << 23;
    /** Characters the delimiter is guessed from, as {@link CsvFrameReader} does. */
    private static final int PEEK = 1 << 18;
    private PlainCsvReader() {
    }

    /**
     * Reads {@code file} if it is plain delimited ASCII text, else returns {@code null}.
     *
     * @param source  the file's name in messages
     * @param options the delimiter ({@code null}: detected as {@link CsvFrameReader} does) and column typing
     * @return the frame {@link CsvFrameReader#readWith} would return, or {@code null} when it must read the file
     * @throws InvalidDataException what {@link CsvFrameReader} says about a column (a NaN literal in a numeric
     *                              column, an almost-numeric column, ...), in the same words
     * @throws dev.backprop.linalg.TooLargeException if the columns, estimated from the first block, would not fit
     *                                               the heap
     */
    static Frame read(Path file, String source, ReadOptions options) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new PlainCsvReader.Run(channel, source, options).read();
        } catch (NotPlainCsv | IOException e) {
            return null;
        }
    }

    /** One read of one file. */
    private static final class Run {
        private final FileChannel channel;
        private final String source;
        private final ReadOptions options;
        private final long size;
        private byte[] buffer;
        private byte delimiter;
        private List<String> header;
        private InferringColumnBuilder[] builders;
        private final LongList lines = new LongList();
        /** Lines consumed before the current block (1-based numbering starts after them). */
        private long lineBase;
        private boolean reserved;

        Run(FileChannel channel, String source, ReadOptions options) throws IOException {
            this.channel = channel;
            this.source = source;
            this.options = options;
            this.size = channel.size();
        }

        Frame read() throws IOException {
            if (size == 0) {
                throw NotPlainCsv.INSTANCE;
            }
            buffer = new byte[(int) Math.min(BLOCK, size + 1)];
            int filled = fill(0);
            int start = filled >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB
                    && buffer[2] == (byte) 0xBF ? 3 : 0;
            chooseDelimiter(filled, start);
            PlainCsvBlocks blocks = null;
            try {
                int from = start;
                boolean end = filled < buffer.length;
                while (true) {
                    int last = end ? filled : lastLineEnd(filled);
                    if (last < 0) {
                        throw NotPlainCsv.INSTANCE;
                    }
                    if (header == null) {
                        from = readHeader(from, last);
                    }
                    if (header != null) {
                        if (blocks == null) {
                            blocks = new PlainCsvBlocks(buffer, delimiter, header.size(), size);
                        }
                        for (PlainCsvRows part : blocks.parse(from, last)) {
                            append(part);
                        }
                    }
                    if (end) {
                        break;
                    }
                    int rest = filled - last;
                    System.arraycopy(buffer, last, buffer, 0, rest);
                    filled = fill(rest);
                    end = filled < buffer.length;
                    from = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw NotPlainCsv.INSTANCE;
            } finally {
                if (blocks != null) {
                    blocks.close();
                }
            }
            if (header == null || lines.size() == 0) {
                throw NotPlainCsv.INSTANCE;
            }
            List<Column> columns = new ArrayList<>(builders.length);
            for (InferringColumnBuilder b : builders) {
                columns.add(b.build(source));
            }
            return Frame.wrap(source, columns, lines.toArray());
        }

        /** Fills the buffer from {@code from} on; returns how many bytes it holds (fewer than its size at the end). */
        private int fill(int from) throws IOException {
            ByteBuffer target = ByteBuffer.wrap(buffer, from, buffer.length - from);
            while (target.hasRemaining() && channel.read(target) >= 0) {
                // read until full or at the end of the file
            }
            return target.position();
        }

        private int lastLineEnd(int filled) {
            for (int i = filled - 1; i >= 0; i--) {
                if (buffer[i] == '\n') {
                    return i + 1;
                }
            }
            return -1;
        }

        /** The delimiter given, or guessed from the same first characters {@link CsvFrameReader} looks at. */
        private void chooseDelimiter(int filled, int start) {
            Character given = options.delimiter();
            char chosen;
            if (given != null) {
                chosen = given;
            } else {
                long chars = size - start + (start > 0 ? 1 : 0);
                int headLength = (int) Math.min(Math.min(PEEK, chars) - (start > 0 ? 1 : 0), filled - start);
                for (int i = start; i < start + headLength; i++) {
                    if (buffer[i] < 0) {
                        throw NotPlainCsv.INSTANCE;
                    }
                }
                String head = new String(buffer, start, headLength, StandardCharsets.ISO_8859_1);
                try {
                    chosen = DelimiterDetector.detect(head, chars < PEEK, source);
                } catch (InvalidDataException e) {
                    throw NotPlainCsv.INSTANCE; // the general reader guesses again and says why it cannot
                }
            }
            if (chosen >= 0x80 || chosen == '"' || chosen == '\n' || chosen == '\r') {
                throw NotPlainCsv.INSTANCE;
            }
            delimiter = (byte) chosen;
        }

        /**
         * Reads the header, the first line that is not blank, if it lies in [from, last); returns where the rows
         * start.
         */
        private int readHeader(int from, int last) {
            PlainCsvRows probe = new PlainCsvRows(buffer, delimiter, 0);
            int p = from;
            while (p < last) {
                int end = probe.lineEnd(p, last);
                int next = end < last && buffer[end] == '\r' ? end + 2 : end + 1;
                lineBase++;
                if (!isBlank(p, end)) {
                    header = names(p, end);
                    builders = new InferringColumnBuilder[header.size()];
                    for (int j = 0; j < builders.length; j++) {
                        builders[j] = new InferringColumnBuilder(header.get(j),
                                options.categorical().contains(header.get(j)), options.mixedColumns());
                    }
                    return Math.min(next, last);
                }
                p = next;
            }
            return last;
        }

        private boolean isBlank(int from, int end) {
            for (int i = from; i < end; i++) {
                byte c = buffer[i];
                if (c == delimiter || !(c == ' ' || c == '\t' || c == '\f')) {
                    return false;
                }
            }
            return true;
        }

        private List<String> names(int from, int end) {
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int s = from;
            for (int i = from; i <= end; i++) {
                if (i == end || buffer[i] == delimiter) {
                    String name = new String(buffer, s, i - s, StandardCharsets.ISO_8859_1).strip();
                    if (name.isEmpty() || !seen.add(name)) {
                        throw NotPlainCsv.INSTANCE;
                    }
                    names.add(name);
                    s = i + 1;
                }
            }
            return names;
        }

        /** Appends one parser's rows to the columns, in order, and moves the line count on. */
        private void append(PlainCsvRows parser) {
            int m = builders.length;
            if (!reserved && parser.rows > 0) {
                reserved = true;
                long expected = (long) (parser.rows * ((double) size / Math.max(1, parser.bytes)) * 1.02) + 16;
                // Refused before the columns grow: a file the heap cannot hold never ends in an OutOfMemoryError.
                MemoryBudget.heap().require(MemoryBudget.doubles(MemoryBudget.times(expected, m)), source
                        + ": about " + MemoryBudget.count(expected) + " rows x " + MemoryBudget.count(m)
                        + " columns (from the first " + MemoryBudget.count(parser.rows) + " rows' length)", "",
                        "read fewer rows");
                for (InferringColumnBuilder b : builders) {
                    b.reserve((int) Math.min(expected, Integer.MAX_VALUE - 8));
                }
            }
            for (int i = 0; i < parser.rows; i++) {
                lines.add(lineBase + parser.rowLines[i]);
            }
            if (parser.specialCount == 0) {
                for (int j = 0; j < m; j++) {
                    builders[j].addNumbers(parser.values, j, m, parser.rows);
                }
                lineBase += parser.lineCount;
                return;
            }
            int special = 0;
            int nextSpecial = parser.specialCount > 0 ? parser.specialCells[0] : Integer.MAX_VALUE;
            for (int i = 0; i < parser.rows; i++) {
                long line = lineBase + parser.rowLines[i];
                int base = i * m;
                for (int j = 0; j < m; j++) {
                    int cell = base + j;
                    if (cell == nextSpecial) {
                        String text = parser.specialTexts.get(special++);
                        if (text == null) {
                            builders[j].addMissing();
                        } else {
                            builders[j].add(text, line);
                        }
                        nextSpecial = special < parser.specialCount ? parser.specialCells[special] : Integer.MAX_VALUE;
                    } else {
                        builders[j].addNumber(parser.values[cell]);
                    }
                }
            }
            lineBase += parser.lineCount;
        }
    }
}
