package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --init-scale} through the command line: recorded in the model's history when it is not auto (so a file
 * trained without it is what it was before the option existed), a bad word refused with one line, and cv taking it.
 */
class InitScaleCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void glorotIsRecordedAndAutoIsNot() throws Exception {
        Path glorot = dir.resolve("glorot.json");
        Path auto = dir.resolve("auto.json");
        Path explicitAuto = dir.resolve("explicit-auto.json");
        String[] common = {"train", "../data/iris.csv", "--hidden", "6", "--epochs", "5", "--quiet"};
        assertThat(Cli.run(concat(common, "--init-scale", "glorot", "--out", glorot.toString())).exitCode()).isZero();
        assertThat(Cli.run(concat(common, "--out", auto.toString())).exitCode()).isZero();
        assertThat(Cli.run(concat(common, "--init-scale", "auto", "--out", explicitAuto.toString())).exitCode())
                .isZero();
        JsonNode file = JSON.readTree(glorot.toFile());
        assertThat(file.path("training").path("settings").get("initScale").asText()).isEqualTo("glorot");
        assertThat(Files.readString(auto)).doesNotContain("initScale");
        assertThat(Files.readString(explicitAuto)).isEqualTo(Files.readString(auto));
        assertThat(Files.readString(glorot)).isNotEqualTo(Files.readString(auto));
    }

    @Test
    void anUnknownScaleIsOneLineAndExitCode2() {
        Cli run = Cli.run("cv", "../data/iris.csv", "--init-scale", "lecun", "--folds", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: unknown initial scale 'lecun' (choose auto, glorot or he)\n");
        Cli he = Cli.run("cv", "../data/iris.csv", "--init-scale", "he", "--folds", "3", "--epochs", "5");
        assertThat(he.exitCode()).as(he.err()).isZero();
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
