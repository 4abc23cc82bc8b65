package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code evaluate --format json}, {@code plot --kind roc|pr} and {@code report} on a two-class model: the ROC AUC
 * equals the share of (malignant, benign) pairs the predicted probabilities order right, counted here from
 * {@code predict --proba}.
 */
class BinaryCurvesCommandsTest {
    private static final String DATA = Path.of("..", "data", "breast_cancer.csv").toString();
    @TempDir
    static Path dir;
    private static String model;

    @BeforeAll
    static void train() {
        model = dir.resolve("bc.json").toString();
        Cli run = Cli.run("train", DATA, "--hidden", "4", "--epochs", "40", "--seed", "2", "--quiet", "--out", model);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void evaluateReportsTheCurvesAndAnAucEqualToThePairsOrderedRight() throws Exception {
        JsonNode json = Cli.run("evaluate", "--model", model, DATA, "--format", "json").json();
        String positive = json.get("positiveClass").asText();
        assertThat(positive).isEqualTo("malignant");
        // The probabilities predict prints, and each row's class.
        Path predictions = dir.resolve("predictions.csv");
        assertThat(Cli.run("predict", "--model", model, DATA, "--proba", "--out", predictions.toString()).exitCode())
                .isZero();
        String[] lines = Files.readString(predictions).split("\n");
        String[] rows = Files.readString(Path.of(DATA)).split("\r?\n");
        int proba = List.of(lines[0].split(",")).indexOf("proba_" + positive);
        int actual = List.of(rows[0].split(",")).indexOf("diagnosis");
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            double p = Double.parseDouble(lines[i].split(",")[proba]);
            (rows[i].split(",")[actual].strip().equals(positive) ? pos : neg).add(p);
        }
        double ordered = 0;
        for (double p : pos) {
            for (double q : neg) {
                ordered += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        JsonNode roc = json.get("roc");
        assertThat(roc.get("auc").asDouble()).isCloseTo(ordered / (pos.size() * (double) neg.size()), within(1e-3))
                .isGreaterThan(0.9);
        assertThat(roc.get("thresholds").get(0).isNull()).isTrue();
        int points = roc.get("falsePositiveRate").size();
        assertThat(roc.get("truePositiveRate").size()).isEqualTo(points);
        assertThat(roc.get("falsePositiveRate").get(points - 1).asDouble()).isEqualTo(1.0);
        JsonNode pr = json.get("precisionRecall");
        assertThat(pr.get("averagePrecision").asDouble()).isBetween(0.8, 1.0);
        int prPoints = pr.get("precision").size();
        // At the lowest threshold every row is called positive: precision is the share of malignant rows, 212/569.
        assertThat(pr.get("precision").get(prPoints - 2).asDouble()).isCloseTo(212.0 / 569, within(1e-12));
        assertThat(pr.get("recall").get(prPoints - 1).asDouble()).isEqualTo(0.0);
    }

    @Test
    void plotDrawsBothCurvesAndRefusesThemForThreeClasses() throws Exception {
        for (String kind : new String[] {"roc", "pr"}) {
            Path out = dir.resolve(kind + ".svg");
            Cli run = Cli.run("plot", "--model", model, DATA, "--kind", kind, "--out", out.toString());
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo(kind + " plot written to " + out + "\n");
            assertThat(Files.readString(out)).contains(kind.equals("roc") ? "ROC (AUC 0." : "average precision 0.");
        }
        String iris = dir.resolve("iris.json").toString();
        assertThat(Cli.run("train", Path.of("..", "data", "iris.csv").toString(), "--epochs", "2", "--quiet",
                "--out", iris).exitCode()).isZero();
        Cli refused = Cli.run("plot", "--model", iris, Path.of("..", "data", "iris.csv").toString(), "--kind", "roc",
                "--out", dir.resolve("no.png").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("error: --kind roc is for a classifier of two classes, on rows of both; "
                + "this one has 3 classes (confusion shows them)\n");
        assertThat(dir.resolve("no.png")).doesNotExist();
    }

    @Test
    void theReportShowsTheAreasAndBothCurves() throws Exception {
        Path out = dir.resolve("report.html");
        assertThat(Cli.run("report", "--model", model, DATA, "--out", out.toString()).exitCode()).isZero();
        String html = Files.readString(out);
        assertThat(html).contains("positive class malignant").contains("ROC AUC").contains("ROC curve: malignant")
                .contains("Precision-recall curve: malignant");
    }
}
