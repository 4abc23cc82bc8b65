package dev.backprop.data;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shared data files ({@code shared/data} beside the repository), found by walking up from here. */
final class SharedData {
    private SharedData() {
    }

    /** The shared file {@code name}; skips the calling test if the shared directory is not there. */
    static Path file(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("shared data file " + name + " not found above " + Path.of("").toAbsolutePath());
        return null;
    }
}
