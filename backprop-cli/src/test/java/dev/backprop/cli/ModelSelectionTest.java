package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static dev.backprop.cli.Cli.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** backprop cv, tune and importance run for real: their numbers, files and exit codes. */
class ModelSelectionTest {
    private static final String IRIS = RealDataTest.DATA.resolve("iris.csv").toString();
    private static final String[] QUICK = {"--hidden", "8", "--epochs", "30", "--learning-rate", "0.02"};

    @TempDir
    Path dir;

    private static String[] args(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    void cvPrintsEachFoldAndTheMeanAndSdOfItsScores() {
        Cli run = Cli.run(args(new String[] {"cv", IRIS, "--folds", "3", "--format", "json"}, QUICK));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        JsonNode folds = json.get("foldScores");
        assertThat(folds).hasSize(3);
        double sum = 0;
        for (JsonNode fold : folds) {
            assertThat(fold.get("trainRows").asInt()).isEqualTo(100);
            assertThat(fold.get("testRows").asInt()).isEqualTo(50);
            sum += fold.get("accuracy").asDouble();
        }
        double mean = sum / 3;
        double squares = 0;
        for (JsonNode fold : folds) {
            squares += Math.pow(fold.get("accuracy").asDouble() - mean, 2);
        }
        assertThat(json.get("mean").get("accuracy").asDouble()).isCloseTo(mean, within(1e-12));
        assertThat(json.get("sd").get("accuracy").asDouble()).isCloseTo(Math.sqrt(squares / 2), within(1e-12));
        assertThat(json.get("mean").get("accuracy").asDouble()).isGreaterThan(0.8);
        assertThat(json.get("mean").has("logLoss")).isTrue();
        assertThat(json.get("mean").has("macroF1")).isTrue();

        Cli text = Cli.run(args(new String[] {"cv", IRIS, "--folds", "3"}, QUICK));
        assertThat(text.out()).contains("3-fold cross-validation of " + IRIS + ": classification of 'species', "
                + "150 rows, seed 42").contains("mean ± sd over 3 folds:")
                .contains(String.format(Locale.ROOT, "accuracy          %.4f ± %.4f", mean, Math.sqrt(squares / 2)));
    }

    @Test
    void balancedAccuracyIsTheMeanRecallOfTheClassesAndRanksHigherFirst() throws IOException {
        // One input that says nothing: every row gets the same prediction, the majority class a (16 of 20 rows).
        // Each of 4 stratified folds tests 4 a and 1 b: accuracy 4/5, recalls 1 and 0, so balanced accuracy
        // (1 + 0) / 2 = 0.5; F1 of a 2 (4/5)(1) / (4/5 + 1) = 8/9, of b 0, macro F1 4/9.
        StringBuilder csv = new StringBuilder("x,c\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i < 16 ? "1,a\n" : "1,b\n");
        }
        Path data = Files.writeString(dir.resolve("majority.csv"), csv.toString());
        Cli run = Cli.run("cv", data.toString(), "--folds", "4", "--metric", "balanced-accuracy", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("metric").asText()).isEqualTo("balancedAccuracy");
        for (JsonNode fold : run.json().get("foldScores")) {
            assertThat(fold.get("accuracy").asDouble()).isEqualTo(0.8);
            assertThat(fold.get("balancedAccuracy").asDouble()).isEqualTo(0.5);
            assertThat(fold.get("macroF1").asDouble()).isCloseTo(4.0 / 9, within(1e-12));
        }
        assertThat(run.json().get("mean").fieldNames()).toIterable()
                .containsExactly("balancedAccuracy", "accuracy", "logLoss", "macroF1");

        Cli text = Cli.run("cv", data.toString(), "--folds", "4", "--metric", "balancedAccuracy");
        assertThat(text.out()).contains("repeat  fold  train  test  balanced accuracy  accuracy")
                .contains("mean ± sd over 4 folds:\nbalanced accuracy 0.5000 ± 0.0000\naccuracy          0.8000");
        Cli tune = Cli.run("tune", data.toString(), "--search", "hidden=2", "--folds", "4", "--metric",
                "balanced-accuracy", "--results", dir.resolve("trials.jsonl").toString());
        assertThat(tune.out()).contains("best: trial 1, balanced accuracy 0.5000 ± 0.0000 (mean ± sd over 4 folds)");
    }

    @Test
    void maeIsTheMeanAbsoluteErrorInTheTargetsUnitsAndRanksLowerFirst() throws IOException {
        // One input that says nothing: L-BFGS fits each fold's model to the mean of its training targets, so a
        // fold's MAE is the mean |y - that mean| over its test rows, computed here from the folds cv saved.
        double[] y = {3, 5, 8, 1, 9, 4, 7, 2, 6, 10, 12, 0};
        StringBuilder csv = new StringBuilder("x,y\n");
        for (double v : y) {
            csv.append("1,").append(v).append('\n');
        }
        Path data = Files.writeString(dir.resolve("constant.csv"), csv.toString());
        Path folds = dir.resolve("folds.csv");
        Cli run = Cli.run("cv", data.toString(), "--folds", "4", "--optimizer", "lbfgs", "--metric", "mae",
                "--save-folds", folds.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("metric").asText()).isEqualTo("mae");
        List<List<Integer>> tests = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            tests.add(new ArrayList<>());
        }
        Files.readAllLines(folds).stream().skip(1).map(line -> line.split(","))
                .forEach(cells -> tests.get(Integer.parseInt(cells[1]) - 1).add(Integer.parseInt(cells[2])));
        double total = 0;
        for (double v : y) {
            total += v;
        }
        double maes = 0;
        for (int f = 0; f < 4; f++) {
            double testSum = 0;
            for (int row : tests.get(f)) {
                testSum += y[row];
            }
            double trainMean = (total - testSum) / (y.length - tests.get(f).size());
            double mae = 0;
            for (int row : tests.get(f)) {
                mae += Math.abs(y[row] - trainMean) / tests.get(f).size();
            }
            maes += mae / 4;
            assertThat(run.json().get("foldScores").get(f).get("mae").asDouble()).isCloseTo(mae, within(1e-4));
        }
        assertThat(run.json().get("mean").get("mae").asDouble()).isCloseTo(maes, within(1e-4));

        Cli tune = Cli.run("tune", data.toString(), "--search", "hidden=2", "--folds", "4", "--optimizer", "lbfgs",
                "--metric", "mae", "--results", dir.resolve("trials.jsonl").toString());
        assertThat(tune.out()).contains(String.format(Locale.ROOT, "best: trial 1, MAE %.4f ± ", maes))
                .contains("lower is better");
    }

