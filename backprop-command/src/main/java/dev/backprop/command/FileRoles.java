package dev.backprop.command;

import dev.backprop.io.AtomicFiles;
import dev.backprop.io.UnwritableFileException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one command reads and writes (of either command line: {@code backprop} and {@code backprop-spark}), each under the name the user knows it by ({@code --out}, {@code DATA}),
 * checked before the command does any work: every output must be a place a file can be written, and no output may be
 * an input or another output. Files are compared by identity, not by spelling: an existing file by
 * {@link Files#isSameFile} (symbolic and hard links, {@code ./x} and {@code x}), one not yet written by the real path
 * of its directory and its name, as {@link AtomicFiles#destination} resolves it; two names that differ only in case
 * are one file where the directory ignores case (macOS, Windows), which the directory is asked ({@code FileNameCase}).
 */
public final class FileRoles {
    /**
     * A path the command uses. {@code rewrittenBy} names the one output allowed to replace this input, or is null;
     * {@code always} is false for an output that only some runs write.
     */
    private record Role(String name, Path path, String rewrittenBy, boolean always) {
        @Override
        public String toString() {
            return name + " " + (path.toString().isEmpty() ? "''" : path);
        }
    }

    private final List<Role> inputs = new ArrayList<>();
    private final List<Role> outputs = new ArrayList<>();

    /** An empty set of files; add each with the name the user gave it. */
    public FileRoles() {
    }

    /**
     * Adds a file the command reads; a null path (an option not given) is ignored.
     *
     * @param name the option or parameter that names it, as the user typed it ({@code --model}, {@code DATA})
     * @param path the path given, or null
     * @return this
     */
    public FileRoles input(String name, Path path) {
        return input(name, path, null);
    }

    /**
     * Adds a file the command reads in full before writing anything, which the output named {@code rewrittenBy} may
     * replace (a checkpoint that the resumed run keeps updating); a null path is ignored.
     *
     * @param name        the option or parameter that names it
     * @param path        the path given, or null
     * @param rewrittenBy the name of the output that may replace it, or null
     * @return this
     */
    public FileRoles input(String name, Path path, String rewrittenBy) {
        if (path != null) {
            inputs.add(new Role(name, path, rewrittenBy, true));
        }
        return this;
    }

    /**
     * Adds a file the command writes; a null path (an option not given) is ignored.
     *
     * @param name the option or parameter that names it ({@code --out})
     * @param path the path given, or null
     * @return this
     */
    public FileRoles output(String name, Path path) {
        if (path != null) {
            outputs.add(new Role(name, path, null, true));
        }
        return this;
    }

    /**
     * Adds a file only some runs write (the checkpoint an interrupted training leaves): it must be no input and no
     * other output, but a location it cannot be written to is reported only when it is written. A null path is
     * ignored.
     *
     * @param name the option that names it ({@code --checkpoint})
     * @param path the path given, or null
     * @return this
     */
    public FileRoles occasionalOutput(String name, Path path) {
        if (path != null) {
            outputs.add(new Role(name, path, null, false));
        }
        return this;
    }

    /**
     * Checks the location of every output that is always written, then that no output is an input or another output.
     * If an output is the process's standard output ({@code --out /dev/stdout}), what the command itself prints goes
     * to {@code line}'s standard error from then on, so that standard output carries that file's bytes alone: a model
     * piped to {@code gzip}, predictions redirected to a file, an ONNX graph, with no "written to" line after them.
     *
     * @param line the running command's command line, whose standard output may be moved to its standard error
     * @throws UnwritableFileException naming the output if it cannot be written there
     * @throws IllegalArgumentException naming both roles and paths if two are the same file (bad input, exit code
     *                                  {@value Failures#BAD_INPUT})
     * @throws IOException if a path cannot be examined
     */
    public void check(CommandLine line) throws IOException {
        checkPaths();
        for (Role output : outputs) {
            if (AtomicFiles.isStandardOutput(output.path())) {
                line.setOut(line.getErr());
            }
        }
    }

    private void checkPaths() throws IOException {
        List<Path> destinations = new ArrayList<>();
        for (Role output : outputs) {
            destinations.add(destination(output));
        }
        for (int o = 0; o < outputs.size(); o++) {
            Role output = outputs.get(o);
            for (Role input : inputs) {
                if (!output.name().equals(input.rewrittenBy()) && existingSame(input.path(), output.path())) {
                    throw new IllegalArgumentException(output + " is the same file as " + input
                            + ": writing it would destroy the input");
                }
            }
            for (int p = 0; p < o; p++) {
                Role earlier = outputs.get(p);
                if (destinations.get(p).equals(destinations.get(o)) || existingSame(earlier.path(), output.path())
                        || FileNameCase.sameIgnoringCase(destinations.get(p), destinations.get(o))) {
                    throw new IllegalArgumentException(earlier + " and " + output + " are the same file: one would overwrite "
                            + "the other");
                }
            }
        }
    }

    private static Path destination(Role output) throws UnwritableFileException {
        try {
            return AtomicFiles.destination(output.path());
        } catch (UnwritableFileException e) {
            if (output.always()) {
                throw e;
            }
            return output.path().toAbsolutePath().normalize();
        }
    }

    /**
     * Whether two paths are one existing file. An output that does not exist yet cannot be an existing input; two
     * outputs that do not exist yet are compared by destination.
     */
    private static boolean existingSame(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
