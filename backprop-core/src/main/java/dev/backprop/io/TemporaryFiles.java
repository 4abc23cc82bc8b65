package dev.backprop.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The temporary files {@link AtomicFiles} writes before renaming them over their targets, removed when the JVM shuts
 * down (SIGTERM, Ctrl-C, {@code System.exit}) in the middle of a write: a shutdown stops the writing thread where it
 * is, and its {@code finally} never runs, so without this a half-written {@code .backprop-NNNN.tmp} would stay beside
 * the target. Only SIGKILL, which runs no shutdown hook, can still leave one.
 *
 * <p>A file is created and registered under one lock that the shutdown hook also takes, so every temporary file
 * either exists after the hook has run (never: its creation is refused) or is removed by it.
 */
final class TemporaryFiles {
    private static final Object LOCK = new Object();
    private static final Set<Path> WRITING = new HashSet<>();
    private static boolean shuttingDown;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFiles::removeAll, "backprop-temporary-files"));
        } catch (IllegalStateException shutdownInProgress) {
            // First used by another shutdown hook (a server closing): no write may begin now, as after our own hook.
            shuttingDown = true;
        }
    }

    private TemporaryFiles() {
    }

    /**
     * Creates an empty file {@code .backprop-<digits>.tmp} in {@code directory}, to be removed at shutdown until
     * {@link #delete} is called. Its name does not grow with the target's, so any target name the file system
     * allows has a temporary file beside it.
     *
     * @throws IOException if the file cannot be created, or the JVM is shutting down
     */
    static Path create(Path directory) throws IOException {
        while (true) {
            Path temp = directory.resolve(".backprop-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            synchronized (LOCK) {
                if (shuttingDown) {
                    throw new IOException("the program is shutting down");
                }
                try {
                    Files.createFile(temp);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                WRITING.add(temp);
                return temp;
            }
        }
    }

    /** Removes {@code temp} if it still exists (the rename took it otherwise) and forgets it. */
    static void delete(Path temp) throws IOException {
        Files.deleteIfExists(temp);
        synchronized (LOCK) {
            WRITING.remove(temp);
        }
    }

    private static void removeAll() {
        List<Path> left;
        synchronized (LOCK) {
            shuttingDown = true;
            left = new ArrayList<>(WRITING);
        }
        for (Path temp : left) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // The JVM is exiting: nobody is left to tell, and the next write of the target is unaffected.
            }
        }
    }
}
