package dev.backprop.cli;

import dev.backprop.io.AtomicFiles;
import dev.backprop.io.UnwritableFileException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A results file of {@code backprop tune} as one run holds it: its lock (an exclusive {@link FileLock}, shared for a
 * file this process may only read) taken as it is opened or created and kept until {@link #close}, and every read and
 * write made through the one locked channel, since POSIX drops a process's lock when it closes any other descriptor
 * of the file. What the lines mean is {@link TuneResults}'s.
 */
final class LockedResultsFile implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final boolean writable;
    /** Whether this run created the file, so that it removes it if it wrote nothing. */
    private final boolean created;

    private LockedResultsFile(Path file, FileChannel channel, boolean writable, boolean created) {
        this.file = file;
        this.channel = channel;
        this.writable = writable;
        this.created = created;
    }

    /**
     * The existing regular file {@code file}, locked: for reading and writing, or for reading only where this process
     * may only read it (its trials still rank; a trial to append is refused then).
     *
     * @throws UserException if another run holds it, or its lock cannot be taken
     */
    static LockedResultsFile existing(Path file) throws IOException {
        Path destination = AtomicFiles.destination(file);
        FileChannel channel;
        boolean writable = true;
        try {
            try {
                channel = FileChannel.open(destination, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (AccessDeniedException e) {
                channel = FileChannel.open(destination, StandardOpenOption.READ);
                writable = false;
            }
        } catch (IOException e) {
            throw new UnwritableFileException(file, e.getMessage(), e);
        }
        return held(file, channel, writable, false);
    }

    /**
     * {@code file} created, empty, and locked; null, creating nothing, if it exists (another run created it).
     *
     * @throws UserException if the lock cannot be taken
     */
    static LockedResultsFile created(Path file) throws IOException {
        FileChannel fresh;
        try {
            fresh = FileChannel.open(AtomicFiles.destination(file), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return null;
        } catch (IOException e) {
            throw new UnwritableFileException(file, e.getMessage(), e);
        }
        return held(file, fresh, true, true);
    }

    /** {@code channel} with the file's lock taken, or closed and the run refused if another run holds the lock. */
    private static LockedResultsFile held(Path file, FileChannel channel, boolean writable, boolean created)
            throws IOException {
        FileLock lock;
        try {
            // Shared for a file only read: other runs may read it too, none may write it meanwhile.
            lock = channel.tryLock(0, Long.MAX_VALUE, !writable);
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw new UserException(file + ": its lock cannot be taken (" + e.getMessage() + "), so a line cut off "
                    + "mid-write could not be told from one another run is writing: give a --results file on a "
                    + "local disk");
        }
        if (lock == null) {
            channel.close();
            throw new UserException(file + " is in use by another run of backprop tune (it holds the file's lock): "
                    + "wait for it to end, or give another --results file");
        }
        return new LockedResultsFile(file, channel, writable, created);
    }

    /** The file's size in bytes. */
    long size() throws IOException {
        return channel.size();
    }

    /** Whether lines may be appended and a cut-off line cut: false for a file this process may only read. */
    boolean writable() {
        return writable;
    }

    /**
     * The file's first {@code length} bytes, or all of them if it is shorter: one array, not copied when full.
     */
    byte[] head(int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // reads until the buffer is full or the file ends
        }
        return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
    }

    /** Cuts the file to its first {@code size} bytes, in place (never a rename another run's line could be lost to). */
    void truncate(long size) throws IOException {
        channel.truncate(size);
        channel.force(true);
    }

    /**
     * Appends {@code bytes} at the file's end and forces them to the disk.
     *
     * @throws UnwritableFileException if the file may only be read, or the write fails
     */
    void append(byte[] bytes) throws IOException {
        if (!writable) {
            throw new UnwritableFileException(file, "permission denied", null);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            long end = channel.size();
            while (buffer.hasRemaining()) {
                end += channel.write(buffer, end);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UnwritableFileException(file, e.getMessage(), e);
        }
    }

    /**
     * Lets the file go, its lock with its channel; a file this run created and wrote nothing to is removed first,
     * while the lock is held, so that no other run can have taken it meanwhile.
     */
    @Override
    public void close() throws IOException {
        if (created && channel.size() == 0) {
            try {
                Files.deleteIfExists(AtomicFiles.destination(file));
            } catch (IOException e) {
                // A file system that removes no open file keeps it: an empty file holds no trials to misread.
            }
        }
        channel.close();
    }
}
