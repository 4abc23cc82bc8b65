package dev.backprop.io;

import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Model and checkpoint files are bounded before their text is read or their tree built. */
class ModelFileBoundsTest {
    private static final String SMALL = """
            {"format": "backprop-model", "version": 1,
             "layers": [{"activation": "sigmoid", "bias": null, "weights": [[0.5, -0.3], [0.1, 0.4]]}]}
            """;

    @TempDir
    Path dir;

    @Test
    void onlyRegularFilesAreRead() {
        assertThatThrownBy(() -> ModelFile.read(Path.of("/dev/zero"))).isInstanceOf(InvalidModelException.class)
                .hasMessage("/dev/zero: not a regular file");
        assertThatThrownBy(() -> CheckpointFile.read(Path.of("/dev/null"))).isInstanceOf(InvalidModelException.class)
                .hasMessage("/dev/null: not a regular file");
        assertThatThrownBy(() -> ModelFile.read(dir.resolve("none.json"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theTextAndTreeMustFitTheBudget() throws IOException {
        Path file = Files.writeString(dir.resolve("m.json"), SMALL);
        // 5 numbers x 40 + 15 other values (objects, arrays, names, strings, null) x 120 bytes of tree, beside 2 bytes
        // a byte of text.
        long needed = 2 * Files.size(file) + 5 * 40 + 15 * 120;
        assertThat(ModelFile.read(file, MemoryBudget.of(needed)).network().depth()).isEqualTo(1);
        assertThatThrownBy(() -> ModelFile.read(file, MemoryBudget.of(needed - 1)))
                .isInstanceOf(TooLargeException.class)
                .hasMessageStartingWith(file + ": reading the model file of " + Files.size(file) + " bytes (5 numbers) "
                        + "needs " + MemoryBudget.bytes(needed) + " (its text and JSON tree) but the JVM may use "
                        + MemoryBudget.bytes(needed - 1));
        assertThatThrownBy(() -> ModelFile.read(file, MemoryBudget.of(10)))
                .hasMessageContaining("(its bytes and text)");
    }

    @Test
    void structureBeyondFourValuesPerNumberIsRefused() throws IOException {
        String many = "{\"format\": \"backprop-model\", \"version\": 1, \"layers\": [" + "{},".repeat(20_000) + "{}]}";
        Path file = Files.writeString(dir.resolve("m.json"), many);
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(InvalidModelException.class)
                .hasMessage(file + ": holds 20,007 JSON objects, arrays, strings and names for 1 number: the model "
                        + "file has at most 4 per number plus 10,000");
    }
}
