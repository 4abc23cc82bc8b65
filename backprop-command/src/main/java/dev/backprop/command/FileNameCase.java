package dev.backprop.command;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Whether a directory tells file names apart by case. macOS and Windows file systems usually do not ({@code M.json}
 * and {@code m.json} are one file), Linux's do, and a mounted volume may differ from its parent, so the directory
 * itself is asked: the answer comes from the file system that holds it, never from the operating system's name.
 */
final class FileNameCase {
    private FileNameCase() {
    }

    /**
     * Whether {@code a} and {@code b}, two files of one directory that may not exist yet, are one file because their
     * names differ only in case and the directory ignores case.
     *
     * @param a a destination: a directory's real path and a name ({@link dev.backprop.io.AtomicFiles#destination})
     * @param b another
     * @return false if the paths are in different directories, differ in more than case, or the directory tells case
     *         apart
     * @throws IOException if the directory cannot be examined
     */
    static boolean sameIgnoringCase(Path a, Path b) throws IOException {
        Path directory = a.getParent();
        return directory != null && directory.equals(b.getParent()) && a.getFileName() != null
                && b.getFileName() != null
                && a.getFileName().toString().equalsIgnoreCase(b.getFileName().toString())
                && ignoresCase(directory);
    }

    /**
     * Whether {@code directory} ignores the case of names: an entry's name with its letters' case swapped leads to
     * that entry. When no entry has a letter, a probe file is created for the question and removed.
     */
    static boolean ignoresCase(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                Boolean answer = swappedNameLeadsBack(entry);
                if (answer != null) {
                    return answer;
                }
            }
        }
        Path probe = Files.createTempFile(directory, ".backprop-case-", ".tmp");
        try {
            return swappedNameLeadsBack(probe);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * Whether {@code entry}'s name with its case swapped leads to it; null if that cannot tell (no letter with a case
     * in the name, or a symbolic link, which another link of the swapped name could reach as well).
     */
    private static Boolean swappedNameLeadsBack(Path entry) throws IOException {
        String name = entry.getFileName().toString();
        String swapped = swapCase(name);
        if (swapped.equals(name) || Files.isSymbolicLink(entry)) {
            return null;
        }
        Path other = entry.resolveSibling(swapped);
        return Files.exists(other, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(entry, other);
    }

    private static String swapCase(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(c -> sb.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.toUpperCase(c)));
        return sb.toString();
    }
}
