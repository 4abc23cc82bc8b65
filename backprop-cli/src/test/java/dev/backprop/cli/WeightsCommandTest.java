package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train --class-weight} and {@code --sample-weight}: on the 95/5 breast-cancer set, balanced weights raise
 * the malignant recall and the balanced accuracy on the held-out rows; the weights are noted in the model's training
 * record; bad weights are refused with the file, line and column.
 */
class WeightsCommandTest {
    private static final String TRAIN = Path.of("..", "data", "breast_cancer_95_5.csv").toString();
    private static final String TEST = Path.of("..", "data", "breast_cancer_95_5_test.csv").toString();

    @TempDir
    Path dir;

    private JsonNode trainAndEvaluate(String name, String... weights) {
        String model = dir.resolve(name).toString();
        String[] args = {"train", TRAIN, "--seed", "1", "--quiet", "--out", model};
        String[] all = new String[args.length + weights.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(weights, 0, all, args.length, weights.length);
        Cli train = Cli.run(all);
        assertThat(train.exitCode()).as(train.err()).isZero();
        return Cli.run("evaluate", "--model", model, TEST, "--format", "json").json();
    }

    private static double recall(JsonNode evaluation, String name) {
        for (JsonNode c : evaluation.get("classes")) {
            if (c.get("name").asText().equals(name)) {
                return c.get("recall").asDouble();
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void balancedRaisesTheMinorityRecallAndTheBalancedAccuracy() throws Exception {
        JsonNode plain = trainAndEvaluate("plain.json");
        JsonNode balanced = trainAndEvaluate("balanced.json", "--class-weight", "balanced");
        // 14 of the 281 training rows are malignant; the test rows hold 198 malignant and 90 benign.
        assertThat(recall(balanced, "malignant")).isGreaterThan(recall(plain, "malignant") + 0.02);
        assertThat(balanced.get("balancedAccuracy").asDouble())
                .isGreaterThan(plain.get("balancedAccuracy").asDouble() + 0.01);
        JsonNode settings = new ObjectMapper().readTree(dir.resolve("balanced.json").toFile()).get("training")
                .get("settings");
        assertThat(settings.get("classWeight").asText()).isEqualTo("balanced");
        assertThat(new ObjectMapper().readTree(dir.resolve("plain.json").toFile()).get("training").get("settings")
                .has("classWeight")).isFalse();
    }

    @Test
    void aWeightedRunResumedFromItsCheckpointWritesTheUnbrokenRunsModel() throws Exception {
        String[] common = {"train", TRAIN, "--class-weight", "balanced", "--seed", "2", "--quiet", "--epochs", "12",
                "--hidden", "8"};
        Path whole = dir.resolve("whole.json");
        Path cut = dir.resolve("cut.json");
        assertThat(Cli.run(concat(common, "--out", whole.toString())).exitCode()).isZero();
        assertThat(Cli.run(concat(common, "--out", cut.toString(), "--max-time", "0.000000001")).exitCode()).isZero();
        Cli resumed = Cli.run("train", "--resume", dir.resolve("cut.json.checkpoint.json").toString(), "--max-time",
                "1h", "--quiet");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(Files.readAllBytes(cut)).isEqualTo(Files.readAllBytes(whole));
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Arrays.stream(first), Arrays.stream(more)).toArray(String[]::new);
    }

    @Test
    void aSampleWeightColumnWeighsRowsAndIsNoInput() throws Exception {
        // With the seed's summed loss, a weight of 2 is the row twice: the same J as the data with row 2 repeated.
        Path weighted = dir.resolve("w.csv");
        Files.writeString(weighted, "x,w,y\n0.1,1,0.2\n0.5,2,0.6\n0.9,1,0.7\n0.3,1,0.1\n");
        Path repeated = dir.resolve("r.csv");
        Files.writeString(repeated, "x,y\n0.1,0.2\n0.5,0.6\n0.5,0.6\n0.9,0.7\n0.3,0.1\n");
        String[] seed = {"--preset", "seed", "--quiet", "--epochs", "300"};
        Cli a = Cli.run(concat(new String[] {"train", weighted.toString(), "--sample-weight", "w", "--out",
                dir.resolve("a.json").toString()}, seed));
        Cli b = Cli.run(concat(new String[] {"train", repeated.toString(), "--out", dir.resolve("b.json").toString()},
                seed));
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out().lines().skip(1).findFirst().orElseThrow()).startsWith("trained 1 -> 3 sigmoid -> 1 sigmoid");
        assertThat(a.out().lines().skip(2).findFirst()).isEqualTo(b.out().lines().skip(2).findFirst());
        JsonNode model = new ObjectMapper().readTree(dir.resolve("a.json").toFile());
        assertThat(model.get("inputs").toString()).isEqualTo("[\"x\"]");
        assertThat(model.get("training").get("settings").get("sampleWeight").asText()).isEqualTo("w");
        // predict does not need the weight column.
        Path rows = dir.resolve("new.csv");
        Files.writeString(rows, "x\n0.4\n");
        assertThat(Cli.run("predict", "--model", dir.resolve("a.json").toString(), rows.toString()).exitCode())
                .isZero();
    }

    @Test
    void aSampleWeightColumnAlsoIgnoredIsStillReadAsWeights() throws Exception {
        // --ignore reads a column as text whatever it holds; the weights were refused as text ("holds text").
        Path weighted = dir.resolve("w.csv");
        Files.writeString(weighted, "x,w,y\n0.1,1,0.2\n0.5,2,0.6\n0.9,1,0.7\n0.3,1,0.1\n");
        String[] seed = {"train", weighted.toString(), "--sample-weight", "w", "--preset", "seed", "--quiet",
            "--epochs", "300"};
        Cli plain = Cli.run(concat(seed, new String[] {"--out", dir.resolve("a.json").toString()}));
        Cli ignored = Cli.run(concat(seed, new String[] {"--ignore", "w", "--out", dir.resolve("b.json").toString()}));
        assertThat(ignored.exitCode()).as(ignored.err()).isZero();
        assertThat(ignored.out().lines().skip(2).findFirst()).isEqualTo(plain.out().lines().skip(2).findFirst());
        JsonNode model = new ObjectMapper().readTree(dir.resolve("b.json").toFile());
        assertThat(model.get("inputs").toString()).isEqualTo("[\"x\"]");
    }

    @Test
    void badWeightsAreRefusedNamingFileLineAndColumn() throws Exception {
        Path data = dir.resolve("bad.csv");
        String[][] cases = {
                {"x,w,y\n0.1,1,0.2\n0.5,-2,0.6\n", "line 3, column 'w': a sample weight must be a finite number >= 0 "
                        + "but is -2"},
                {"x,w,y\n0.1,1,0.2\n0.5,,0.6\n", "line 3, column 'w': the sample weight is empty"},
                {"x,w,y\n0.1,0,0.2\n0.5,0,0.6\n", "every row's weight is 0 (column 'w'): no row would count"},
                {"x,v,y\n0.1,1,0.2\n0.5,1,0.6\n", "--sample-weight names the column 'w', which the header does not have"}};
        for (String[] c : cases) {
            Files.writeString(data, c[0]);
            Path out = dir.resolve("never.json");
            Cli run = Cli.run("train", data.toString(), "--sample-weight", "w", "--quiet", "--out", out.toString());
            assertThat(run.exitCode()).as(c[1]).isEqualTo(2);
            assertThat(run.err()).as(c[1]).startsWith("error: " + data).contains(c[1]).hasLineCount(1);
            assertThat(out).doesNotExist();
        }
        Cli unknownClass = Cli.run("train", TRAIN, "--class-weight", "cancer=3", "--quiet", "--out",
                dir.resolve("never.json").toString());
        assertThat(unknownClass.exitCode()).isEqualTo(2);
        assertThat(unknownClass.err()).isEqualTo("error: class weights name 'cancer', which is not a class of the "
                + "target (classes: benign, malignant)\n");
    }

    /** Iris with a last column w of row weights: 1 on every row, or {@code setosa} on the setosa rows. */
    private Path irisWithWeights(String name, String setosa) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "data", "iris.csv"));
        StringBuilder text = new StringBuilder(lines.get(0)).append(",w\n");
        for (String line : lines.subList(1, lines.size())) {
            text.append(line).append(',').append(line.endsWith(",setosa") ? setosa : "1").append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void cvAndTuneWeighEachFoldsTrainingRowsAsTrainDoes() throws Exception {
        String[] quick = {"--target", "species", "--folds", "3", "--hidden", "4", "--epochs", "20", "--seed", "1",
                "--format", "json"};
        Path ones = irisWithWeights("ones.csv", "1");
        JsonNode plain = Cli.run(concat(new String[] {"cv", ones.toString(), "--ignore", "w"}, quick)).json();
        // Weights of 1 multiply exactly, and the weight column is read but never an input: the same scores.
        Cli unit = Cli.run(concat(new String[] {"cv", ones.toString(), "--sample-weight", "w"}, quick));
        assertThat(unit.exitCode()).as(unit.err()).isZero();
        assertThat(unit.json().get("foldScores")).isEqualTo(plain.get("foldScores"));
        JsonNode heavy = Cli.run(concat(new String[] {"cv", irisWithWeights("heavy.csv", "20").toString(),
                "--sample-weight", "w"}, quick)).json();
        JsonNode classes = Cli.run(concat(new String[] {"cv", ones.toString(), "--ignore", "w", "--class-weight",
                "setosa=20"}, quick)).json();
        // Weighing setosa's rows by a column or by their class is one objective.
        assertThat(classes.get("foldScores")).isEqualTo(heavy.get("foldScores"));
        assertThat(heavy.get("mean").get("logLoss").asDouble())
                .isNotEqualTo(plain.get("mean").get("logLoss").asDouble());

        Cli missing = Cli.run(concat(new String[] {"cv", ones.toString(), "--sample-weight", "nope"}, quick));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: ").contains("--sample-weight names the column 'nope'");

        Path model = dir.resolve("tuned.json");
        Cli tune = Cli.run(concat(new String[] {"tune", ones.toString(), "--ignore", "w", "--class-weight",
                "balanced", "--search", "learning-rate=0.01,0.05", "--out", model.toString(), "--results",
                dir.resolve("trials.jsonl").toString()}, quick));
        assertThat(tune.exitCode()).as(tune.err()).isZero();
        assertThat(tune.json().toString()).contains("--class-weight balanced");
        assertThat(new ObjectMapper().readTree(model.toFile()).get("training").get("settings").get("classWeight")
                .asText()).isEqualTo("balanced");
    }

    @Test
    void studioTrainsOnTheWeightedRows() {
        StudioSession session = StudioTest.session(Path.of("..", "data", "iris.csv").toString(), "--class-weight",
                "setosa=3");
        double[] weights = session.dataset().weights();
        assertThat(weights).hasSize(150);
        assertThat(weights[0]).isEqualTo(3.0);
        assertThat(weights[149]).isEqualTo(1.0);
    }
}
