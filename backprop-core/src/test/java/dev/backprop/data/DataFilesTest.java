package dev.backprop.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void choosesTheReaderByExtension() throws IOException {
        assertThat(DataFormat.of(Path.of("a/b.ARFF"))).isEqualTo(DataFormat.ARFF);
        assertThat(DataFormat.of(Path.of("b.tsv"))).isEqualTo(DataFormat.TSV);
        assertThat(DataFormat.of(Path.of("b.csv"))).isEqualTo(DataFormat.CSV);
        assertThat(DataFormat.of(Path.of("b.data"))).isEqualTo(DataFormat.CSV);
        Path tsv = write("t.tsv", "a\tb,c\n1\tx,5\n");
        assertThat(DataFiles.read(tsv).names()).containsExactly("a", "b,c");
        Path arff = write("t.arff", "@relation r\n@attribute a numeric\n@data\n1\n");
        assertThat(DataFiles.read(arff).rows()).isEqualTo(1);
    }

    /** A Parquet file was read as CSV and refused for its binary bytes; it is named for what it is. */
    @Test
    void aParquetFileIsRefusedAsParquetUnlessReadAsText() throws IOException {
        Path parquet = write("t.parquet", "PAR1\u0015\u0000PAR1");
        assertThatThrownBy(() -> DataFiles.read(parquet)).isInstanceOf(InvalidDataException.class)
                .hasMessage(parquet + ": is a Parquet file: backprop reads CSV, TSV and ARFF (backprop-spark reads "
                        + "Parquet; --data-format csv reads a text file of this name)");
        Path text = write("named.parquet", "a,b\n1,2\n");
        assertThat(DataFiles.read(text, ReadOptions.DEFAULT.withFormat(DataFormat.CSV)).names())
                .containsExactly("a", "b");
    }

    @Test
    void theFormatAndDelimiterCanBeOverridden() throws IOException {
        Path arffAsTxt = write("t.txt", "@relation r\n@attribute a numeric\n@data\n1\n");
        assertThat(DataFiles.read(arffAsTxt, ReadOptions.DEFAULT.withFormat(DataFormat.ARFF)).names())
                .containsExactly("a");
        Path semicolons = write("t.csv", "a;b,c\n1;x,3\n");
        char semicolon = ReadOptions.parseDelimiter("semicolon");
        Frame f = DataFiles.read(semicolons, ReadOptions.DEFAULT.withDelimiter(semicolon));
        assertThat(f.names()).containsExactly("a", "b,c");
        assertThatThrownBy(() -> new ReadOptions(DataFormat.ARFF, ','))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a delimiter applies to CSV and TSV files, not ARFF");
    }

    @Test
    void verbatimColumnsKeepTheirTextInBothReaders() throws IOException {
        String rows = "id,x\n007,1\n7,2\n1.0,3\n1,4\n,5\n 2e1 ,6\nNA,7\n?,8\n";
        ReadOptions verbatim = ReadOptions.DEFAULT.withVerbatim(Set.of("id"));
        // The plain file goes to the byte reader, the one with a quoted cell to the general reader.
        for (Path file : List.of(write("plain.csv", rows), write("quoted.csv", rows.replace("1.0,", "\"1.0\",")))) {
            CategoricalColumn ids = (CategoricalColumn) DataFiles.read(file, verbatim).column("id");
            assertThat(ids.levels()).as(file.toString()).containsExactly("007", "7", "1.0", "1", "2e1", "NA", "?");
            assertThat(ids.rawCodes()).containsExactly(0, 1, 2, 3, -1, 4, 5, 6);
            CategoricalColumn labelled = (CategoricalColumn) DataFiles.read(file,
                    ReadOptions.DEFAULT.withCategorical(Set.of("id"))).column("id");
            assertThat(labelled.levels()).containsExactly("7", "1", "20");
        }
    }

    @Test
    void parsesDelimiterNames() {
        assertThat(ReadOptions.parseDelimiter("TAB")).isEqualTo('\t');
        assertThat(ReadOptions.parseDelimiter("\\t")).isEqualTo('\t');
        assertThat(ReadOptions.parseDelimiter(";")).isEqualTo(';');
        assertThat(ReadOptions.parseDelimiter("pipe")).isEqualTo('|');
        assertThatThrownBy(() -> ReadOptions.parseDelimiter("\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown delimiter '\"' (allowed: a single character, or comma, tab, semicolon, pipe, "
                        + "space)");
    }

    @Test
    void refusesADirectoryAndAMissingFile() {
        assertThatThrownBy(() -> DataFiles.read(dir))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(dir + ": is a directory, not a data file");
        Path none = dir.resolve("none.csv");
        assertThatThrownBy(() -> DataFiles.read(none))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(none + ": no such file");
    }

    @Test
    void refusesTextThatIsNotUtf8WithItsLine() throws IOException {
        byte[] latin1 = "a,b\n1,x\n2,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path csv = write("latin1.csv", latin1);
        assertThatThrownBy(() -> DataFiles.read(csv))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(csv + ": line 3: is not UTF-8 text (an invalid byte sequence); save the file as UTF-8");
        Path arff = write("latin1.arff", "@relation r\n@attribute c {caf\u00e9}\n@data\n".getBytes(
                StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> DataFiles.read(arff))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(arff + ": line 2: is not UTF-8 text (an invalid byte sequence); save the file as UTF-8");
    }

    @Test
    void refusesUtf16() throws IOException {
        Path csv = write("utf16.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> DataFiles.read(csv))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void refusesBinaryData() throws IOException {
        Path csv = write("binary.csv", new byte[] {'a', ',', 'b', '\n', '1', ',', 0, 0, 0, '\n'});
        assertThatThrownBy(() -> DataFiles.read(csv))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(csv + ": line 2: contains the control character 0x00, so it is binary data, not a text "
                        + "data file");
        byte[] garbage = new byte[4096];
        new java.util.SplittableRandom(7).nextBytes(garbage);
        Path random = write("garbage.arff", garbage);
        assertThatThrownBy(() -> DataFiles.read(random))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(random + ": line ");
    }

    @Test
    void refusesAFieldLongerThanSixteenMebicharacters() throws IOException {
        Path csv = dir.resolve("long.csv");
        try (Writer w = Files.newBufferedWriter(csv)) {
            w.write("a,b\n1,2\n3,");
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 260; i++) {
                w.write(chunk);
            }
            w.write('\n');
        }
        assertThatThrownBy(() -> DataFiles.read(csv))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(csv + ": line 3: not valid CSV: The maximum buffer size of 16777216 is "
                        + "insufficient");
    }

    @Test
    void refusesAnArffLineLongerThanSixteenMebicharacters() throws IOException {
        Path arff = dir.resolve("long.arff");
        try (Writer w = Files.newBufferedWriter(arff)) {
            w.write("@relation r\n@attribute a numeric\n@data\n");
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, '1');
            for (int i = 0; i < 260; i++) {
                w.write(chunk);
            }
        }
        assertThatThrownBy(() -> DataFiles.read(arff))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(arff + ": line 4: the line is longer than 16777216 characters; is this really a data "
                        + "file?");
    }

    @Test
    void crlfAndLoneCarriageReturnsCountLines() throws IOException {
        Path csv = write("cr.csv", "a,b\r1,y\r3,x\r");
        Frame f = DataFiles.read(csv);
        assertThat(f.rows()).isEqualTo(2);
        assertThat(f.line(1)).isEqualTo(3);
        Path arff = write("crlf.arff", "@relation r\r\n@attribute a numeric\r\n@data\r\n1\r\nx\r\n");
        assertThatThrownBy(() -> DataFiles.read(arff))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(arff + ": line 5, column 'a': 'x' is not a number (the attribute is declared numeric)");
    }
}
