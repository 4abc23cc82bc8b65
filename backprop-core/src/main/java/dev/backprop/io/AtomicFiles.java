package dev.backprop.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a crash at any instant leaves either the old file or the complete new one: the bytes go to a
 * temporary file in the same directory, are forced to disk, and the temporary file is then renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes what {@code writer} produces to {@code target}, atomically.
     *
     * @param target the destination; its directory must exist
     * @param writer writes the content to the stream it is given (a temporary file, moved onto {@code target} when complete)
     * @throws IOException if writing or the move fails; {@code target} is then unchanged and the temporary file removed
     */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        try {
            permitReading(temp, absolute);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A temporary file is created readable by its owner only; the finished file should read like any other the user
     * creates: the old file's permissions if it is replaced, otherwise rw-r--r--.
     */
    private static void permitReading(Path temp, Path target) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /**
     * Writes the given text as UTF-8 to {@code target}, atomically.
     *
     * @param target the destination; its directory must exist
     * @param text   the content
     * @throws IOException if writing or the move fails; {@code target} is then unchanged
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Produces a file's bytes. */
    @FunctionalInterface
    public interface ContentWriter {
        /**
         * Writes the content to {@code out}, which it must not close.
         *
         * @param out the temporary file's stream
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }
}
