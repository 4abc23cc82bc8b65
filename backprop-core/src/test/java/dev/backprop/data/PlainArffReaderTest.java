package dev.backprop.data;

import dev.backprop.linalg.TooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The byte-level ARFF reader against the general one ({@link ArffReader} over its tokenizer): same frames, errors. */
class PlainArffReaderTest {
    /** Numeric cells that exercise each branch: fast numbers, long and overflowing ones, missing, text, quotes. */
    private static final String[] NUMBERS = {
        "1", "-0", "0.5", ".5", "5.", "+2", "1e-5", "1E+3", "2.5e22", "7e23", "1e-400", "1e400",
        "3.14159265358979323846", "12345678901234567890", "9007199254740993", " 7 ", "\t8", "\f9", "?", " ? ", "",
        "NaN", "inf", "Infinity", "abc", "-", "e5", "1.2.3", "0x1p3", "1d", "1 2", "'3'", "\"4\"", "'?'", "é", "a\u0000"};
    /** Nominal cells: declared values (one of them numeric-looking, one with a space), others, missing, quotes. */
    private static final String[] NOMINALS = {
        "a", "b", "c d", "1", " a ", "?", "", "A", "z", "'a'", "'c d'", "\"b\"", "'?'", "a b"};
    /** Rows of another shape: sparse rows, instance weights, too few or too many values. */
    private static final String[] ODD_ROWS = {"{0 1}", "{}", "1,a,2,{3}", "1", "1,a,2,3,4", "  ", "% only a comment"};

    @TempDir
    Path dir;

