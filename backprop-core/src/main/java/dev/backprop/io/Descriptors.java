package dev.backprop.io;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Paths that name one of this process's open file descriptors. On Linux {@code /dev/stdout}, {@code /dev/stderr},
 * {@code /dev/fd/N} and {@code /proc/self/fd/N} are symbolic links into {@code /proc/<pid>/fd}, whose entries link on
 * to whatever the descriptor has open: after {@code > out.txt} or {@code >> log.txt}, a regular file. Such a path is
 * written through the descriptor, as a shell redirection is, never by renaming a new file over what it leads to: that
 * would drop what the file held before (the log) and leave the descriptor writing to a deleted file, so the rest of
 * the program's output would be lost. (On macOS these paths are devices, written in place anyway.)
 */
final class Descriptors {
    /** This process's descriptors as Linux lists them, or null where there is no such directory. */
    private static final Path OWN = own();
    /** Symbolic links followed before giving up, as Linux's path resolution does (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;
    private static final int BUFFER_BYTES = 1 << 16;

    private Descriptors() {
    }

    private static Path own() {
        Path own = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd");
        return Files.isDirectory(own) ? own : null;
    }

    /**
     * The descriptor {@code target} leads to, following its symbolic links, as the path {@code /proc/<pid>/fd/N}
     * (one path for every spelling of it); null if it leads to none of this process's descriptors.
     */
    static Path of(Path target) throws IOException {
        if (OWN == null) {
            return null;
        }
        Path file = target.toAbsolutePath();
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            Path parent = file.getParent();
            if (parent != null && Files.isDirectory(parent) && parent.toRealPath().equals(OWN)) {
                return OWN.resolve(file.getFileName());
            }
            if (!Files.isSymbolicLink(file)) {
                return null;
            }
            file = file.resolveSibling(Files.readSymbolicLink(file));
        }
        return null;
    }

    /** Whether {@code destination} is a path {@link #of} returned. */
    static boolean isDescriptor(Path destination) {
        return OWN != null && OWN.equals(destination.getParent());
    }

    /**
     * Why {@code descriptor} (a path {@link #of} returned) cannot be written, or null if it can: it must be open and
     * must not be standard input.
     */
    static String unwritable(Path descriptor) {
        if (!Files.exists(descriptor)) {
            return "file descriptor " + descriptor.getFileName() + " is not open";
        }
        if (descriptor.getFileName().toString().equals("0")) {
            return "it is standard input";
        }
        return null;
    }

    /**
     * A stream that writes through {@code descriptor} (a path {@link #of} returned): standard output and error
     * through the descriptors themselves, so the bytes follow what the program printed there, at the same offset of
     * a redirected file; any other descriptor reopened for appending. Closing it flushes it and leaves the descriptor
     * open. A reader of standard output or error that went away ({@code | head}) is no error: the rest is discarded, as
     * for what the program prints there ({@link StandardOutput}).
     */
    static OutputStream open(Path descriptor) throws IOException {
        String number = descriptor.getFileName().toString();
        if (number.equals("1") || number.equals("2")) {
            return new BufferedOutputStream(new StandardOutput(new FileOutputStream(number.equals("1")
                    ? FileDescriptor.out : FileDescriptor.err)), BUFFER_BYTES);
        }
        return Files.newOutputStream(descriptor, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
