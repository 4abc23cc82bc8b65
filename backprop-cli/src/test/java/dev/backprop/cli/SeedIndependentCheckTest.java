package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.SeedFormulas;
import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The foundation's "done when": on a hand-written model and pre-normalised data, {@code gradcheck} and
 * {@code train --init --scale none} agree with an independent implementation of the seed's formulas.
 */
class SeedIndependentCheckTest {
    static final double[][] X = {{0.3, 1.0}, {0.5, 0.2}, {1.0, 0.4}};
    static final double[][] Y = {{0.75}, {0.82}, {0.93}};
    static final double[][] W1 = {{0.5, -0.3, 0.8}, {-0.1, 0.4, 0.2}};
    static final double[][] W2 = {{0.7}, {-0.6}, {0.3}};

    @TempDir
    Path dir;

    private Path handWrittenModel() throws IOException {
        return Files.writeString(dir.resolve("hand.json"), """
                {"format": "backprop-model", "version": 1,
                 "inputs": ["sleep", "study"], "outputs": ["score"], "loss": "sse",
                 "layers": [
                   {"activation": "sigmoid", "bias": null, "weights": [[0.5, -0.3, 0.8], [-0.1, 0.4, 0.2]]},
                   {"activation": "sigmoid", "bias": null, "weights": [[0.7], [-0.6], [0.3]]}]}
                """);
    }

    private Path normalisedData() throws IOException {
        return Files.writeString(dir.resolve("scaled.csv"),
                "sleep,study,score\n0.3,1.0,0.75\n0.5,0.2,0.82\n1.0,0.4,0.93\n");
    }

    @Test
    void gradcheckMatchesTheSeedsClosedForms() throws IOException {
        Cli run = Cli.run("gradcheck", "--model", handWrittenModel().toString(), normalisedData().toString(),
                "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode layers = run.json().get("layers");
        double[][][] expected = SeedFormulas.gradients(X, Y, W1, W2);
        for (int l = 0; l < 2; l++) {
            JsonNode analytic = layers.get(l).get("weightGradient");
            JsonNode numerical = layers.get(l).get("numericalWeightGradient");
            for (int i = 0; i < expected[l].length; i++) {
                for (int j = 0; j < expected[l][0].length; j++) {
                    assertThat(analytic.get(i).get(j).asDouble()).isCloseTo(expected[l][i][j], within(1e-9));
                    assertThat(numerical.get(i).get(j).asDouble()).isCloseTo(expected[l][i][j], within(1e-9));
                }
            }
        }
        assertThat(run.json().get("loss").asDouble()).isCloseTo(SeedFormulas.loss(X, Y, W1, W2), within(1e-12));
    }

    @Test
    void trainFromAHandWrittenModelMatchesTheSeedsDescent() throws IOException {
        Path out = dir.resolve("after.json");
        Cli run = Cli.run("train", normalisedData().toString(), "--init", handWrittenModel().toString(),
                "--scale", "none", "--learning-rate", "1", "--epochs", "1000", "--tolerance", "0",
                "--out", out.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Model trained = ModelFile.read(out);
        double[][][] expected = SeedFormulas.descend(X, Y, W1, W2, 1.0, 1000);
        for (int l = 0; l < 2; l++) {
            double[][] weights = trained.network().layer(l).weights().toRows();
            for (int i = 0; i < expected[l].length; i++) {
                for (int j = 0; j < expected[l][0].length; j++) {
                    assertThat(weights[i][j]).isCloseTo(expected[l][i][j], within(1e-8));
                }
            }
        }
        assertThat(run.json().get("epochs").asInt()).isEqualTo(1000);
    }
}
