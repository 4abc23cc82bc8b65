package dev.backprop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that compute for a while (train, cv, tune, importance) show progress on stderr, and {@code --quiet}
 * leaves out that and only that: standard output is the same byte for byte, errors still print.
 */
class QuietOptionTest {
    private static final String IRIS = RealDataTest.DATA.resolve("iris.csv").toString();

    @TempDir
    Path dir;

    /** The run with and without {@code --quiet}: the same stdout; progress lines only without it. */
    private static List<String> progressLines(String... args) {
        return progressLines(args, () -> { });
    }

    /** As {@link #progressLines(String...)}, calling {@code between} between the two runs. */
    private static List<String> progressLines(String[] args, Runnable between) {
        Cli loud = Cli.run(args);
        between.run();
        List<String> quietArgs = new ArrayList<>(List.of(args));
        quietArgs.add("--quiet");
        Cli quiet = Cli.run(quietArgs.toArray(String[]::new));
        assertThat(loud.exitCode()).as(loud.err()).isZero();
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).isEqualTo(loud.out()).isNotBlank();
        assertThat(quiet.err()).isEmpty();
        return loud.err().lines().toList();
    }

    @Test
    void cvShowsALinePerFoldScoredUnlessQuiet() {
        List<String> lines = progressLines("cv", IRIS, "--folds", "3", "--repeats", "2", "--hidden", "4", "--epochs",
                "5");
        assertThat(lines).hasSize(6).allMatch(line -> line.matches("fold [1-3]/3 of repeat [12]/2 scored: accuracy "
                + "0\\.\\d{4}"));
        assertThat(lines.stream().map(line -> line.substring(0, 22)).distinct()).hasSize(6);
    }

    @Test
    void tuneShowsEachTrialsFoldsUnlessQuiet() {
        Path results = dir.resolve("trials.jsonl");
        List<String> lines = progressLines(new String[] {"tune", IRIS, "--search", "hidden=2,4", "--folds", "2",
            "--epochs", "5", "--metric", "logLoss", "--results", results.toString()}, () -> {
                try {
                    Files.delete(results);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        assertThat(lines).hasSize(4).allMatch(line -> line.matches("trial [12]/2: fold [12]/2 scored: log loss "
                + "\\d\\.\\d{4}"));
    }

    @Test
    void importanceShowsALinePerColumnUnlessQuiet() {
        Path model = dir.resolve("iris.json");
        assertThat(Cli.run("train", IRIS, "--hidden", "4", "--epochs", "5", "--out", model.toString(), "--quiet")
                .exitCode()).isZero();
        List<String> lines = progressLines("importance", "--model", model.toString(), IRIS, "--repeats", "2");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("column 1/4 'sepal_length' shuffled 2 times: drop -?0\\.\\d{4}");
        assertThat(lines.get(3)).startsWith("column 4/4 'petal_width' shuffled 2 times: drop ");
    }

    @Test
    void quietLeavesErrorsAndTheDescriptionIsOneForEveryCommand() {
        Cli refused = Cli.run("cv", IRIS, "--folds", "1", "--quiet");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("error: --folds must be >= 2 but was 1\n");
        List<String> descriptions = Stream.of("train", "cv", "tune", "importance")
                .map(command -> String.join(" ", Main.commandLine(command).getSubcommands().get(command)
                        .getCommandSpec().findOption("--quiet").description()))
                .toList();
        assertThat(descriptions).hasSize(4).allMatch(line -> line.equals(descriptions.get(0)))
                .allMatch(line -> line.startsWith("No progress on stderr"));
    }
}
