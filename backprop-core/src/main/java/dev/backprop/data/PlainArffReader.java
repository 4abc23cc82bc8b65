package dev.backprop.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the common kind of ARFF file, ASCII text whose {@code @data} section holds dense rows without quotes, straight
 * from its bytes, as {@link PlainCsvReader} does for CSV: the header goes line by line through {@link ArffHeader} (as
 * in {@link ArffReader}), then numbers are parsed where they lie and nominal values looked up from their bytes, blocks
 * of lines on every core, and each attribute's values go into its {@link ArffColumnBuilder} in row order, so a value
 * is read, or refused, exactly as {@link ArffReader} would.
 *
 * <p>It gives up on anything else (returns {@code null}) so that {@link ArffReader} reads the file and reports its
 * problems in its own words: a byte outside ASCII, a control character, a carriage return without a line feed after
 * it, a header {@link ArffHeader} refuses or that does not end, a quote or a brace in the rows (quoted values, sparse
 * rows, instance weights), a row whose value count is not the attributes', no rows, a line longer than a block.
 *
 * <p>Once the first block of rows is parsed, the rows of the whole file are estimated from its length, each attribute
 * reserves that many values, and a file whose columns would not fit the heap is refused then, naming the size it needs.
 */
final class PlainArffReader {
    /** Bytes per block; a line must fit in one. */
    private static final int BLOCK = 1 << 23;

    private PlainArffReader() {
    }

    /**
     * Reads {@code file} if it is plain ARFF text, else returns {@code null}.
     *
     * @param source the file's name in messages
     * @return the frame {@link ArffReader#read} would return, or {@code null} when it must read the file
     * @throws InvalidDataException what {@link ArffReader} says about a value (a number that is not finite, a value
     *                              not declared for its nominal attribute, an empty value), in the same words
     * @throws dev.backprop.linalg.TooLargeException if the columns, estimated from the first block, would not fit
     *                                               the heap
     */
    static Frame read(Path file, String source) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Run(channel, source).read();
        } catch (NotPlainText | IOException e) {
            return null;
        }
    }

    /** One read of one file. */
    private static final class Run extends BlockRead<PlainArffRows> {
        private final LineBlocks blocks;
        private final String source;
        private final byte[] buffer;
        private final ArffHeader header;
        private List<ArffColumnBuilder> builders;
        private final LongList lines = new LongList();
        /** Lines consumed before the current block (1-based numbering starts after them). */
        private long lineBase;
        private boolean reserved;
        /** The builders as the parsers' sinks, from the first rows on. */
        private List<PlainRows.Sink> sinks = List.of();

        Run(FileChannel channel, String source) throws IOException {
            this.blocks = new LineBlocks(channel, BLOCK);
            this.source = source;
            this.buffer = blocks.buffer();
            this.header = new ArffHeader(source);
        }

        Frame read() throws IOException {
            readBlocks(blocks, buffer);
            if (builders == null || lines.size() == 0) {
                throw NotPlainText.INSTANCE;
            }
            List<Column> columns = new ArrayList<>(builders.size());
            for (ArffColumnBuilder b : builders) {
                columns.add(b.build());
            }
            return Frame.wrap(source, columns, lines.toArray());
        }

        @Override
        boolean headerRead() {
            return builders != null;
        }

        /** The parsers of rows, told each nominal attribute's declared values. */
        @Override
        Supplier<PlainArffRows> parts() {
            AsciiLevels[] nominal = new AsciiLevels[builders.size()];
            for (int j = 0; j < nominal.length; j++) {
                List<String> declared = builders.get(j).declared();
                nominal[j] = declared == null ? null : new AsciiLevels(declared);
            }
            return () -> new PlainArffRows(buffer, nominal);
        }

        /**
         * Passes the header lines in [from, last) to {@link ArffHeader}; after its {@code @data} line, sets the
         * builders and returns where the rows start.
         */
        @Override
        int readHeader(int from, int last) {
            int p = from;
            while (p < last) {
                int end = lineEnd(p, last);
                int next = end < last && buffer[end] == '\r' ? end + 2 : end + 1;
                lineBase++;
                String text = new String(buffer, p, end - p, StandardCharsets.ISO_8859_1);
                boolean data;
                try {
                    data = header.accept(text, lineBase);
                } catch (InvalidDataException e) {
                    // ArffReader says it, after any complaint about the text (a control character) it meets first.
                    throw NotPlainText.INSTANCE;
                }
                if (data) {
                    builders = header.columns();
                    return Math.min(next, last);
                }
                p = next;
            }
            return last;
        }

        /**
         * Where the header line starting at {@code p} ends (its {@code \n}, or {@code \r} before one, or
         * {@code last}): any ASCII text but control characters other than tab and form feed.
         */
        private int lineEnd(int p, int last) {
            for (int i = p; i < last; i++) {
                byte c = buffer[i];
                if (c == '\n' || c == '\r' && (i + 1 == last || buffer[i + 1] == '\n')) {
                    return i;
                }
                if (c < 0x20 && c != '\t' && c != '\f' || c == 0x7F) {
                    throw NotPlainText.INSTANCE;
                }
            }
            return last;
        }

        /** Appends one parser's rows to the columns, in order, and moves the line count on. */
        @Override
        void append(PlainArffRows parser) {
            if (!reserved && parser.rows > 0) {
                reserved = true;
                long expected = blocks.expectedRows(parser.rows, parser.bytes, builders.size(), source);
                for (ArffColumnBuilder b : builders) {
                    b.reserve((int) Math.min(expected, Integer.MAX_VALUE - 8));
                }
                sinks = builders.stream().map(this::sink).toList();
            }
            for (int i = 0; i < parser.rows; i++) {
                lines.add(lineBase + parser.rowLines[i]);
            }
            parser.appendTo(sinks, lineBase);
            lineBase += parser.lineCount;
        }

        /** {@code builder} as the parsed rows' sink: a kept-aside value is an unquoted value of this file. */
        private PlainRows.Sink sink(ArffColumnBuilder builder) {
            return new PlainRows.Sink() {
                @Override
                public void addValues(double[] values, int offset, int stride, int count) {
                    builder.addValues(values, offset, stride, count);
                }

                @Override
                public void addMissing() {
                    builder.addMissing();
                }

                @Override
                public void add(String text, long line) {
                    builder.add(text, false, source, line);
                }
            };
        }
    }
}
