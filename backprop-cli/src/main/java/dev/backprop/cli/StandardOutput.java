package dev.backprop.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The process's standard output, where a reader that went away is no error: once a write finds the pipe closed
 * ({@code backprop predict ... | head}), the rest of the output is discarded, as the reader asked. Every other
 * failure (a full disk) is passed on, so the {@link java.io.PrintStream} over it reports it by
 * {@code checkError()}.
 */
final class StandardOutput extends FilterOutputStream {
    private boolean readerGone;

    StandardOutput(OutputStream out) {
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
}
