package dev.backprop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** plot, draw and train --plot-loss write real pictures: decodable PNG of the asked size, or SVG. */
class PicturesTest {
    @TempDir
    Path dir;

    private Path model() {
        Path model = dir.resolve("m.json");
        assertThat(Cli.run("train", "--out", model.toString(), "--epochs", "2000").exitCode()).isZero();
        return model;
    }

    private Path data() throws IOException {
        return Files.writeString(dir.resolve("s.csv"), "sleep,study,score\n3,5,75\n5,1,82\n10,2,93\n");
    }

    private static int countColour(BufferedImage image, int rgb) {
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void drawShowsPositiveAndNegativeWeights() throws IOException {
        Path png = dir.resolve("net.png");
        Cli run = Cli.run("draw", "--model", model().toString(), png.toString(), "--width", "640", "--height", "400");

        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
        // The legend's swatches and the strongest edges are drawn in the exact sign colours.
        assertThat(countColour(image, 0x1f77b4)).isGreaterThan(50);
        assertThat(countColour(image, 0xd62728)).isGreaterThan(50);

        Path svg = dir.resolve("net.svg");
        assertThat(Cli.run("draw", "-m", model().toString(), svg.toString()).exitCode()).isZero();
        assertThat(Files.readString(svg)).contains("<svg").contains("sleep").contains("study").contains("score");
    }

    @Test
    void plotDrawsTheSurfaceForTwoInputsAndTheFitOtherwise() throws IOException {
        Path surface = dir.resolve("surface.png");
        Cli run = Cli.run("plot", "--model", model().toString(), data().toString(), "--out", surface.toString(),
                "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("kind").asText()).isEqualTo("surface");
        assertThat(ImageIO.read(surface.toFile()).getWidth()).isEqualTo(900);

        Path fit = dir.resolve("fit.svg");
        Cli fitRun = Cli.run("plot", "--model", model().toString(), data().toString(), "--kind", "fit", "--out",
                fit.toString());
        assertThat(fitRun.exitCode()).as(fitRun.err()).isZero();
        assertThat(Files.readString(fit)).contains("<svg").contains("Predicted against actual: score");
        assertThat(Files.readString(fit)).containsPattern("Predicted against actual: score, R² = -?[0-9.]+<");
    }

    @Test
    void trainPlotsTheLossOfEveryEpoch() throws IOException {
        Path plot = dir.resolve("loss.svg");
        Cli run = Cli.run("train", "--out", dir.resolve("m.json").toString(), "--epochs", "100", "--plot-loss",
                plot.toString(), "--log-scale");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(plot)).contains("<svg").contains("Loss per epoch").contains(">epoch<");
        // The seed's first 100 epochs take J from 0.26 to about 0.04: the log axis says so in plain decimals.
        assertThat(Files.readString(plot)).contains(">0.1<").contains(">0.2<").doesNotContainPattern(">[0-9.]+E-?[0-9]+<");
    }

    @Test
    void picturesNeedAPictureExtension() {
        Cli run = Cli.run("draw", "--model", model().toString(), dir.resolve("net.gif").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("must end in .png or .svg");
        assertThat(Files.exists(dir.resolve("net.gif"))).isFalse();
        Cli plot = Cli.run("train", "--plot-loss", dir.resolve("l.txt").toString(), "--out",
                dir.resolve("x.json").toString());
        assertThat(plot.exitCode()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("x.json"))).isFalse();
    }
}
