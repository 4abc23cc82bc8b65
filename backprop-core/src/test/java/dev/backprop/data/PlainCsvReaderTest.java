package dev.backprop.data;

import dev.backprop.linalg.TooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The byte-level reader against the general one ({@link CsvFrameReader} over FastCSV): same frames, same errors. */
class PlainCsvReaderTest {
    /** Cells that exercise each branch: fast numbers, long and overflowing ones, exponents, missing, text. */
    private static final String[] CELLS = {
        "1", "-0", "0.5", ".5", "5.", "+2", "1e-5", "1E+3", "2.5e22", "7e23", "1e-400", "1e400",
        "3.14159265358979323846", "12345678901234567890", "9007199254740993", "0.1000000000000000055511151231257827",
        "", " 7 ", "\t8", "?", "NA", "NaN", "inf", "abc", "-", "e5", "1e", "1.2.3", "0x1p3", "1d"};

    @TempDir
    Path dir;

    private Frame general(String text, Character delimiter) {
        return CsvFrameReader.readWith(new StringReader(text), dir.resolve("t.csv").toString(),
                new ReadOptions(null, delimiter));
    }

    private Path write(String text, boolean bom) throws IOException {
        Path file = dir.resolve("t.csv");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bom) {
            byte[] marked = new byte[bytes.length + 3];
            marked[0] = (byte) 0xEF;
            marked[1] = (byte) 0xBB;
            marked[2] = (byte) 0xBF;
            System.arraycopy(bytes, 0, marked, 3, bytes.length);
            bytes = marked;
        }
        Files.write(file, bytes);
        return file;
    }

    /** The frame, or the message of the refusal. */
    private static Object outcome(java.util.function.Supplier<Frame> read) {
        try {
            return read.get();
        } catch (InvalidDataException e) {
            return e.getMessage();
        }
    }

    @Test
    void randomFilesReadAsTheGeneralReaderReadsThem() throws IOException {
        SplittableRandom random = new SplittableRandom(16);
        int plain = 0;
        int refused = 0;
        for (int run = 0; run < 400; run++) {
            char delimiter = ",;\t".charAt(random.nextInt(3));
            boolean given = random.nextBoolean();
            int columns = 1 + random.nextInt(4);
            int rows = 1 + random.nextInt(12);
            String end = random.nextBoolean() ? "\n" : "\r\n";
            // Most columns hold one kind of cell (numbers, or text), some a mix, so every typing rule is met.
            int numbersOnly = random.nextInt(3);
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < columns; j++) {
                text.append(j == 0 ? "" : delimiter).append("c").append(j);
            }
            text.append(end);
            for (int i = 0; i < rows; i++) {
                if (random.nextInt(8) == 0) {
                    text.append(random.nextBoolean() ? "" : "  ").append(end);
                }
                for (int j = 0; j < columns; j++) {
                    String cell = numbersOnly > 0 && random.nextInt(6) > 0
                            ? String.format(Locale.ROOT, "%.6g", random.nextDouble() * 100)
                            : CELLS[random.nextInt(CELLS.length)];
                    text.append(j == 0 ? "" : delimiter).append(cell);
                }
                if (i < rows - 1 || random.nextBoolean()) {
                    text.append(end);
                }
            }
            boolean bom = random.nextInt(5) == 0;
            Path file = write(text.toString(), bom);
            Character option = given ? delimiter : null;
            Object expected = outcome(() -> general((bom ? "\uFEFF" : "") + text, option));
            Object actual = outcome(() -> DataFiles.read(file, new ReadOptions(null, option)));
            assertThat(actual).as("run %d:%n%s", run, text).isEqualTo(expected);
            // null: the byte reader left the file to the general reader
            if (outcome(() -> PlainCsvReader.read(file, file.toString(), new ReadOptions(null, option))) != null) {
                plain++;
            }
            if (expected instanceof String) {
                refused++;
            }
        }
        // The byte reader read (or refused) most files itself; some files were refused, in the general reader's words.
        assertThat(plain).isGreaterThan(250);
        assertThat(refused).isGreaterThan(20);
    }

    @Test
    void aFileOfManyBlocksIsReadOnEveryCoreInRowOrder() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder text = new StringBuilder("x,y,z\n");
        int rows = 400_000;
        for (int i = 0; i < rows; i++) {
            text.append(String.format(Locale.ROOT, "%.6g", random.nextDouble())).append(',')
                    .append(i).append(',').append(i % 1000 == 0 ? "" : String.format(Locale.ROOT, "%.3e",
                            random.nextDouble() * 1e-3)).append('\n');
        }
        assertThat(text.length()).isGreaterThan(9 << 20);
        Path file = write(text.toString(), false);
        Frame expected = general(text.toString(), null);
        Frame frame = PlainCsvReader.read(file, file.toString(), ReadOptions.DEFAULT);
        assertThat(frame).isEqualTo(expected);
        assertThat(frame.rows()).isEqualTo(rows);
        assertThat(frame.line(rows - 1)).isEqualTo(rows + 1);
        assertThat(((NumericColumn) frame.column("y")).value(rows - 1)).isEqualTo(rows - 1);
        assertThat(frame.column("z").isMissing(0)).isTrue();
    }

    @Test
    void aFileWhoseColumnsCannotFitTheHeapIsRefusedAfterItsFirstBlock() throws IOException {
        StringBuilder text = new StringBuilder("x,y,z\n");
        while (text.length() < 9 << 20) {
            text.append("0.123456,0.654321,0.5\n");
        }
        Path file = write(text.toString(), false);
        // The rest of the file is a hole: 64 GB of 22-byte rows would be about 3.1 billion rows x 3 doubles (71 GB),
        // refused before it is read.
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(64L << 30);
        }
        assertThatThrownBy(() -> DataFiles.read(file)).isInstanceOf(TooLargeException.class)
                .hasMessageStartingWith(file + ": about 3,1")
                .hasMessageContaining(" rows x 3 columns (from the first ")
                .hasMessageContaining(" needs ")
                .hasMessageEndingWith("; read fewer rows");
    }

    @Test
    void aWideFileOfOneRowReservesThatRowNotAThousand() throws IOException {
        // 100,000 columns and one row: 400 KB of text. The row buffer was sized for 1,024 rows of it (819 MB) before
        // the first was read; the thread allocating the read is counted in bytes, not timed.
        int columns = 100_000;
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < columns; j++) {
            text.append(j == 0 ? "" : ",").append('c').append(j);
        }
        text.append('\n');
        for (int j = 0; j < columns; j++) {
            text.append(j == 0 ? "" : ",").append(j % 10);
        }
        Path file = write(text.append('\n').toString(), false);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Frame frame = DataFiles.read(file);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(frame.rows()).isEqualTo(1);
        assertThat(((NumericColumn) frame.column("c99999")).value(0)).isEqualTo(9);
        assertThat(allocated).as("bytes allocated reading %d bytes", text.length()).isLessThan(128L << 20);
    }

    @Test
    void leavesQuotesTextBeyondAsciiAndControlCharactersToTheGeneralReader() throws IOException {
        for (String text : new String[] {"a,b\n\"1\",2\n", "a,b\nné,2\n", "a,b\n1,2\u0000\n", "a,b\n1\r2,3\n",
                "a,b\n1,2,3\n", "a,a\n1,2\n", "", "a,b\n"}) {
            Path file = write(text, false);
            assertThat(PlainCsvReader.read(file, file.toString(), ReadOptions.DEFAULT)).as(text).isNull();
            assertThat(outcome(() -> DataFiles.read(file))).as(text)
                    .isEqualTo(outcome(() -> CsvFrameReader.readWith(TextFiles.open(file), file.toString(),
                            ReadOptions.DEFAULT)));
        }
    }

    @Test
    void aNumericColumnWithTextIsRefusedAtThatCellAsBefore() throws IOException {
        Path file = write("x,y\n1,2\n3,4\n5,oops\n7,8\n", false);
        assertThat(outcome(() -> DataFiles.read(file))).isEqualTo(file + ": line 4, column 'y': 'oops' is not a "
                + "number, but 3 of the column's 4 values are: fix the cell, leave it empty (a missing value, see "
                + "--missing), or declare the column categorical with --categorical y");
    }
}
