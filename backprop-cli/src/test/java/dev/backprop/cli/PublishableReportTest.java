package dev.backprop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report reads as written for people (settings in words, plain numbers, the stopping rule as training said it) and
 * stays small enough to mail: at most 1 MB whatever the model and data. The seed's 3-row example once gave 6
 * MB (a surface of thousands of SVG cells and a loss path of 10,000 points); a regression on hundreds of rows drew
 * each point as an SVG element.
 */
class PublishableReportTest {
    static final long MOST_BYTES = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void theSeedsExampleAfterTenThousandEpochs() throws Exception {
        Path model = dir.resolve("seed.json");
        Path data = dir.resolve("sleep-study.csv");
        Files.copy(Path.of("..", "examples", "sleep-study.csv"), data);
        assertThat(Cli.run("train", "--epochs", "10000", "--tolerance", "0", "--out", model.toString(), "--quiet")
                .exitCode()).isZero();
        String html = report(model, data);
        // The surface is one embedded bitmap; the loss path a single SVG path of at most 1,000 points.
        assertThat(Pattern.compile("<img ").matcher(html).results().count()).isEqualTo(1);
        assertThat(html).contains("src=\"data:image/png;base64,");
        assertThat(html).contains("<td>stopped by</td><td>epoch limit reached</td>")
                .contains("<td>learning rate</td><td>1</td>").contains("<td>max epochs</td><td>10000</td>")
                .contains("<td>tolerance</td><td>0</td>").doesNotContain("learningRate").doesNotContain("max-epochs");
    }

    @Test
    void historyWords() {
        assertThat(HistoryWords.setting("validationFraction")).isEqualTo("validation fraction");
        assertThat(HistoryWords.setting("l2")).isEqualTo("l2");
        assertThat(HistoryWords.value("1.0E-6")).isEqualTo("0.000001");
        assertThat(HistoryWords.value("0.0010")).isEqualTo("0.001");
        assertThat(HistoryWords.value("adam")).isEqualTo("adam");
        assertThat(HistoryWords.value("16,8")).isEqualTo("16,8");
        assertThat(HistoryWords.stopped("early-stopping", 12)).isEqualTo(
                "early stopping (validation loss stopped improving; kept epoch 12)");
    }

    @Test
    void aWideNetworkOnHundredsOfRows() throws Exception {
        Path model = dir.resolve("diabetes.json");
        Path data = RealDataTest.DATA.resolve("diabetes.csv");
        assertThat(Cli.run("train", data.toString(), "--hidden", "100,100", "--epochs", "3", "--out",
                model.toString(), "--quiet").exitCode()).isZero();
        String html = report(model, data);
        assertThat(html).contains("alt=\"predicted against actual");
    }

    private String report(Path model, Path data) throws Exception {
        Path page = dir.resolve("report.html");
        Cli run = Cli.run("report", "--model", model.toString(), data.toString(), "--out", page.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(page)).isLessThanOrEqualTo(MOST_BYTES);
        return Files.readString(page);
    }
}
