package dev.backprop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A hostile user's pass over cv, tune and importance: each case failed before the fix it pins. */
class SelectionBatteryTest {
    private static final Path IRIS = RealDataTest.DATA.resolve("iris.csv");

    @TempDir
    Path dir;

    private static void assertBadInput(Cli run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().filter(line -> !line.startsWith("WARNING"))).hasSize(1);
        assertThat(run.err()).startsWith("error: ").contains(message);
    }

    @Test
    void tuneRefusesTheResultsOfItsDataFileBeforeAnEditThatKeptTheRowCount() throws IOException {
        Path data = Files.copy(IRIS, dir.resolve("iris.csv"));
        Path results = dir.resolve("trials.jsonl");
        String[] tune = {"tune", data.toString(), "--search", "hidden=3,4", "--folds", "2", "--epochs", "5",
                "--results", results.toString(), "--quiet"};
        assertThat(Cli.run(tune).exitCode()).isZero();
        byte[] before = Files.readAllBytes(results);

        // The same path, the same 150 rows, one label changed: the trials in the file were scored on other data.
        Files.writeString(data, Files.readString(data).replaceFirst("setosa", "virginica"));
        assertBadInput(Cli.run(tune), "holds the trials of another search (line 1 differs in data-sha256: the data "
                + "holds other rows than those the trials were scored on)");
        assertThat(Files.readAllBytes(results)).isEqualTo(before);
    }
}
