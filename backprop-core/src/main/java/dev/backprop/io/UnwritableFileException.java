package dev.backprop.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be written where the caller asked: a missing or read-only directory, a directory in the file's
 * place, a name too long, a full disk. The message names the path the caller gave, never a temporary file.
 */
public final class UnwritableFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The path as the caller gave it. */
    private final transient Path file;

    /**
     * An exception whose message is {@code "cannot write FILE: REASON"}.
     *
     * @param file   the path as the caller gave it
     * @param reason why, in lower case, without a file name
     * @param cause  the failure behind it, or null
     */
    public UnwritableFileException(Path file, String reason, Throwable cause) {
        super("cannot write " + (file.toString().isEmpty() ? "''" : file) + ": " + reason, cause);
        this.file = file;
    }

    /**
     * The path as the caller gave it.
     *
     * @return the path named in the message
     */
    public Path file() {
        return file;
    }
}
