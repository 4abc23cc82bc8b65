package dev.backprop.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;
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
 * text, go through the cell's text as {@link CsvFrameReader} does. The file is read in {@link LineBlocks}, lines
 * walked by {@link PlainCsvRows}, blocks shared among the cores by {@link ParallelBlocks}.
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
        } catch (NotPlainText | IOException e) {
            return null;
        }
    }

    /** One read of one file. */
    private static final class Run extends BlockRead<PlainCsvRows> {
        private final LineBlocks blocks;
        private final String source;
        private final ReadOptions options;
        private final byte[] buffer;
        private byte delimiter;
        private List<String> header;
        private InferringColumnBuilder[] builders;
        private final LongList lines = new LongList();
        /** Lines consumed before the current block (1-based numbering starts after them). */
        private long lineBase;
        private boolean reserved;

        Run(FileChannel channel, String source, ReadOptions options) throws IOException {
            this.blocks = new LineBlocks(channel, BLOCK);
            this.source = source;
            this.options = options;
            this.buffer = blocks.buffer();
        }

        Frame read() throws IOException {
            if (blocks.size() == 0) {
                throw NotPlainText.INSTANCE;
            }
            chooseDelimiter(blocks.filled(), blocks.byteOrderMark() ? 3 : 0);
            readBlocks(blocks, buffer);
            if (header == null || lines.size() == 0) {
                throw NotPlainText.INSTANCE;
            }
            List<Column> columns = new ArrayList<>(builders.length);
            for (InferringColumnBuilder b : builders) {
                columns.add(b.build(source));
            }
            return Frame.wrap(source, columns, lines.toArray());
        }

        /** The delimiter given, or guessed from the same first characters {@link CsvFrameReader} looks at. */
        private void chooseDelimiter(int filled, int start) {
            Character given = options.delimiter();
            char chosen;
            if (given != null) {
                chosen = given;
            } else {
                long chars = blocks.size() - start + (start > 0 ? 1 : 0);
                int headLength = (int) Math.min(Math.min(PEEK, chars) - (start > 0 ? 1 : 0), filled - start);
                for (int i = start; i < start + headLength; i++) {
                    if (buffer[i] < 0) {
                        throw NotPlainText.INSTANCE;
                    }
                }
                String head = new String(buffer, start, headLength, StandardCharsets.ISO_8859_1);
                try {
                    chosen = DelimiterDetector.detect(head, chars < PEEK, source);
                } catch (InvalidDataException e) {
                    throw NotPlainText.INSTANCE; // the general reader guesses again and says why it cannot
                }
            }
            if (chosen >= 0x80 || chosen == '"' || chosen == '\n' || chosen == '\r') {
                throw NotPlainText.INSTANCE;
            }
            delimiter = (byte) chosen;
        }

        @Override
        boolean headerRead() {
            return header != null;
        }

        /** The parsers of rows, told which columns keep their text as it is. */
        @Override
        Supplier<PlainCsvRows> parts() {
            boolean[] verbatim = new boolean[header.size()];
            for (int j = 0; j < verbatim.length; j++) {
                verbatim[j] = builders[j].verbatim();
            }
            return () -> new PlainCsvRows(buffer, delimiter, verbatim);
        }

        /**
         * Reads the header, the first line that is not blank, if it lies in [from, last); returns where the rows
         * start.
         */
        @Override
        int readHeader(int from, int last) {
            PlainCsvRows probe = new PlainCsvRows(buffer, delimiter, new boolean[0]);
            int p = from;
            while (p < last) {
                int end = probe.lineEnd(p, last);
                int next = end < last && buffer[end] == '\r' ? end + 2 : end + 1;
                lineBase++;
                if (!isBlank(p, end)) {
                    header = names(p, end);
                    builders = new InferringColumnBuilder[header.size()];
                    for (int j = 0; j < builders.length; j++) {
                        builders[j] = InferringColumnBuilder.of(header.get(j), options);
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
                        throw NotPlainText.INSTANCE;
                    }
                    names.add(name);
                    s = i + 1;
                }
            }
            return names;
        }

        /** Appends one parser's rows to the columns, in order, and moves the line count on. */
        @Override
        void append(PlainCsvRows parser) {
            if (!reserved && parser.rows > 0) {
                reserved = true;
                long expected = blocks.expectedRows(parser.rows, parser.bytes, builders.length, source);
                for (InferringColumnBuilder b : builders) {
                    b.reserve((int) Math.min(expected, Integer.MAX_VALUE - 8));
                }
            }
            for (int i = 0; i < parser.rows; i++) {
                lines.add(lineBase + parser.rowLines[i]);
            }
            parser.appendTo(Arrays.asList(builders), lineBase);
            lineBase += parser.lineCount;
        }
    }
}
