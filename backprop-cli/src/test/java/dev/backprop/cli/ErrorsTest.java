package dev.backprop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad usage and bad input: one line "error: ...", exit code 2, no stack trace, no output file. */
class ErrorsTest {
    @TempDir
    Path dir;

    private void assertOneLineError(Cli run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("error: ").contains(expected).doesNotContain("\tat ");
    }

    @Test
    void badDataIsNamedByFileLineAndColumn() throws IOException {
        Path data = Files.writeString(dir.resolve("bad.csv"), "a,b,c\n1,2,3\n4,5\n");
        Path out = dir.resolve("m.json");
        Cli run = Cli.run("train", data.toString(), "--out", out.toString());

        assertOneLineError(run, "bad.csv: line 3, column 'c': the row has 2 fields but the header has 3");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void missingFilesAndColumns() throws IOException {
        assertOneLineError(Cli.run("train", dir.resolve("nope.csv").toString()), "nope.csv: no such file");
        Path data = Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n");
        assertOneLineError(Cli.run("train", data.toString(), "--target", "z"), "no column named 'z' (columns: a, b)");
        assertOneLineError(Cli.run("train", dir.toString()), "is a directory");
    }

    @Test
    void badOptionsSayWhatIsAllowed() {
        assertOneLineError(Cli.run("train", "--learning-rate", "0"), "--learning-rate must be > 0");
        assertOneLineError(Cli.run("train", "--learning-rate", "NaN"), "--learning-rate must be > 0");
        assertOneLineError(Cli.run("train", "--epochs", "-3"), "--epochs must be > 0");
        assertOneLineError(Cli.run("train", "--hidden", "3,0"), "--hidden sizes must be > 0");
        assertOneLineError(Cli.run("train", "--loss", "hinge"), "unknown loss 'hinge'");
        assertOneLineError(Cli.run("train", "--optimizer", "rmsprop"), "unknown optimizer 'rmsprop' (allowed: gd, sgd, momentum, nesterov, adam, lbfgs, bfgs)");
        assertOneLineError(Cli.run("train", "--scale", "zscore"), "unknown scaling 'zscore'");
        assertOneLineError(Cli.run("train", "--frobnicate"), "Unknown option: '--frobnicate'");
        assertOneLineError(Cli.run("fly"), "Unmatched argument");
        assertOneLineError(Cli.run(), "missing command");
        assertOneLineError(Cli.run("predict", "data.csv"), "Missing required option: '--model");
    }

    @Test
    void badModelsAndMismatchedData() throws IOException {
        Path model = Files.writeString(dir.resolve("m.json"), "{\"format\": \"backprop-model\", \"version\": 1, \"lay");
        Path data = Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n");
        assertOneLineError(Cli.run("predict", "--model", model.toString(), data.toString()), "m.json: not valid JSON");
        assertOneLineError(Cli.run("train", "--init", model.toString()), "m.json: not valid JSON");

        Path good = dir.resolve("good.json");
        assertThat(Cli.run("train", "--out", good.toString(), "--epochs", "5").exitCode()).isZero();
        assertOneLineError(Cli.run("predict", "--model", good.toString(), data.toString()),
                "d.csv: no columns named 'sleep', 'study' (columns: a, b)");
        Path inputsOnly = Files.writeString(dir.resolve("x.csv"), "sleep,study\n1,2\n");
        assertOneLineError(Cli.run("evaluate", "--model", good.toString(), inputsOnly.toString()),
                "evaluate needs the target column 'score'");
        assertOneLineError(Cli.run("train", "--init", good.toString(), "--hidden", "4"),
                "cannot be combined with --init");
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Cli run = Cli.run("train", dir.resolve("nope.csv").toString(), "--debug");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("\tat ");
    }
}
