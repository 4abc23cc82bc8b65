package dev.backprop.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Writes files so that a crash at any instant leaves either the old file or the complete new one: the bytes go to a
 * temporary file in the same directory, are forced to disk, and the temporary file is then renamed over the target.
 *
 * <p>A symbolic link is followed: its final target is replaced and the link kept. A device or FIFO ({@code /dev/null},
 * a named pipe) is written in place, as a shell redirection would; a rename would put a regular file in its place.
 * So is one of the process's own descriptors ({@code /dev/stdout}, {@code /dev/fd/N}), whatever it has open: after
 * {@code >> log.txt} the bytes are appended to the log ({@link Descriptors}). A directory is refused. The temporary
 * file's name ({@code .backprop-<digits>.tmp}) does not grow with the target's, so any name the file system allows
 * can be written, and it is removed when the JVM shuts down in the middle of a write ({@link TemporaryFiles}). Every
 * failure is an {@link UnwritableFileException} naming the path the caller gave.
 */
public final class AtomicFiles {
    /** The longest file name, in bytes, that Linux, macOS and Windows file systems accept (NAME_MAX). */
    static final int MAX_NAME_BYTES = 255;
    /** Symbolic links followed before giving up, as Linux's path resolution does (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    /**
     * The file a write to {@code target} replaces, after checking that the write can begin: symbolic links followed,
     * the directory as its real path. For a device or FIFO, {@code target} itself (it is written in place); for one of
     * this process's descriptors, {@code /proc/<pid>/fd/N} (written through the descriptor). Two paths
     * name the same destination exactly when this method returns equal paths for them or they are the same existing
     * file.
     *
     * @param target the path as the caller gave it
     * @return the absolute path whose file a write replaces
     * @throws UnwritableFileException naming {@code target} if it is empty or a directory, its directory is missing,
     *                                 not a directory or not writable, its name is longer than 255 bytes, or it is a
     *                                 descriptor that is not open or is standard input
     */
    public static Path destination(Path target) throws UnwritableFileException {
        if (target.toString().isEmpty()) {
            throw new UnwritableFileException(target, "the file name is empty", null);
        }
        try {
            Path descriptor = Descriptors.of(target);
            if (descriptor != null) {
                String unwritable = Descriptors.unwritable(descriptor);
                if (unwritable != null) {
                    throw new UnwritableFileException(target, unwritable, null);
                }
                return descriptor;
            }
            if (Files.isDirectory(target)) {
                throw new UnwritableFileException(target, "is a directory", null);
            }
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                if (!Files.isWritable(target)) {
                    throw new UnwritableFileException(target, "permission denied", null);
                }
                return target.toAbsolutePath();
            }
            Path file = Files.exists(target) ? target.toRealPath() : endOfLinks(target);
            Path directory = file.getParent() != null ? file.getParent() : Path.of("");
            String name = file.getFileName().toString();
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) {
                throw new UnwritableFileException(target, "the file name is too long (" + bytes + " bytes; at most "
                        + MAX_NAME_BYTES + ")", null);
            }
            Path shown = directory.toString().isEmpty() ? Path.of(".") : directory;
            if (!Files.exists(directory)) {
                throw new UnwritableFileException(target, "the directory " + shown + " does not exist", null);
            }
            if (!Files.isDirectory(directory)) {
                throw new UnwritableFileException(target, shown + " is not a directory", null);
            }
            Path realDirectory = directory.toAbsolutePath().toRealPath();
            if (!Files.isWritable(realDirectory)) {
                throw new UnwritableFileException(target, Files.getFileStore(realDirectory).isReadOnly()
                        ? "read-only file system" : "the directory " + shown + " is not writable", null);
            }
            return realDirectory.resolve(name);
        } catch (UnwritableFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UnwritableFileException(target, reason(e), e);
        }
    }

    /**
     * Whether a write to {@code target} goes in place rather than replacing a file: {@code target} is a device or
     * FIFO ({@code /dev/null}), or one of this process's descriptors ({@code /dev/stdout}), so nothing is kept there
     * to be read back.
     *
     * @param target the path as the caller gave it
     * @return true for a device, FIFO or descriptor; false for a regular file, one not yet written, or a path that
     *         cannot be examined
     */
    public static boolean writtenInPlace(Path target) {
        try {
            return Descriptors.of(target) != null
                    || Files.exists(target) && !Files.isDirectory(target) && !Files.isRegularFile(target);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code target} leads to this process's standard output (descriptor 1: {@code /dev/stdout},
     * {@code /dev/fd/1}), where a write goes through the descriptor among whatever else the program prints.
     *
     * @param target the path as the caller gave it
     * @return true if a write to {@code target} goes to standard output; false otherwise, or if it cannot be examined
     */
    public static boolean isStandardOutput(Path target) {
        try {
            Path descriptor = Descriptors.of(target);
            return descriptor != null && descriptor.getFileName().toString().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    /** Where a chain of symbolic links ending in a missing file points; {@code path} itself if it is no link. */
    private static Path endOfLinks(Path path) throws IOException {
        Path file = path;
        for (int hops = 0; Files.isSymbolicLink(file); hops++) {
            if (hops == MAX_LINKS) {
                throw new UnwritableFileException(path, "too many levels of symbolic links", null);
            }
            file = file.toAbsolutePath().resolveSibling(Files.readSymbolicLink(file));
        }
        return file;
    }

    /**
     * Writes what {@code writer} produces to {@code target}: atomically for a regular file (or one that does not
     * exist yet), in place for a device or FIFO, through the descriptor for one of this process's descriptors.
     *
     * @param target the destination, as the caller gave it; its directory must exist
     * @param writer writes the content to the stream it is given (a temporary file, moved onto the destination when
     *               complete)
     * @throws UnwritableFileException naming {@code target} if it cannot be written (see {@link #destination}) or
     *                                 writing fails (a full disk, say); a regular file is then unchanged and the
     *                                 temporary file removed
     */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path destination = destination(target);
        try {
            if (Descriptors.isDescriptor(destination)) {
                try (OutputStream out = Descriptors.open(destination)) {
                    writer.writeTo(out);
                }
            } else if (Files.exists(destination) && !Files.isRegularFile(destination)) {
                try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    writer.writeTo(out);
                }
            } else {
                replace(destination, writer);
            }
        } catch (UnwritableFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UnwritableFileException(target, reason(e), e);
        }
    }

    /** Writes a temporary file beside {@code file}, forces it to disk and renames it over {@code file}. */
    private static void replace(Path file, ContentWriter writer) throws IOException {
        Path temp = TemporaryFiles.create(file.getParent());
        try {
            permitReading(temp, file);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            TemporaryFiles.delete(temp);
        }
    }

    /** The reason of a failed write in lower case, without the (temporary) file's name. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "its directory no longer exists";
        }
        String text = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (text == null || text.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    /**
     * The finished file should read like any other the user creates, whatever the temporary file was created with:
     * the old file's permissions if it is replaced, otherwise rw-r--r--.
     */
    private static void permitReading(Path temp, Path target) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(temp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--"));
    }

    /**
     * Writes the given text as UTF-8 to {@code target}, as {@link #write} does.
     *
     * @param target the destination, as the caller gave it
     * @param text   the content
     * @throws UnwritableFileException naming {@code target} if it cannot be written; a regular file is then unchanged
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Appends {@code text} as UTF-8 to {@code target}, creating it if needed, in one write forced to the disk before
     * this returns: a crash leaves the file as it was, or with a first part of {@code text} at its end. A device, FIFO
     * or descriptor is written in place, as {@link #write} does.
     *
     * @param target the file, as the caller gave it
     * @param text   what to add at its end
     * @throws UnwritableFileException naming {@code target} if it cannot be written (see {@link #destination}) or
     *                                 writing fails
     */
    public static void append(Path target, String text) throws IOException {
        Path destination = destination(target);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (Descriptors.isDescriptor(destination)) {
                try (OutputStream out = Descriptors.open(destination)) {
                    out.write(bytes);
                }
            } else {
                try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UnwritableFileException(target, reason(e), e);
        }
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
