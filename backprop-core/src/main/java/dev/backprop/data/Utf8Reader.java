package dev.backprop.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes strict UTF-8. Unlike {@link java.io.InputStreamReader}, it hands over every character decoded before an
 * invalid byte sequence and throws {@link MalformedInputException} only on the read after, so the caller knows exactly
 * how far the text was good (and on which line it went wrong). Not thread-safe.
 */
final class Utf8Reader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip();
    private boolean endOfInput;
    private boolean flushed;
    private int malformedLength;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !decodeMore()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    /** Refills {@link #chars} with at least one character; false at the end of the text. */
    private boolean decodeMore() throws IOException {
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (malformedLength > 0) {
                    throw new MalformedInputException(malformedLength);
                }
                if (flushed) {
                    return false;
                }
                CoderResult result = decoder.decode(bytes, chars, endOfInput);
                if (result.isError()) {
                    malformedLength = result.length();
                } else if (result.isUnderflow()) {
                    if (endOfInput) {
                        decoder.flush(chars);
                        flushed = true;
                    } else if (chars.position() == 0) {
                        fill();
                    }
                }
            }
            return true;
        } finally {
            chars.flip();
        }
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
