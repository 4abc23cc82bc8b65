package dev.backprop.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens data files as strictly decoded, checked UTF-8 text. */
final class TextFiles {
    private TextFiles() {
    }

    /**
     * A reader of {@code file}'s text that refuses invalid UTF-8 and binary data (see {@link CheckedReader}).
     *
     * @throws InvalidDataException if the file does not exist, is a directory or cannot be read for lack of permission
     * @throws UncheckedIOException on any other failure to open it
     */
    static Reader open(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidDataException(source, 0, null, "is a directory, not a data file");
        }
        try {
            return new CheckedReader(new Utf8Reader(Files.newInputStream(file)), source);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(source, 0, null, "no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidDataException(source, 0, null, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@link InvalidDataException} that {@code e} carries somewhere in its causes (libraries such as FastCSV wrap
     * what a reader throws), or {@code null}.
     */
    static InvalidDataException invalidDataCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidDataException found) {
                return found;
            }
        }
        return null;
    }
}
