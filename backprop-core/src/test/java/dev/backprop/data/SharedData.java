package dev.backprop.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** The public datasets bundled in the repository's {@code data/} folder (see data/README.md for their sources). */
final class SharedData {
    private SharedData() {
    }

    /**
     * The bundled file {@code name}; tests run in the module's folder, so the repository's data/ is one level up.
     *
     * @throws AssertionError if it is not there: the files are part of the repository
     */
    static Path file(String name) {
        Path file = Path.of("..", "data", name);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("bundled data file " + file.toAbsolutePath() + " is missing");
        }
        return file;
    }
}
