package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf8ReaderTest {
    private static String readAll(Reader reader, int chunk) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buffer = new char[chunk];
        int n;
        while ((n = reader.read(buffer, 0, chunk)) >= 0) {
            sb.append(buffer, 0, n);
        }
        return sb.toString();
    }

    @Test
    void decodesMultiByteCharactersAcrossBufferBoundaries() throws IOException {
        String text = "é€😀x".repeat(50_000);
        for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
            Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            assertThat(readAll(reader, chunk)).isEqualTo(text);
        }
    }

    @Test
    void handsOverTheGoodTextBeforeAnInvalidByte() throws IOException {
        byte[] bytes = {'a', 'b', '\n', 'c', (byte) 0xff, 'd'};
        Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(bytes));
        char[] buffer = new char[100];
        assertThat(reader.read(buffer, 0, 100)).isEqualTo(4);
        assertThatThrownBy(() -> reader.read(buffer, 0, 100)).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void aTruncatedSequenceAtTheEndIsMalformed() {
        byte[] bytes = {'a', (byte) 0xe2, (byte) 0x82};
        Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(bytes));
        assertThatThrownBy(() -> readAll(reader, 100)).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void theCheckedReaderNamesTheLineOfAnInvalidByteFarIntoTheFile() {
        StringBuilder sb = new StringBuilder("a\n");
        for (int i = 0; i < 30_000; i++) {
            sb.append(i).append('\n');
        }
        byte[] good = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 2);
        bytes[good.length] = (byte) 0xc3;
        bytes[good.length + 1] = '\n';
        Reader reader = new CheckedReader(new Utf8Reader(new ByteArrayInputStream(bytes)), "f.csv");
        assertThatThrownBy(() -> CsvFrameReader.read(reader, "f.csv", null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("f.csv: line 30002: is not UTF-8 text (an invalid byte sequence); save the file as UTF-8");
    }
}
