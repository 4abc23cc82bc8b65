package dev.backprop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a learner meets first on the command line: explain on a trained model (its own learning rate, large matrices
 * elided unless --full), bare {@code backprop}, the completion script's values and file names, and help examples that
 * fit a terminal.
 */
class LearnerCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void explainUsesTheModelsRecordedLearningRate() {
        Path model = dir.resolve("m.json");
        assertThat(Cli.run("train", "--learning-rate", "0.5", "--epochs", "5", "--out", model.toString(),
                "--quiet").exitCode()).isZero();
        Cli recorded = Cli.run("explain", "--model", model.toString(), "--format", "json");
        assertThat(recorded.json().get("learningRate").asDouble()).isEqualTo(0.5);
        Cli given = Cli.run("explain", "--model", model.toString(), "--format", "json", "--learning-rate", "2");
        assertThat(given.json().get("learningRate").asDouble()).isEqualTo(2.0);
        // The seed's fresh network keeps the seed's eta = 1.
        assertThat(Cli.run("explain", "--format", "json").json().get("learningRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void explainElidesLargeMatricesUnlessFull() {
        Path model = dir.resolve("iris.json");
        String iris = RealDataTest.DATA.resolve("iris.csv").toString();
        assertThat(Cli.run("train", iris, "--hidden", "20", "--epochs", "2", "--out", model.toString(), "--quiet")
                .exitCode()).isZero();
        Cli elided = Cli.run("explain", "--model", model.toString(), iris);
        Cli full = Cli.run("explain", "--model", model.toString(), iris, "--full");
        assertThat(elided.exitCode()).isZero();
        // X is 150 x 4: its first and last 3 rows, with a row of dots between, under its shape.
        String x = elided.out().substring(elided.out().indexOf("X = inputs, scaled"));
        List<String> xLines = x.lines().takeWhile(line -> !line.isEmpty()).toList();
        assertThat(xLines.get(0)).endsWith("(150x4)");
        assertThat(xLines).hasSize(1 + 7);
        assertThat(xLines.get(4)).matches("  \\[( +\\.\\.\\.)+\\]");
        // W(1) is 4 x 20: its columns are elided the same way.
        String w = elided.out().substring(elided.out().indexOf("W(1) = weights"));
        assertThat(w.lines().skip(1).findFirst().orElseThrow().replaceAll("[\\[\\]]", "").trim().split("\\s+"))
                .hasSize(7).contains("...");
        // --full prints all 150 rows of X (and every other row), so it is much longer.
        String fullX = full.out().substring(full.out().indexOf("X = inputs, scaled"));
        assertThat(fullX.lines().takeWhile(line -> !line.isEmpty()).count()).isEqualTo(1 + 150);
        assertThat(elided.out().length()).isLessThan(full.out().length() / 10);
    }

    @Test
    void bareBackpropPrintsTheHelpAndExitsTwo() {
        Cli bare = Cli.run();
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.out()).startsWith("Usage: backprop").contains("studio").contains("train");
        assertThat(bare.err()).startsWith("error: missing command");
    }

    @Test
    void completionOffersOptionValuesAndFileNames() {
        String script = Cli.run("generate-completion").out();
        // Each option's words in an array of its own (two options with one label once shared one).
        assertThat(script).contains("DATA_FORMAT_option_args=(\"csv\" \"tsv\" \"arff\")")
                .contains("FORMAT_option_args=(\"text\" \"json\" \"markdown\")");
        assertThat(script).contains("\"gd\" \"sgd\" \"momentum\" \"nesterov\" \"adam\" \"lbfgs\" \"bfgs\"")
                .contains("\"seed\" \"auto\"")
                .contains("\"text\" \"json\" \"markdown\"")
                .contains("\"auto\" \"fit\" \"confusion\" \"surface\"");
        // --init (a model file) completes file names, as --checkpoint always did.
        String init = script.substring(script.indexOf("    --init)"));
        assertThat(init.substring(0, init.indexOf(";;"))).contains("compgen -f");
    }

    @Test
    void helpExamplesFitEightyColumns() {
        for (String command : List.of("train", "predict", "evaluate", "gradcheck", "explain", "plot", "draw",
                "report", "studio", "generate-completion")) {
            String help = Cli.run(command, "--help").out();
            String examples = help.substring(help.indexOf("Example"));
            examples.lines().skip(1).filter(line -> !line.isEmpty()).forEach(line ->
                    assertThat(line).as(command).startsWith("  backprop ").hasSizeLessThanOrEqualTo(80));
        }
    }
}
