package dev.backprop.data;

import dev.backprop.linalg.MemoryBudget;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * <p>A number with at most 18 significant digits and a power of ten within ±22 is m × 10^e with m < 2^53: one
 * correctly rounded product or quotient of two exact doubles (Clinger's fast path), so it equals
 * {@link Double#parseDouble}; other numbers, and text, go through the cell's text as {@link CsvFrameReader} does.
 */
final class PlainCsvReader {
    /** Bytes per block; a line must fit in one. */
    private static final int BLOCK = 1 << 23;
    /** Blocks smaller than this are parsed on the calling thread alone. */
    private static final int PARALLEL_MIN = 1 << 20;
    /** Characters the delimiter is guessed from, as {@link CsvFrameReader} does. */
    private static final int PEEK = 1 << 18;
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};

    /** Thrown (without a stack trace) where the general reader must take over. */
    private static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super("not plain CSV", null, false, false);
        }
    }

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
        } catch (NotPlain | IOException e) {
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
                throw NotPlain.INSTANCE;
            }
            buffer = new byte[(int) Math.min(BLOCK, size + 1)];
            int filled = fill(0);
            int start = filled >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB
                    && buffer[2] == (byte) 0xBF ? 3 : 0;
            chooseDelimiter(filled, start);
            int parts = Math.min(4, Runtime.getRuntime().availableProcessors());
            Parser[] parsers = new Parser[parts];
            ExecutorService pool = parts > 1 && size >= PARALLEL_MIN ? Executors.newFixedThreadPool(parts - 1,
                    runnable -> {
                        Thread thread = new Thread(runnable, "backprop-csv");
                        thread.setDaemon(true);
                        return thread;
                    }) : null;
            try {
                int from = start;
                boolean end = filled < buffer.length;
                while (true) {
                    int last = end ? filled : lastLineEnd(filled);
                    if (last < 0) {
                        throw NotPlain.INSTANCE;
                    }
                    if (header == null) {
                        from = readHeader(from, last);
                    }
                    if (header != null) {
                        if (parsers[0] == null) {
                            for (int k = 0; k < parts; k++) {
                                parsers[k] = new Parser(buffer, delimiter, header.size());
                            }
                        }
                        parseBlock(parsers, pool, from, last);
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
                throw NotPlain.INSTANCE;
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
            if (header == null || lines.size() == 0) {
                throw NotPlain.INSTANCE;
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
                        throw NotPlain.INSTANCE;
                    }
                }
                String head = new String(buffer, start, headLength, StandardCharsets.ISO_8859_1);
                try {
                    chosen = DelimiterDetector.detect(head, chars < PEEK, source);
                } catch (InvalidDataException e) {
                    throw NotPlain.INSTANCE; // the general reader guesses again and says why it cannot
                }
            }
            if (chosen >= 0x80 || chosen == '"' || chosen == '\n' || chosen == '\r') {
                throw NotPlain.INSTANCE;
            }
            delimiter = (byte) chosen;
        }

        /**
         * Reads the header, the first line that is not blank, if it lies in [from, last); returns where the rows
         * start.
         */
        private int readHeader(int from, int last) {
            Parser probe = new Parser(buffer, delimiter, 0);
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
                        throw NotPlain.INSTANCE;
                    }
                    names.add(name);
                    s = i + 1;
                }
            }
            return names;
        }

        /** Parses the whole lines in [from, last), split among the parsers at line ends, and appends them in order. */
        private void parseBlock(Parser[] parsers, ExecutorService pool, int from, int last)
                throws InterruptedException {
            int parts = pool == null || last - from < PARALLEL_MIN ? 1 : parsers.length;
            int[] bounds = new int[parts + 1];
            bounds[0] = from;
            for (int k = 1; k < parts; k++) {
                int cut = Math.max(bounds[k - 1], from + (int) ((long) (last - from) * k / parts));
                while (cut < last && buffer[cut - 1] != '\n') {
                    cut++;
                }
                bounds[k] = cut;
            }
            bounds[parts] = last;
            List<Future<?>> running = new ArrayList<>();
            for (int k = 1; k < parts; k++) {
                Parser parser = parsers[k];
                int a = bounds[k];
                int b = bounds[k + 1];
                running.add(pool.submit(() -> parser.parse(a, b)));
            }
            parsers[0].parse(bounds[0], bounds[1]);
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof NotPlain) {
                        throw NotPlain.INSTANCE;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            for (int k = 0; k < parts; k++) {
                append(parsers[k]);
            }
        }

        /** Appends one parser's rows to the columns, in order, and moves the line count on. */
        private void append(Parser parser) {
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

    /**
     * Parses a range of whole lines into row-major values; cells that are not plain short numbers (missing cells,
     * text, long numbers) are kept aside as text ({@code null} for missing) with their position. Reused block after
     * block, by one thread at a time.
     */
    private static final class Parser {
        private final byte[] buffer;
        private final byte delimiter;
        private final int columns;
        double[] values = new double[0];
        int[] rowLines = new int[0];
        int rows;
        /** Lines passed, blank ones included. */
        int lineCount;
        long bytes;
        int[] specialCells = new int[16];
        final List<String> specialTexts = new ArrayList<>();
        int specialCount;

        Parser(byte[] buffer, byte delimiter, int columns) {
            this.buffer = buffer;
            this.delimiter = delimiter;
            this.columns = columns;
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
                        throw NotPlain.INSTANCE;
                    }
                }
            }
            return last;
        }

        void parse(int from, int last) {
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
                        throw NotPlain.INSTANCE;
                    }
                    cell(base + j, s, i);
                    j++;
                    s = i + 1;
                }
            }
            if (j != columns) {
                throw NotPlain.INSTANCE;
            }
            rows++;
        }

        private void cell(int index, int from, int end) {
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
            double v = number(from, end);
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

        /**
         * The plain decimal {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} in [from, end) when
         * Clinger's fast path gives it exactly; NaN for anything else (text, or a number the general path reads).
         */
        private double number(int from, int end) {
            int i = from;
            boolean negative = false;
            byte c = buffer[i];
            if (c == '+' || c == '-') {
                negative = c == '-';
                i++;
            }
            long mantissa = 0;
            int significant = 0;
            int digits = 0;
            int scale = 0;
            for (; i < end; i++) {
                int d = buffer[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                digits++;
                if (mantissa != 0 || d != 0) {
                    if (++significant > 18) {
                        return Double.NaN;
                    }
                }
                mantissa = mantissa * 10 + d;
            }
            if (i < end && buffer[i] == '.') {
                i++;
                for (; i < end; i++) {
                    int d = buffer[i] - '0';
                    if (d < 0 || d > 9) {
                        break;
                    }
                    digits++;
                    scale--;
                    if (mantissa != 0 || d != 0) {
                        if (++significant > 18) {
                            return Double.NaN;
                        }
                    }
                    mantissa = mantissa * 10 + d;
                }
            }
            if (digits == 0) {
                return Double.NaN;
            }
            if (i < end && (buffer[i] == 'e' || buffer[i] == 'E')) {
                i++;
                boolean negativeExponent = false;
                if (i < end && (buffer[i] == '+' || buffer[i] == '-')) {
                    negativeExponent = buffer[i] == '-';
                    i++;
                }
                int exponent = 0;
                int exponentDigits = 0;
                for (; i < end; i++) {
                    int d = buffer[i] - '0';
                    if (d < 0 || d > 9 || exponent > 100_000) {
                        return Double.NaN;
                    }
                    exponent = exponent * 10 + d;
                    exponentDigits++;
                }
                if (exponentDigits == 0) {
                    return Double.NaN;
                }
                scale += negativeExponent ? -exponent : exponent;
            }
            if (i != end || mantissa > MAX_EXACT_MANTISSA || scale < -22 || scale > 22) {
                return Double.NaN;
            }
            double v = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
            return negative ? -v : v;
        }
    }
}
