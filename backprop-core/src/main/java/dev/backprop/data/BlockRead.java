package dev.backprop.data;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * The loop both byte readers ({@link PlainCsvReader}, {@link PlainArffReader}) run over a file's blocks of whole
 * lines: the header's lines first, then the rows, parsed in parts on every core ({@link ParallelBlocks}) and appended
 * in the file's order. A subclass says what its header is, how a part parses rows and where parsed rows go.
 *
 * @param <P> a part's parser of rows
 */
abstract class BlockRead<P extends ParallelBlocks.Part> {
    /**
     * Reads every block of {@code blocks} (whose buffer is {@code buffer}).
     *
     * @throws NotPlainText if the reading thread is interrupted (the general reader then reads the file)
     * @throws IOException  if reading the file fails
     */
    final void readBlocks(LineBlocks blocks, byte[] buffer) throws IOException {
        ParallelBlocks<P> parts = null;
        try {
            while (blocks.next()) {
                int from = blocks.from();
                int last = blocks.last();
                if (!headerRead()) {
                    from = readHeader(from, last);
                }
                if (headerRead()) {
                    if (parts == null) {
                        parts = new ParallelBlocks<>(buffer, parts(), blocks.size());
                    }
                    for (P part : parts.parse(from, last)) {
                        append(part);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NotPlainText.INSTANCE;
        } finally {
            if (parts != null) {
                parts.close();
            }
        }
    }

    /** Whether the header has been read to its end (the rows start after it). */
    abstract boolean headerRead();

    /** Reads header lines in [from, last); returns where the rows start, or {@code last} if the header goes on. */
    abstract int readHeader(int from, int last);

    /** A new part's parser of rows, once the header is read. */
    abstract Supplier<P> parts();

    /** Takes a part's parsed rows, in the file's order. */
    abstract void append(P part);
}
