package dev.backprop.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Passes text through while checking that it is text: a byte sequence that is not valid in the decoder's encoding,
 * or a control character other than tab, line feed, carriage return and form feed (NUL, say, as in binary files),
 * becomes an {@link InvalidDataException} naming the line it occurs on. One scan per character.
 *
 * <p>Lines are counted as delivered: {@code \n}, {@code \r\n} and a lone {@code \r} each end one.
 */
final class CheckedReader extends Reader {
    private final Reader in;
    private final String source;
    private long line = 1;
    private boolean afterCarriageReturn;

    /**
     * @param in     decoded text that reports decoding errors after handing over the text before them, as
     *               {@link Utf8Reader} does
     * @param source the file name, for messages
     */
    CheckedReader(Reader in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(source, line, null,
                    "is not UTF-8 text (an invalid byte sequence); save the file as UTF-8");
        }
        for (int i = offset; i < offset + n; i++) {
            char c = buffer[i];
            if (c == '\n') {
                if (!afterCarriageReturn) {
                    line++;
                }
                afterCarriageReturn = false;
            } else if (c == '\r') {
                line++;
                afterCarriageReturn = true;
            } else {
                afterCarriageReturn = false;
                if (c < 0x20 && c != '\t' && c != '\f') {
                    throw new InvalidDataException(source, line, null, String.format(java.util.Locale.ROOT,
                            "contains the control character 0x%02x, so it is binary data, not a text data file",
                            (int) c));
                }
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
