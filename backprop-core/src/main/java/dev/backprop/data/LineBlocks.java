package dev.backprop.data;

import dev.backprop.linalg.MemoryBudget;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file read in blocks of whole lines into one reused buffer: each block ends after its last line feed (the last
 * block at the end of the file), and the partial line after it starts the next block. A leading UTF-8 byte-order mark
 * is skipped. Not thread-safe.
 */
final class LineBlocks {
    private final FileChannel channel;
    private final long size;
    private final byte[] buffer;
    private final boolean byteOrderMark;
    private int filled;
    private int from;
    private int last;
    private boolean end;
    private boolean started;

    /**
     * Reads the first block.
     *
     * @param blockSize the buffer's size in bytes: a line must fit in one block
     */
    LineBlocks(FileChannel channel, int blockSize) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        buffer = new byte[(int) Math.min(blockSize, size + 1)];
        filled = fill(0);
        end = filled < buffer.length;
        byteOrderMark = filled >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF;
        from = byteOrderMark ? 3 : 0;
    }

    /** The buffer the blocks are read into. */
    byte[] buffer() {
        return buffer;
    }

    /** The file's length in bytes. */
    long size() {
        return size;
    }

    /** Whether the file starts with a byte-order mark. */
    boolean byteOrderMark() {
        return byteOrderMark;
    }

    /** How many bytes of the file the buffer holds now (before the first {@link #next()}: the file's first bytes). */
    int filled() {
        return filled;
    }

    /**
     * Moves to the next block of whole lines, [{@link #from()}, {@link #last()}) of the buffer.
     *
     * @return {@code false} once the file is done
     * @throws NotPlainText if a line is longer than a block
     */
    boolean next() throws IOException {
        if (started) {
            if (end) {
                return false;
            }
            int rest = filled - last;
            System.arraycopy(buffer, last, buffer, 0, rest);
            filled = fill(rest);
            end = filled < buffer.length;
            from = 0;
        }
        started = true;
        last = end ? filled : lastLineEnd();
        if (last < 0) {
            throw NotPlainText.INSTANCE;
        }
        return true;
    }

    /** Where the current block's lines start. */
    int from() {
        return from;
    }

    /** Where the current block's lines end (after a line feed, or at the end of the file). */
    int last() {
        return last;
    }

    /**
     * The rows the whole file holds, estimated from the first {@code rows} rows' {@code bytes}, after a check that
     * {@code columns} columns of that many doubles fit the heap: a file the heap cannot hold is refused before its
     * columns grow, never ending in an OutOfMemoryError.
     *
     * @throws dev.backprop.linalg.TooLargeException naming the estimate and the size it needs
     */
    long expectedRows(int rows, long bytes, int columns, String source) {
        long expected = (long) (rows * ((double) size / Math.max(1, bytes)) * 1.02) + 16;
        MemoryBudget.heap().require(MemoryBudget.doubles(MemoryBudget.times(expected, columns)), source
                + ": about " + MemoryBudget.count(expected) + " rows x " + MemoryBudget.count(columns)
                + " columns (from the first " + MemoryBudget.count(rows) + " rows' length)", "", "read fewer rows");
        return expected;
    }

    private int fill(int at) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, at, buffer.length - at);
        while (target.hasRemaining() && channel.read(target) >= 0) {
            // read until full or at the end of the file
        }
        return target.position();
    }

    private int lastLineEnd() {
        for (int i = filled - 1; i >= 0; i--) {
            if (buffer[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }
}