    private Path write(String text, boolean bom) throws IOException {
        Path file = dir.resolve("t.arff");
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

    /** What the general reader makes of {@code file}, as {@link DataFiles} read ARFF before the byte reader. */
    private static Object general(Path file) {
        return outcome(() -> {
            try (java.io.Reader reader = TextFiles.open(file)) {
                return ArffReader.read(reader, file.toString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The frame, or the message of the refusal. */
    private static Object outcome(Supplier<Frame> read) {
        try {
            return read.get();
        } catch (InvalidDataException e) {
            return e.getMessage();
        }
    }

    private static String header(SplittableRandom random, String end) {
        String space = random.nextBoolean() ? " " : "\t";
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append("% a comment 'with a quote' and {braces}").append(end);
        }
        text.append(random.nextBoolean() ? "@relation" : "@RELATION").append(space).append("'the r'").append(end);
        text.append(random.nextBoolean() ? "" : end);
        text.append("@attribute").append(space).append("x").append(space).append("numeric").append(end);
        text.append("@attribute").append(space).append("'the c'").append(space).append("{a, b, 'c d', 1}")
                .append(end);
        text.append("@ATTRIBUTE").append(space).append("y").append(space).append("REAL % units").append(end);
        text.append("@attribute").append(space).append("z").append(space).append("integer").append(end);
        return text.append(random.nextBoolean() ? "@data" : "@DATA % rows follow").append(end).toString();
    }

    @Test
    void randomFilesReadAsTheGeneralReaderReadsThem() throws IOException {
        SplittableRandom random = new SplittableRandom(16);
        int plain = 0;
        int refused = 0;
        for (int run = 0; run < 500; run++) {
            String end = random.nextBoolean() ? "\n" : "\r\n";
            int rows = 1 + random.nextInt(12);
            // Most files hold only ordinary cells, so most are the byte reader's; the rest meet every rule once.
            int oddness = random.nextInt(4);
            StringBuilder text = new StringBuilder(header(random, end));
            for (int i = 0; i < rows; i++) {
                if (random.nextInt(8) == 0) {
                    text.append(random.nextBoolean() ? "" : "  % a comment line").append(end);
                }
                if (oddness == 3 && random.nextInt(6) == 0) {
                    text.append(ODD_ROWS[random.nextInt(ODD_ROWS.length)]);
                } else {
                    for (int j = 0; j < 4; j++) {
                        boolean odd = oddness > 0 && random.nextInt(8 - 2 * oddness) == 0;
                        String cell = j == 1 ? (odd ? NOMINALS[random.nextInt(NOMINALS.length)]
                                : NOMINALS[random.nextInt(4)])
                                : odd ? NUMBERS[random.nextInt(NUMBERS.length)]
                                : String.format(Locale.ROOT, "%.6g", (random.nextDouble() - 0.3) * 100);
                        text.append(j == 0 ? "" : random.nextBoolean() ? "," : ", ").append(cell);
                    }
                }
                if (random.nextInt(10) == 0) {
                    text.append(random.nextBoolean() ? " % a trailing 'comment'" : "%");
                }
                if (i < rows - 1 || random.nextBoolean()) {
                    text.append(end);
                }
            }
            boolean bom = random.nextInt(5) == 0;
            Path file = write(text.toString(), bom);
            Object expected = general(file);
            Object actual = outcome(() -> DataFiles.read(file));
            assertThat(actual).as("run %d:%n%s", run, text).isEqualTo(expected);
            // null: the byte reader left the file to the general reader
            if (outcome(() -> PlainArffReader.read(file, file.toString())) != null) {
                plain++;
            }
            if (expected instanceof String) {
                refused++;
            }
        }
        // The byte reader read (or refused) most files itself; some files were refused, in the general reader's words.
        assertThat(plain).isGreaterThan(250);
        assertThat(refused).isGreaterThan(50);
    }

    @Test
    void theBundledArffFilesReadAsBefore() throws IOException {
        int plain = 0;
        for (String name : new String[] {"iris.arff", "vote.arff", "weather.nominal.arff", "cpu.arff"}) {
            Path file = SharedData.file(name);
            assertThat(outcome(() -> DataFiles.read(file))).as(name).isEqualTo(general(file));
            if (PlainArffReader.read(file, file.toString()) != null) {
                plain++;
            }
        }
        // vote.arff quotes its values ('y', 'n'), so the general reader reads it; the other three are plain.
        assertThat(plain).isEqualTo(3);
    }

    @Test
    void aFileOfManyBlocksIsReadOnEveryCoreInRowOrder() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder text = new StringBuilder("@relation r\n@attribute x numeric\n@attribute y numeric\n"
                + "@attribute c {lo, hi}\n@data\n");
        int rows = 520_000;
        for (int i = 0; i < rows; i++) {
            text.append(String.format(Locale.ROOT, "%.6g", random.nextDouble())).append(',').append(i).append(',')
                    .append(i % 1000 == 0 ? "?" : i % 3 == 0 ? "hi" : "lo").append('\n');
        }
        assertThat(text.length()).isGreaterThan(9 << 20);
        Path file = write(text.toString(), false);
        Frame frame = PlainArffReader.read(file, file.toString());
        assertThat(frame).isEqualTo(general(file));
        assertThat(frame.rows()).isEqualTo(rows);
        assertThat(frame.line(rows - 1)).isEqualTo(rows + 5);
        assertThat(((NumericColumn) frame.column("y")).value(rows - 1)).isEqualTo(rows - 1);
        assertThat(((CategoricalColumn) frame.column("c")).codes()[3]).isEqualTo(1);
        assertThat(frame.column("c").isMissing(0)).isTrue();
    }

    @Test
    void aFileWhoseColumnsCannotFitTheHeapIsRefusedAfterItsFirstBlock() throws IOException {
        StringBuilder text = new StringBuilder("@relation r\n@attribute x numeric\n@attribute y numeric\n@data\n");
        while (text.length() < 9 << 20) {
            text.append("0.123456,0.654321\n");
        }
        Path file = write(text.toString(), false);
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(64L << 30);
        }
        assertThatThrownBy(() -> DataFiles.read(file)).isInstanceOf(TooLargeException.class)
                .hasMessageStartingWith(file + ": about 3,8")
                .hasMessageContaining(" rows x 2 columns (from the first ")
                .hasMessageEndingWith("; read fewer rows");
    }

    @Test
    void aValueNotDeclaredIsRefusedAtItsLineAsBefore() throws IOException {
        Path file = write("@relation r\n@attribute x numeric\n@attribute c {a, b}\n@data\n1,a\n% note\n2,q\n", false);
        String message = file + ": line 7, column 'c': 'q' is not one of the values declared for this attribute: {a, b}";
        assertThat(outcome(() -> PlainArffReader.read(file, file.toString()))).isEqualTo(message);
        assertThat(general(file)).isEqualTo(message);
    }
}
