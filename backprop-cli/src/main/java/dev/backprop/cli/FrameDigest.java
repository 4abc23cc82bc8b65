package dev.backprop.cli;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.Column;
import dev.backprop.data.Frame;
import dev.backprop.data.NumericColumn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of what a frame holds, as read: each column's name and kind, then its cells in row order (a number's
 * IEEE 754 bits, every NaN alike, or a label's category and the categories' names). Two frames with the same digest
 * hold the same rows, so {@code tune} names its data by this rather than by a path whose file may have been edited.
 */
final class FrameDigest {
    private static final int CHUNK = 8192;

    private final MessageDigest sha256;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);

    private FrameDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The digest of {@code frame}'s columns and cells, as 64 lower-case hexadecimal digits. */
    static String of(Frame frame) {
        FrameDigest digest = new FrameDigest();
        digest.putInt(frame.rows());
        for (Column column : frame.columns()) {
            digest.putText(column.name());
            if (column instanceof NumericColumn numbers) {
                digest.putInt(0);
                for (int row = 0; row < numbers.size(); row++) {
                    digest.putLong(Double.doubleToLongBits(numbers.value(row)));
                }
            } else {
                CategoricalColumn labels = (CategoricalColumn) column;
                digest.putInt(labels.levels().size());
                for (String level : labels.levels()) {
                    digest.putText(level);
                }
                for (int row = 0; row < labels.size(); row++) {
                    digest.putInt(labels.code(row));
                }
            }
        }
        return digest.hex();
    }

    /** A text by its length and UTF-8 bytes, so that names never run into one another. */
    private void putText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        flush();
        sha256.update(bytes);
    }

    private void putInt(int value) {
        if (buffer.remaining() < Integer.BYTES) {
            flush();
        }
        buffer.putInt(value);
    }

    private void putLong(long value) {
        if (buffer.remaining() < Long.BYTES) {
            flush();
        }
        buffer.putLong(value);
    }

    private void flush() {
        sha256.update(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    private String hex() {
        flush();
        return HexFormat.of().formatHex(sha256.digest());
    }
}
