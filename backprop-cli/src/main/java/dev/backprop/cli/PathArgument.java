package dev.backprop.cli;

import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file argument as the user typed it, read as the operating system reads it. {@link Path#of} drops a trailing
 * {@code /}, so {@code --out model.json/} would otherwise name {@code model.json} and replace that file, and
 * {@code --out results/} would write a file called {@code results}; for the system (and the shell's {@code >}) a
 * trailing slash says the path is a directory. So a path ending in a separator must name an existing directory, which
 * a command that reads a file then refuses as a directory, and one that writes refuses as no place for a file.
 */
final class PathArgument {
    private PathArgument() {
    }

    /**
     * The path {@code text} names.
     *
     * @throws TypeConversionException if {@code text} ends in a separator but names no directory, or is no path
     */
    static Path of(String text) {
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + text + "' is no file name: " + e.getReason());
        }
        boolean directoryMeant = text.length() > 1 && (text.endsWith("/") || text.endsWith(path.getFileSystem()
                .getSeparator()));
        if (directoryMeant && !Files.isDirectory(path)) {
            throw new TypeConversionException(text + (Files.exists(path) ? " is not a directory (a trailing / names "
                    + "one)" : " is no directory (a trailing / names one, and there is none)"));
        }
        return path;
    }
}
