package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** plot and report of a regression model of several targets (linnerud's weight, waist and pulse): each is shown. */
class SeveralTargetsPicturesTest {
    private static final Path DATA = RealDataTest.DATA.resolve("linnerud.csv");
    private static final List<String> TARGETS = List.of("weight", "waist", "pulse");

    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void train() {
        model = dir.resolve("m.json");
        Cli train = Cli.run("train", DATA.toString(), "--target", "weight,waist,pulse", "--epochs", "50", "--out",
                model.toString(), "--quiet");
        assertThat(train.exitCode()).as(train.err()).isZero();
    }

    @Test
    void plotStacksOnePanelPerTargetAndTargetNamePicksOne() throws IOException {
        Path all = dir.resolve("all.png");
        Cli run = Cli.run("plot", "--model", model.toString(), DATA.toString(), "--out", all.toString(), "--width",
                "400", "--height", "300", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("kind").asText()).isEqualTo("fit");
        assertThat(run.json().get("panels").asInt()).isEqualTo(3);
        BufferedImage stacked = ImageIO.read(all.toFile());
        assertThat(stacked.getWidth()).isEqualTo(400);
        assertThat(stacked.getHeight()).isEqualTo(900);

        // Each panel is the picture of its target alone, drawn at its place.
        for (int t = 0; t < 3; t++) {
            Path one = dir.resolve(TARGETS.get(t) + ".png");
            Cli single = Cli.run("plot", "--model", model.toString(), DATA.toString(), "--out", one.toString(),
                    "--width", "400", "--height", "300", "--target-name", TARGETS.get(t));
            assertThat(single.exitCode()).as(single.err()).isZero();
            BufferedImage panel = ImageIO.read(one.toFile());
            assertThat(panel.getHeight()).isEqualTo(300);
            int differing = 0;
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 400; x++) {
                    differing += panel.getRGB(x, y) == stacked.getRGB(x, 300 * t + y) ? 0 : 1;
                }
            }
            assertThat(differing).as("pixels of panel %d unlike the plot of %s alone", t, TARGETS.get(t)).isZero();
        }

        Path svg = dir.resolve("all.svg");
        assertThat(Cli.run("plot", "--model", model.toString(), DATA.toString(), "--out", svg.toString())
                .exitCode()).isZero();
        String drawing = Files.readString(svg);
        for (String target : TARGETS) {
            assertThat(drawing).contains("Predicted against actual: " + target + ", R");
        }
    }

    @Test
    void plotRefusesAnUnknownTargetNameAndPanelsTooHigh() {
        Path out = dir.resolve("p.png");
        Cli unknown = Cli.run("plot", "--model", model.toString(), DATA.toString(), "--out", out.toString(),
                "--target-name", "chins");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("error: --target-name 'chins' is not a target of this model (its "
                + "targets: weight, waist, pulse)\n");
        Cli high = Cli.run("plot", "--model", model.toString(), DATA.toString(), "--out", out.toString(),
                "--height", "4000");
        assertThat(high.exitCode()).isEqualTo(2);
        assertThat(high.err()).isEqualTo("error: 3 panels of --height 4000 would be more than 10000 pixels high; "
                + "lower --height or plot one target with --target-name\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void reportShowsEachTargetsMetricsInItsOwnUnitsAndItsFit() throws IOException {
        Path html = dir.resolve("r.html");
        Cli run = Cli.run("report", "--model", model.toString(), DATA.toString(), "--out", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String page = Files.readString(html);
        JsonNode evaluated = Cli.run("evaluate", "--model", model.toString(), DATA.toString(), "--format", "json")
                .json().get("targets");
        assertThat(page).contains("regression of <code>weight</code>, <code>waist</code>, <code>pulse</code></p>");
        assertThat(page).contains("<tr><th>target</th><th>MSE</th><th>RMSE</th><th>MAE</th><th>R²</th></tr>");
        for (int t = 0; t < 3; t++) {
            JsonNode metrics = evaluated.get(t);
            assertThat(metrics.get("name").asText()).isEqualTo(TARGETS.get(t));
            assertThat(page).contains("<tr><td>" + TARGETS.get(t) + "</td><td>"
                    + Text.number(metrics.get("mse").asDouble()) + "</td><td>"
                    + Text.number(metrics.get("rmse").asDouble()) + "</td><td>"
                    + Text.number(metrics.get("mae").asDouble()) + "</td><td>"
                    + Text.number(metrics.get("r2").asDouble()) + "</td></tr>");
        }
        Matcher fits = Pattern.compile("Predicted against actual: (\\w+), R").matcher(page);
        StringBuilder shown = new StringBuilder();
        while (fits.find()) {
            shown.append(fits.group(1)).append(' ');
        }
        assertThat(shown.toString()).isEqualTo("weight waist pulse ");
        // The pooled metrics of several targets in different units mean little, so the page leaves them out.
        assertThat(page).doesNotContain("<tr><td>RMSE</td>");
    }
}