    @Test
    void cvGivesTheSameScoresOnOneThreadAsOnSeveralAndAnotherSeedOthers() {
        Cli one = Cli.run(args(new String[] {"cv", IRIS, "--folds", "4", "--repeats", "2", "--jobs", "1",
                "--format", "json"}, QUICK));
        Cli two = Cli.run(args(new String[] {"cv", IRIS, "--folds", "4", "--repeats", "2", "--format", "json"},
                QUICK));
        Cli other = Cli.run(args(new String[] {"cv", IRIS, "--folds", "4", "--repeats", "2", "--seed", "7",
                "--format", "json"}, QUICK));
        assertThat(one.json().get("foldScores")).hasSize(8);
        assertThat(two.json()).isEqualTo(one.json());
        assertThat(other.json().get("foldScores")).isNotEqualTo(one.json().get("foldScores"));
    }

    @Test
    void cvSavesStratifiedFolds() throws IOException {
        Path folds = dir.resolve("folds.csv");
        Cli run = Cli.run(args(new String[] {"cv", IRIS, "--folds", "3", "--save-folds", folds.toString()}, QUICK));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(folds);
        assertThat(lines.get(0)).isEqualTo("repeat,fold,row");
        assertThat(lines).hasSize(151);
        int[][] perClass = new int[3][3];
        boolean[] seen = new boolean[150];
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            int row = Integer.parseInt(cells[2]);
            assertThat(seen[row]).isFalse();
            seen[row] = true;
            perClass[Integer.parseInt(cells[1]) - 1][row / 50]++;
        }
        for (int[] fold : perClass) {
            for (int count : fold) {
                assertThat(count).isBetween(16, 17);
            }
        }
    }

    @Test
    void aFoldThatCannotBeTrainedOnIsNamed() throws IOException {
        StringBuilder csv = new StringBuilder("x,c\n");
        for (int i = 0; i < 9; i++) {
            csv.append(i).append(".5,a\n");
        }
        csv.append("9.5,b\n");
        Path data = Files.writeString(dir.resolve("one-b.csv"), csv.toString());
        Cli run = Cli.run("cv", data.toString(), "--folds", "2", "--epochs", "5", "--quiet");
        assertBadInput(run, "error: fold ");
        assertThat(run.err()).contains("class");
    }

    @Test
    void cvLeavesAnIdentifierOutAsTrainDoes() throws IOException {
        StringBuilder csv = new StringBuilder("id,x,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append("row-").append(i).append(',').append(i / 40.0).append(',').append(i < 20 ? "low" : "high")
                    .append('\n');
        }
        Path data = dir.resolve("ids.csv");
        Files.writeString(data, csv);
        Cli inferred = Cli.run("cv", data.toString(), "--folds", "4", "--epochs", "20", "--format", "json");
        Cli ignored = Cli.run("cv", data.toString(), "--ignore", "id", "--folds", "4", "--epochs", "20", "--format",
                "json");
        assertThat(inferred.exitCode()).as(inferred.err()).isZero();
        assertThat(inferred.err()).contains("warning: ").contains("'id'");
        assertThat(inferred.json().get("mean")).isEqualTo(ignored.json().get("mean"));
    }

    @Test
    void cvOfARegressionScoresR2AndRmseOnPlainFolds() throws IOException {
        Path data = synthetic();
        Cli run = Cli.run("cv", data.toString(), "--folds", "4", "--hidden", "16", "--epochs", "100", "--batch-size", "16",
                "--learning-rate", "0.01", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("task").asText()).isEqualTo("regression");
        assertThat(json.get("foldScores")).hasSize(4);
        for (JsonNode fold : json.get("foldScores")) {
            assertThat(fold.get("testRows").asInt()).isEqualTo(60);
            assertThat(fold.has("accuracy")).isFalse();
        }
        assertThat(json.get("mean").get("r2").asDouble()).isGreaterThan(0.8);
        assertThat(json.get("mean").get("rmse").asDouble()).isPositive();
        assertThat(json.get("sd").get("rmse").asDouble()).isPositive();
    }

    @Test
    void anOutputThatIsTheDataIsRefusedBeforeAnythingRuns() throws IOException {
        Path data = synthetic();
        byte[] before = Files.readAllBytes(data);
        assertBadInput(Cli.run("cv", data.toString(), "--save-folds", data.toString()),
                "writing it would destroy the input");
        assertBadInput(Cli.run("tune", data.toString(), "--search", "hidden=2", "--results", data.toString()),
                "writing it would destroy the input");
        assertBadInput(Cli.run("tune", data.toString(), "--search", "hidden=2", "--results",
                dir.resolve("r.jsonl").toString(), "--out", dir.resolve("r.jsonl").toString()),
                "are the same file");
        assertThat(Files.readAllBytes(data)).isEqualTo(before);
    }

    @Test
    void cvRefusesBadInputWithOneLineAndExitCode2() {
        assertBadInput(Cli.run("cv", IRIS, "--folds", "1"), "--folds must be >= 2 but was 1");
        assertBadInput(Cli.run("cv", IRIS, "--folds", "151"), "--folds 151 needs at least 151 rows but there are 150");
        assertBadInput(Cli.run("cv", IRIS, "--hidden", "0"), "--hidden");
        assertBadInput(Cli.run("cv", IRIS, "--target", "colour"), "colour");
        assertBadInput(Cli.run("cv", IRIS, "--repeats", "0"), "--repeats must be >= 1 but was 0");
        assertBadInput(Cli.run("cv", dir.resolve("none.csv").toString()), "none.csv");
    }

    @Test
    void tuneAppendsEachTrialResumesAndPrintsACommandThatTrainsTheBestModel() throws IOException {
        Path results = dir.resolve("trials.jsonl");
        Path best = dir.resolve("best.json");
        String[] tune = {"tune", IRIS, "--search", "hidden=4,8", "--search", "learning-rate=0.01,0.05", "--folds",
                "3", "--epochs", "30", "--results", results.toString(), "--trials", "3"};
        Cli first = Cli.run(tune);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(Files.readAllLines(results)).hasSize(3);

        Cli resumed = Cli.run(args(new String[] {"tune", IRIS, "--search", "hidden=4,8", "--search",
                "learning-rate=0.01,0.05", "--folds", "3", "--epochs", "30", "--results", results.toString(),
                "--out", best.toString()}));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(4);
        assertThat(resumed.out().lines().filter(line -> line.contains("(from trials.jsonl)"))).hasSize(3);
        assertThat(resumed.out()).contains("1      4           0.01 ").contains("4      8           0.05 ");

        // The best trial is the one with the highest mean accuracy in the file, and its command line trains it.
        double bestAccuracy = -1;
        JsonNode bestTrial = null;
        for (String line : lines) {
            JsonNode trial = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            if (trial.get("mean").get("accuracy").asDouble() > bestAccuracy) {
                bestAccuracy = trial.get("mean").get("accuracy").asDouble();
                bestTrial = trial;
            }
        }
        String command = resumed.out().lines().filter(line -> line.startsWith("backprop train ")).findFirst()
                .orElseThrow();
        assertThat(command).contains("--hidden " + bestTrial.get("settings").get("hidden").asText())
                .contains("--learning-rate " + bestTrial.get("settings").get("learning-rate").asText())
                .contains("--epochs 30").endsWith("--out " + best);
        assertThat(resumed.out()).contains(String.format(Locale.ROOT, "best: trial %d, accuracy %.4f",
                bestTrial.get("trial").asInt(), bestAccuracy));
        List<String> train = new ArrayList<>(List.of(command.split(" ")));
        train.remove(0);
        Path again = dir.resolve("again.json");
        train.set(train.size() - 1, again.toString());
        Cli retrained = Cli.run(args(train.toArray(String[]::new), "--quiet"));
        assertThat(retrained.exitCode()).as(retrained.err()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(best));
        assertThat(ModelFile.read(best).network().layer(0).outputs())
                .isEqualTo(bestTrial.get("settings").get("hidden").asInt());
        Cli cv = Cli.run("cv", IRIS, "--folds", "3", "--epochs", "30", "--hidden",
                bestTrial.get("settings").get("hidden").asText(), "--learning-rate",
                bestTrial.get("settings").get("learning-rate").asText(), "--format", "json");
        assertThat(cv.json().get("mean").get("accuracy").asDouble()).isEqualTo(bestAccuracy);
    }

    @Test
    void tuneRanksByTheMetricInItsDirectionAndCvListsItFirst() throws IOException {
        Path results = dir.resolve("trials.jsonl");
        String[] tune = {"tune", IRIS, "--search", "hidden=2,8", "--search", "learning-rate=0.003,0.05", "--folds",
                "3", "--epochs", "30", "--results", results.toString()};
        Cli json = Cli.run(args(tune, "--metric", "logLoss", "--format", "json"));
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.json().get("score").asText()).isEqualTo("logLoss");
        // The best trial has the lowest mean log loss, and it is lower than the first trial's: ranked the other way
        // round, the first trial (the worst here) would win.
        JsonNode trials = json.json().get("trials");
        JsonNode lowest = trials.get(0);
        JsonNode mostAccurate = trials.get(0);
        for (JsonNode trial : trials) {
            lowest = trial.get("mean").get("logLoss").asDouble() < lowest.get("mean").get("logLoss").asDouble()
                    ? trial : lowest;
            mostAccurate = trial.get("mean").get("accuracy").asDouble()
                    > mostAccurate.get("mean").get("accuracy").asDouble() ? trial : mostAccurate;
        }
        assertThat(json.json().get("best").get("trial").asInt()).isEqualTo(lowest.get("trial").asInt());
        assertThat(lowest.get("mean").get("logLoss").asDouble())
                .isLessThan(trials.get(0).get("mean").get("logLoss").asDouble());

        // Ranked by accuracy, the same trials (read back from the results file) give the most accurate one.
        Cli byAccuracy = Cli.run(args(tune, "--metric", "accuracy", "--format", "json"));
        assertThat(byAccuracy.json().get("best").get("trial").asInt())
                .isEqualTo(mostAccurate.get("trial").asInt());

        Cli text = Cli.run(args(tune, "--metric", "logLoss"));
        assertThat(text.out()).contains("trial  hidden      learning-rate  log loss    sd")
                .contains(String.format(Locale.ROOT, "best: trial %d, log loss %.4f ± %.4f (mean ± sd over 3 folds; "
                        + "lower is better)", lowest.get("trial").asInt(), lowest.get("mean").get("logLoss")
                        .asDouble(), lowest.get("sd").get("logLoss").asDouble()));

        Path data = synthetic();
        Cli cv = Cli.run("cv", data.toString(), "--folds", "3", "--epochs", "20", "--metric", "rmse");
        assertThat(cv.exitCode()).as(cv.err()).isZero();
        assertThat(cv.out()).contains("repeat  fold  train  test  RMSE    R^2")
                .contains("mean ± sd over 3 folds:\nRMSE");
        Cli cvJson = Cli.run("cv", data.toString(), "--folds", "3", "--epochs", "20", "--metric", "rmse",
                "--format", "json");
        assertThat(cvJson.json().get("metric").asText()).isEqualTo("rmse");

        assertBadInput(Cli.run("cv", data.toString(), "--metric", "accuracy"),
                "a regression model is scored by r2, rmse, mae, not 'accuracy'");
        assertBadInput(Cli.run("tune", IRIS, "--search", "hidden=2", "--metric", "rmse", "--results",
                dir.resolve("other.jsonl").toString()), "a classification model is scored by accuracy, logLoss, "
                + "macroF1, balancedAccuracy, not 'rmse'");
        assertThat(dir.resolve("other.jsonl")).doesNotExist();
    }

    @Test
    void tuneRefusesAResultsFileOfAnotherSearchAndLeavesItAlone() throws IOException {
        Path results = dir.resolve("trials.jsonl");
        assertThat(Cli.run("tune", IRIS, "--search", "hidden=4", "--folds", "2", "--epochs", "5", "--results",
                results.toString()).exitCode()).isZero();
        byte[] before = Files.readAllBytes(results);
        assertBadInput(Cli.run("tune", IRIS, "--search", "hidden=5", "--folds", "2", "--epochs", "5", "--results",
                results.toString()), "holds the trials of another search");
        assertThat(Files.readAllBytes(results)).isEqualTo(before);
    }

    @Test
    void aTrialLineCutOffMidWriteIsDroppedAndItsTrialRunAgain() throws IOException {
        Path results = dir.resolve("trials.jsonl");
        String[] tune = {"tune", IRIS, "--search", "hidden=3,4", "--folds", "2", "--epochs", "5", "--results",
                results.toString(), "--trials", "1"};
        assertThat(Cli.run(tune).exitCode()).isZero();
        String first = Files.readString(results);
        Files.writeString(results, first + first.substring(0, 40));
        tune[tune.length - 1] = "2";
        Cli resumed = Cli.run(tune);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0) + "\n").isEqualTo(first);
        assertThat(lines.get(1)).contains("\"trial\":2");
    }

    @Test
    void aRandomSearchIsSeededAndDrawsFromItsRanges() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        for (Path results : List.of(a, b)) {
            Cli run = Cli.run("tune", IRIS, "--search", "learning-rate=1e-3..1e-1:log", "--search", "l2=0..1e-2",
                    "--trials", "3", "--folds", "2", "--epochs", "5", "--hidden", "4", "--results", results.toString(),
                    "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            for (JsonNode trial : run.json().get("trials")) {
                double rate = Double.parseDouble(trial.get("settings").get("learning-rate").asText());
                double l2 = Double.parseDouble(trial.get("settings").get("l2").asText());
                assertThat(rate).isBetween(1e-3, 1e-1);
                assertThat(l2).isBetween(0.0, 1e-2);
            }
        }
        assertThat(Files.readAllLines(a)).isEqualTo(Files.readAllLines(b));
    }

    @Test
    void tuneRefusesBadSearchesWithOneLineAndExitCode2() {
        Path results = dir.resolve("r.jsonl");
        String out = results.toString();
        assertBadInput(Cli.run("tune", IRIS, "--search", "hiden=4", "--results", out),
                "--search names no training setting 'hiden' (settings: hidden, activation");
        assertBadInput(Cli.run("tune", IRIS, "--search", "l2=-1..1", "--results", out), "--l2 must be >= 0");
        assertBadInput(Cli.run("tune", IRIS, "--search", "l2=1..0", "--results", out),
                "the range's low end 1 must not exceed its high end 0");
        assertBadInput(Cli.run("tune", IRIS, "--search", "l2=0..1:log", "--results", out),
                "a :log range must be > 0");
        assertBadInput(Cli.run("tune", IRIS, "--search", "hidden=4,x", "--results", out),
                "'x' is not layer sizes such as 64 or 64x32");
        assertBadInput(Cli.run("tune", IRIS, "--search", "optimizer=adam,nope", "--results", out), "nope");
        assertBadInput(Cli.run("tune", IRIS, "--search", "activation=relu..tanh", "--results", out),
                "takes a list of values, not a range");
        assertBadInput(Cli.run("tune", IRIS, "--search", "l2=0..1", "--strategy", "grid", "--results", out),
                "--strategy grid needs lists of values");
        assertBadInput(Cli.run("tune", IRIS, "--search", "hidden=4", "--hidden", "3", "--results", out),
                "--hidden is both given and searched");
        assertThat(results).doesNotExist();
    }

    /** y = 3 x1 + sin(4 x1) with x2 and x3 pure noise, and a categorical column of noise. */
    private Path synthetic() throws IOException {
        SplittableRandom random = new SplittableRandom(4);
        StringBuilder csv = new StringBuilder("x2,x1,colour,x3,y\n");
        for (int i = 0; i < 240; i++) {
            double x1 = random.nextDouble();
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%s,%.5f,%.5f%n", random.nextDouble(), x1,
                    List.of("red", "green", "blue").get(random.nextInt(3)), random.nextDouble(),
                    3 * x1 + Math.sin(4 * x1)));
        }
        return Files.writeString(dir.resolve("synthetic.csv"), csv.toString());
    }

    @Test
    void importanceRanksTheOnlyColumnThatMattersFirstByAWideMargin() throws IOException {
        Path data = synthetic();
        Path model = dir.resolve("m.json");
        assertThat(Cli.run("train", data.toString(), "--hidden", "16", "--epochs", "200", "--learning-rate", "0.01",
                "--out", model.toString(), "--quiet").exitCode()).isZero();
        Path chart = dir.resolve("importance.svg");
        Cli run = Cli.run("importance", "--model", model.toString(), data.toString(), "--repeats", "4", "--out",
                chart.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode columns = run.json().get("columns");
        assertThat(columns).hasSize(4);
        assertThat(columns.get(0).get("column").asText()).isEqualTo("x1");
        assertThat(columns.get(0).get("drops")).hasSize(4);
        double x1 = columns.get(0).get("drop").asDouble();
        assertThat(x1).isGreaterThan(1.0);
        for (int j = 1; j < 4; j++) {
            assertThat(x1).isGreaterThan(20 * Math.abs(columns.get(j).get("drop").asDouble()));
        }
        assertThat(run.json().get("score").asText()).isEqualTo("r2");
        assertThat(Files.readString(chart)).startsWith("<?xml").contains("x1").contains("colour");

        Cli text = Cli.run("importance", "--model", model.toString(), data.toString(), "--repeats", "4");
        assertThat(text.out().lines().skip(2).findFirst().orElseThrow()).startsWith("x1 ");
    }

    @Test
    void importanceRefusesBadInputWithOneLineAndExitCode2() throws IOException {
        Path data = synthetic();
        Path model = dir.resolve("m.json");
        assertThat(Cli.run("train", data.toString(), "--epochs", "5", "--out", model.toString(), "--quiet")
                .exitCode()).isZero();
        assertBadInput(Cli.run("importance", "--model", model.toString(), data.toString(), "--metric", "accuracy"),
                "a regression model is scored by r2, rmse, mae, not 'accuracy'");
        assertBadInput(Cli.run("importance", "--model", model.toString(), data.toString(), "--repeats", "0"),
                "--repeats must be >= 1 but was 0");
        assertBadInput(Cli.run("importance", "--model", model.toString(), data.toString(), "--out",
                dir.resolve("x.gif").toString()), "x.gif");
        Path svgNamedModel = Files.copy(model, dir.resolve("model.svg"));
        assertBadInput(Cli.run("importance", "--model", svgNamedModel.toString(), data.toString(), "--out",
                svgNamedModel.toString()), "writing it would destroy the input");
    }
}
