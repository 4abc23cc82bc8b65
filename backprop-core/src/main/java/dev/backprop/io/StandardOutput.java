package dev.backprop.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream over one of the process's standard descriptors, where a reader that went away is no error: once a write
 * finds the pipe closed ({@code backprop predict ... | head}), the rest of the output is discarded, as the reader
 * asked. Every other failure (a full disk) is passed on, so a {@link java.io.PrintStream} over it reports it by
 * {@code checkError()}. Closing it flushes it and leaves the descriptor open: the process still owns it.
 */
public final class StandardOutput extends FilterOutputStream {
    private boolean readerGone;

    /**
     * @param out the descriptor's stream, such as {@code new FileOutputStream(FileDescriptor.out)}
     */
    public StandardOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (readerGone) {
            return;
        }
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            // Java has no error code for EPIPE; "Broken pipe" is the text the JDK gives it on Linux and macOS.
            if (!"Broken pipe".equals(e.getMessage())) {
                throw e;
            }
            readerGone = true;
        }
    }

    @Override
    public void flush() throws IOException {
        if (!readerGone) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
