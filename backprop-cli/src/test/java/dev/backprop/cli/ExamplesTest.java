package dev.backprop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The commands of examples/README.md print what it shows (numbers to the precision that is stable). */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;

    private static double number(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(-?[0-9.eE+-]+)").matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", label, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theSeedsExample() {
        Cli run = Cli.run("train", EXAMPLES.resolve("sleep-study.csv").toString(), "--preset", "seed", "--out",
                dir.resolve("sleep.json").toString());
        assertThat(run.out()).contains("trained 2 -> 3 sigmoid -> 1 sigmoid, loss sse (9 parameters)")
                .contains("stopped: epoch limit reached after 10000 epochs, J = 0.000266")
                .contains("3      5      75     75.10").contains("10     2      93     92.60");
    }

    @Test
    void xor() {
        Cli run = Cli.run("train", EXAMPLES.resolve("xor.csv").toString(), "--preset", "seed", "--hidden", "4",
                "--bias", "--learning-rate", "2", "--epochs", "20000", "--tolerance", "0", "--scale", "none",
                "--seed", "1", "--out", dir.resolve("xor.json").toString());
        assertThat(run.out()).contains("2 -> 4 sigmoid+b -> 1 sigmoid+b, loss sse (17 parameters)")
                .contains("0  0  0    0.01").contains("0  1  1    1.00").contains("1  0  1    1.00")
                .contains("1  1  0    0.00");
    }

    @Test
    void irisAndDiabetes() {
        Path iris = dir.resolve("iris.json");
        assertThat(Cli.run("train", RealDataTest.DATA.resolve("iris.csv").toString(), "--out", iris.toString(),
                "--quiet").out()).contains("4 -> 100 relu+b -> 3 softmax+b, loss categorical-cross-entropy");
        String scores = Cli.run("evaluate", "--model", iris.toString(),
                RealDataTest.DATA.resolve("iris.csv").toString()).out();
        assertThat(number(scores, "accuracy")).isCloseTo(0.9533, within(0.0101));

        Path diabetes = dir.resolve("diabetes.json");
        assertThat(Cli.run("train", RealDataTest.DATA.resolve("diabetes.csv").toString(), "--out",
                diabetes.toString(), "--quiet").out()).contains("10 -> 100 relu+b -> 1 linear+b, loss mse");
        String fit = Cli.run("evaluate", "--model", diabetes.toString(),
                RealDataTest.DATA.resolve("diabetes.csv").toString()).out();
        assertThat(number(fit, "R^2")).isCloseTo(0.5725, within(0.02));
    }
}
