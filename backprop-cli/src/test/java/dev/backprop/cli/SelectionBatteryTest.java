package dev.backprop.cli;

import dev.backprop.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.backprop.cli.Cli.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

/** A hostile user's pass over cv, tune and importance: each case failed before the fix it pins. */
class SelectionBatteryTest {
    private static final Path IRIS = RealDataTest.DATA.resolve("iris.csv");
    private static final Path LINNERUD = RealDataTest.DATA.resolve("linnerud.csv");

    @TempDir
    Path dir;

    @Test
    void tuneRefusesTheResultsOfItsDataFileBeforeAnEditThatKeptTheRowCount() throws IOException {
        Path data = Files.copy(IRIS, dir.resolve("iris.csv"));
        Path results = dir.resolve("trials.jsonl");
        String[] tune = {"tune", data.toString(), "--search", "hidden=3,4", "--folds", "2", "--epochs", "5",
                "--results", results.toString(), "--quiet"};
        assertThat(Cli.run(tune).exitCode()).isZero();
        byte[] before = Files.readAllBytes(results);

        // The same rows under another path are the same data: the trials are taken from the file.
        Path moved = Files.copy(data, Files.createDirectories(dir.resolve("moved")).resolve("renamed.csv"));
        Cli elsewhere = Cli.run("tune", moved.toString(), "--search", "hidden=3,4", "--folds", "2", "--epochs", "5",
                "--results", results.toString(), "--quiet");
        assertThat(elsewhere.exitCode()).as(elsewhere.err()).isZero();
        assertThat(elsewhere.out().lines().filter(line -> line.contains("(from trials.jsonl)"))).hasSize(2);
        assertThat(Files.readAllBytes(results)).isEqualTo(before);

        // The same path, the same 150 rows, one label changed: the trials in the file were scored on other data.
        Files.writeString(data, Files.readString(data).replaceFirst("setosa", "virginica"));
        assertBadInput(Cli.run(tune), "holds the trials of another search (line 1 differs in data-sha256: the data "
                + "holds other rows than those the trials were scored on)");
        assertThat(Files.readAllBytes(results)).isEqualTo(before);
    }

    /** The {@code backprop train} line tune printed, run with its --out replaced by {@code model}. */
    private static Cli trainByTheCommandOf(Cli tune, Path model) {
        String command = tune.out().lines().filter(line -> line.startsWith("backprop train ")).findFirst()
                .orElseThrow(() -> new AssertionError(tune.out() + tune.err()));
        List<String> train = new ArrayList<>(List.of(command.split(" ")));
        train.remove(0);
        train.set(train.size() - 1, model.toString());
        train.add("--quiet");
        return Cli.run(train.toArray(String[]::new));
    }

    @Test
    void tuneOfSeveralTargetsPrintsACommandThatTrainsThemAllAndCvNamesThemAll() throws IOException {
        Path best = dir.resolve("best.json");
        Cli tune = Cli.run("tune", LINNERUD.toString(), "--target", "weight,waist", "--search", "l2=0,0.01",
                "--folds", "2", "--epochs", "5", "--hidden", "3", "--results", dir.resolve("t.jsonl").toString(),
                "--out", best.toString(), "--quiet");
        assertThat(tune.exitCode()).as(tune.err()).isZero();
        assertThat(tune.out()).contains(" --target weight,waist ");
        Path again = dir.resolve("again.json");
        Cli train = trainByTheCommandOf(tune, again);
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(ModelFile.read(again).targets()).containsExactly("weight", "waist");
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(best));

        Cli cv = Cli.run("cv", LINNERUD.toString(), "--target", "weight,waist", "--folds", "2", "--epochs", "5",
                "--hidden", "3", "--quiet");
        assertThat(cv.out()).startsWith("2-fold cross-validation of " + LINNERUD + ": regression of 'weight', "
                + "'waist' (scored over the 2 targets together), 20 rows, seed 42\n");
        Cli json = Cli.run("cv", LINNERUD.toString(), "--target", "weight,waist", "--folds", "2", "--epochs", "5",
                "--hidden", "3", "--quiet", "--format", "json");
        assertThat(json.json().get("targets").toString()).isEqualTo("[\"weight\",\"waist\"]");

        Cli importance = Cli.run("importance", "--model", best.toString(), LINNERUD.toString(), "--quiet");
        assertThat(importance.exitCode()).as(importance.err()).isZero();
        assertThat(importance.out()).contains("drop in R^2 over the targets 'weight', 'waist' together when");
    }

    @Test
    void tuneWithSampleWeightsPrintsACommandThatTrainsTheBestModel() throws IOException {
        StringBuilder csv = new StringBuilder();
        List<String> lines = Files.readAllLines(IRIS);
        csv.append(lines.get(0)).append(",w\n");
        for (int i = 1; i < lines.size(); i++) {
            csv.append(lines.get(i)).append(',').append(i % 3 + 1).append('\n');
        }
        Path data = Files.writeString(dir.resolve("weighted.csv"), csv.toString());
        Path best = dir.resolve("best.json");
        Cli tune = Cli.run("tune", data.toString(), "--target", "species", "--sample-weight", "w", "--search",
                "hidden=3,4", "--folds", "2", "--epochs", "5", "--results", dir.resolve("t.jsonl").toString(),
                "--out", best.toString(), "--quiet");
        assertThat(tune.exitCode()).as(tune.err()).isZero();
        Path again = dir.resolve("again.json");
        Cli train = trainByTheCommandOf(tune, again);
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(best));
    }

    /** A grid of 100^4 = 100 million combinations: the first two are tried in a 64 MB heap, as many as asked. */
    @Test
    void aHugeGridTriesItsFirstTrialsWithoutHoldingTheOthers() throws Exception {
        String values = String.join(",", java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(Integer::toString)
                .toList());
        Path results = dir.resolve("t.jsonl");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", classpath, Main.class.getName(), "tune", IRIS.toAbsolutePath().toString(), "--search",
                "hidden=" + values, "--search", "batch-size=" + values, "--search", "patience=" + values, "--search",
                "seed=" + values, "--trials", "2", "--folds", "2", "--epochs", "2", "--results", results.toString(),
                "--quiet").directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tune still ran after 60 s");
        }
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        List<String> trials = Files.readAllLines(results);
        assertThat(trials).hasSize(2);
        assertThat(trials.get(0)).contains("\"settings\":{\"hidden\":\"1\",\"batch-size\":\"1\",\"patience\":\"1\","
                + "\"seed\":\"1\"}");
        assertThat(trials.get(1)).contains("\"settings\":{\"hidden\":\"1\",\"batch-size\":\"1\",\"patience\":\"1\","
                + "\"seed\":\"2\"}");

        // Without --trials, a grid of more combinations than a count holds is refused before anything runs.
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "hidden=" + values, "--search",
                "batch-size=" + values, "--search", "patience=" + values, "--search", "seed=" + values, "--search",
                "epochs=" + values, "--results", dir.resolve("u.jsonl").toString()),
                "the grid of --search has more than 2,147,483,647 combinations; give --trials N to try its first N");
        assertThat(dir.resolve("u.jsonl")).doesNotExist();
    }

    @Test
    void aResultsFileEditedToOtherSettingsOrScoresForOneTrialIsRefused() throws IOException {
        Path results = dir.resolve("trials.jsonl");
        String[] tune = {"tune", IRIS.toString(), "--search", "learning-rate=0.01,0.1", "--folds", "2", "--epochs",
                "5", "--hidden", "3", "--results", results.toString(), "--quiet"};
        assertThat(Cli.run(tune).exitCode()).isZero();
        List<String> lines = Files.readAllLines(results);

        // Trial 2's line says it tried 0.5: its score is not the score of this search's trial 2 (0.1).
        Files.write(results, List.of(lines.get(0), lines.get(1).replace("\"learning-rate\":\"0.1\"",
                "\"learning-rate\":\"0.5\"")));
        byte[] edited = Files.readAllBytes(results);
        assertBadInput(Cli.run(tune), "trial 2 was tried with {\"learning-rate\":\"0.5\"}, but this search's trial 2 "
                + "is {\"learning-rate\":\"0.1\"}");
        assertThat(Files.readAllBytes(results)).isEqualTo(edited);

        // Trial 1 twice, the second time with another score: which one is meant is not known.
        Files.write(results, List.of(lines.get(0), lines.get(1), lines.get(0).replaceFirst("\"accuracy\":0\\.\\d+",
                "\"accuracy\":0.99")));
        assertBadInput(Cli.run(tune), "line 3 holds trial 1 again with other scores or settings");

        // Trial 1 twice as the same line (two runs of one search on one file) is the same trial.
        Files.write(results, List.of(lines.get(0), lines.get(1), lines.get(0)));
        Cli again = Cli.run(tune);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out().lines().filter(line -> line.contains("(from trials.jsonl)"))).hasSize(2);
    }

    @Test
    void aRangeWhoseEndsNoDrawCanBeIsRefusedBeforeAnythingRuns() {
        String results = dir.resolve("r.jsonl").toString();
        // 1e10 fitted the range check but, rounded into an int, a draw wrapped around to a negative layer size.
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "hidden=1..1e10", "--results", results),
                "--search hidden: the range's high end 1e10 is outside the whole numbers it can be, ±2,147,483,647");
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "seed=-1e19..5", "--results", results),
                "--search seed: the range's low end -1e19 is outside the whole numbers it can be, "
                        + "±9,223,372,036,854,775,807");
        // 1e400 is infinite as a double: Java's own words were the message ("Infinite or NaN").
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "learning-rate=1e400..1e401", "--results",
                results), "--search learning-rate: the range's low end 1e400 is not a finite number");
        assertThat(dir.resolve("r.jsonl")).doesNotExist();
    }

    @Test
    void aGridThatListsOneValueTwiceIsRefusedAndARandomSearchMayRepeatOne() {
        String results = dir.resolve("r.jsonl").toString();
        // 8 and 08 are one layer size, 0.1 and 1e-1 one rate: each grid trained its trial twice, to the same scores.
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "hidden=8,08", "--results", results),
                "--search hidden lists 8 twice: a grid would train the same trial again");
        assertBadInput(Cli.run("tune", IRIS.toString(), "--search", "hidden=4,8", "--search",
                "learning-rate=0.1,1e-1", "--results", results), "--search learning-rate lists 0.1 twice");
        assertThat(dir.resolve("r.jsonl")).doesNotExist();
        Cli random = Cli.run("tune", IRIS.toString(), "--search", "optimizer=adam,adam,sgd", "--strategy", "random",
                "--trials", "2", "--folds", "2", "--epochs", "2", "--results", results, "--quiet");
        assertThat(random.exitCode()).as(random.err()).isZero();
    }

    @Test
    void aClassWeightForAClassSomeFoldDoesNotTrainOnWeighsItWhereItIs() throws IOException {
        // One row of class 'rare': the fold that tests it trains on no row of it.
        Path data = Files.writeString(dir.resolve("rare.csv"), Files.readString(IRIS) + "5.0,3.0,1.5,0.3,rare\n");
        Cli cv = Cli.run("cv", data.toString(), "--class-weight", "rare=5", "--folds", "5", "--epochs", "3",
                "--hidden", "3", "--quiet", "--format", "json");
        assertThat(cv.exitCode()).as(cv.err()).isZero();
        assertThat(cv.json().get("foldScores")).hasSize(5);
        // Its weight applies where the class is: the other folds differ from those of an unweighted run.
        Cli plain = Cli.run("cv", data.toString(), "--folds", "5", "--epochs", "3", "--hidden", "3", "--quiet",
                "--format", "json");
        assertThat(cv.json().get("foldScores").get(0)).isEqualTo(plain.json().get("foldScores").get(0));
        assertThat(cv.json().get("foldScores").get(1)).isNotEqualTo(plain.json().get("foldScores").get(1));
        // A name that is no class of the data is still refused, listing every class of the data.
        assertBadInput(Cli.run("cv", data.toString(), "--class-weight", "bogus=5", "--folds", "5", "--epochs", "3"),
                "class weights name 'bogus', which is not a class of the target (classes: rare, setosa, versicolor, "
                        + "virginica)");
    }

    @Test
    void aScoreUndefinedOnEveryTrialNamesNoBestAndCvSaysWhyItsMeanIsNaN() throws IOException {
        // 20 rows in 20 folds: each fold tests one row, where R^2 (1 - SSres / SStot) divides by SStot = 0.
        Path results = dir.resolve("loo.jsonl");
        String[] tune = {"tune", LINNERUD.toString(), "--target", "weight", "--folds", "20", "--epochs", "2",
                "--search", "hidden=2,3", "--results", results.toString(), "--quiet"};
        Cli byR2 = Cli.run(tune);
        assertBadInput(byR2, "no trial has a mean R^2: it is undefined on some fold of every trial (R^2 divides by "
                + "the spread of a fold's test targets");
        assertThat(byR2.out()).doesNotContain("best:").doesNotContain("backprop train");
        assertThat(Files.readAllLines(results)).hasSize(2);
        Cli byRmse = Cli.run(java.util.stream.Stream.concat(java.util.Arrays.stream(tune),
                java.util.stream.Stream.of("--metric", "rmse")).toArray(String[]::new));
        assertThat(byRmse.exitCode()).as(byRmse.err()).isZero();
        assertThat(byRmse.out()).contains("(from loo.jsonl)").contains("best: trial ");

        Cli cv = Cli.run("cv", LINNERUD.toString(), "--target", "weight", "--folds", "20", "--epochs", "2",
                "--quiet");
        assertThat(cv.exitCode()).isZero();
        assertThat(cv.err()).contains("warning: R^2 is undefined on 20 of 20 folds (it divides by the spread of a "
                + "fold's test targets, which have none when they are all equal, as on a fold of one row), so its "
                + "mean is NaN");
    }

    @Test
    void importanceOnRowsWhoseScoreIsUndefinedSaysSoInsteadOfATableOfNaN() throws IOException {
        Path model = dir.resolve("m.json");
        Cli train = Cli.run("train", LINNERUD.toString(), "--target", "weight", "--epochs", "3", "--hidden", "3",
                "--out", model.toString(), "--quiet");
        assertThat(train.exitCode()).as(train.err()).isZero();
        // Every row's weight 190: R^2 divides by their spread, 0, so the baseline and every drop were NaN.
        List<String> lines = Files.readAllLines(LINNERUD);
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            cells[3] = "190";
            csv.append(String.join(",", cells)).append('\n');
        }
        Path constant = Files.writeString(dir.resolve("constant.csv"), csv.toString());
        assertBadInput(Cli.run("importance", "--model", model.toString(), constant.toString(), "--quiet"),
                constant + ": the model's R^2 on these rows is NaN (R^2 divides by the spread of the targets, which "
                        + "have none when they are all equal; a prediction that is no finite number makes it NaN "
                        + "too), so no drop in it can be measured; measure another score (--metric rmse, mae)");
        Cli rmse = Cli.run("importance", "--model", model.toString(), constant.toString(), "--metric", "rmse",
                "--quiet", "--format", "json");
        assertThat(rmse.exitCode()).as(rmse.err()).isZero();
        for (com.fasterxml.jackson.databind.JsonNode column : rmse.json().get("columns")) {
            assertThat(column.get("drop").isNumber()).as(column.toString()).isTrue();
        }
        Path one = Files.writeString(dir.resolve("one.csv"), lines.get(0) + "\n" + lines.get(1) + "\n");
        assertBadInput(Cli.run("importance", "--model", model.toString(), one.toString()),
                one + ": permuting a column needs at least 2 rows but there is 1");
    }

    @Test
    void settingsThatCannotGoTogetherSkipTheTrialTheyMeetInWithTheReason() throws IOException {
        // lbfgs with a mini-batch smaller than a fold's training rows is known only as the fold begins. The search
        // ended there with an error (the debt: a user wants the valid half of the grid); now the trial is
        // skipped with the reason, in the table and the results file, and the search goes on.
        Path results = dir.resolve("t.jsonl");
        Cli run = Cli.run("tune", IRIS.toString(), "--search", "optimizer=adam,lbfgs", "--search", "batch-size=16,32",
                "--folds", "2", "--epochs", "2", "--hidden", "3", "--results", results.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3      lbfgs       16          -           -           (skipped: lbfgs works "
                + "on the full batch, but --batch-size 16 is less than the 75 training rows (leave it at 0))");
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).contains("\"skipped\":\"lbfgs works on the full batch, but --batch-size 16 is less "
                + "than the 75 training rows (leave it at 0)\"").doesNotContain("\"mean\"");
        assertThat(run.out()).contains("best: trial ");
    }

    @Test
    void aFoldCountsTheRowsItTrainedAndScoredNotThoseLeftOut() throws IOException {
        // Line 3 misses an input, line 4 its target: --missing mean fills the input and leaves line 4 out (a target
        // is never made up); --missing drop leaves both out.
        Path data = Files.writeString(dir.resolve("holes.csv"),
                "a,b,y\n1,2,3\n2,,4\n3,4,\n4,5,6\n5,6,7\n6,7,8\n7,8,9\n8,9,1\n");
        for (String[] policy : new String[][] {{"mean", "7"}, {"drop", "6"}}) {
            Cli cv = Cli.run("cv", data.toString(), "--missing", policy[0], "--folds", "2", "--epochs", "2",
                    "--hidden", "2", "--quiet", "--format", "json");
            assertThat(cv.exitCode()).as(cv.err()).isZero();
            int tested = 0;
            int trained = 0;
            for (com.fasterxml.jackson.databind.JsonNode fold : cv.json().get("foldScores")) {
                tested += fold.get("testRows").asInt();
                trained += fold.get("trainRows").asInt();
            }
            // Each usable row is tested once and trained on once (in the other fold).
            assertThat(tested).as(policy[0]).isEqualTo(Integer.parseInt(policy[1]));
            assertThat(trained).as(policy[0]).isEqualTo(Integer.parseInt(policy[1]));
        }
    }

    @Test
    void aRangeNarrowerThanThreeDigitsDrawsValuesInsideIt() {
        // Rounded to three significant digits, every draw of 0.12345..0.12349 was 0.123, outside the range, and
        // 0.9999 (an end of 0.9..0.9999) became 1.0, a validation fraction refused.
        for (String[] search : new String[][] {{"learning-rate", "0.12345", "0.12349"}, {"validation", "0.9",
                "0.9999"}}) {
            Cli run = Cli.run("tune", IRIS.toString(), "--search", search[0] + "=" + search[1] + ".." + search[2],
                    "--trials", "3", "--folds", "2", "--epochs", "2", "--hidden", "2", "--results",
                    dir.resolve(search[0] + ".jsonl").toString(), "--quiet", "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            for (com.fasterxml.jackson.databind.JsonNode trial : run.json().get("trials")) {
                double value = Double.parseDouble(trial.get("settings").get(search[0]).asText());
                assertThat(value).as(trial.toString()).isBetween(Double.parseDouble(search[1]),
                        Double.parseDouble(search[2]));
            }
        }
    }

    @Test
    void aFileThatIsNoResultsFileIsNeverCutShort() throws IOException {
        String[] tune = {"tune", IRIS.toString(), "--search", "hidden=3", "--folds", "2", "--epochs", "2",
                "--quiet", "--results"};
        // Text after the last newline was taken for a trial's line cut off mid-write and cut off the file: notes
        // without a final newline were replaced by one trial's line, all of their text lost.
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes, no newline at the end");
        Path config = Files.writeString(dir.resolve("config.json"), "{\"a\": 1}\n");
        for (Path file : List.of(notes, config)) {
            byte[] before = Files.readAllBytes(file);
            Cli run = Cli.run(args(tune, file.toString()));
            assertBadInput(run, file + " is no results file of backprop tune");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
        // A results file with text of its own after its last trial keeps it too.
        Path results = dir.resolve("trials.jsonl");
        assertThat(Cli.run(args(tune, results.toString())).exitCode()).isZero();
        Files.writeString(results, Files.readString(results) + "a remark");
        byte[] before = Files.readAllBytes(results);
        assertBadInput(Cli.run(args(tune, results.toString())), results + ": its last line (2) has no newline at its "
                + "end and is not the start of a trial of this search cut off mid-write");
        assertThat(Files.readAllBytes(results)).isEqualTo(before);
    }

    private static String[] args(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    void theScoresOfADivergedRunFitTheirColumns() {
        // sgd with a learning rate of 1e10 on diabetes: R^2 near -1e187, printed before with 190 digits, and its sd,
        // whose squared deviations overflowed, as Infinity.
        Cli cv = Cli.run("cv", RealDataTest.DATA.resolve("diabetes.csv").toString(), "--optimizer", "sgd",
                "--learning-rate", "1e10", "--folds", "2", "--epochs", "20", "--quiet");
        assertThat(cv.exitCode()).as(cv.err()).isZero();
        String r2 = cv.out().lines().filter(line -> line.startsWith("R^2 ")).findFirst().orElseThrow();
        assertThat(r2).matches("R\\^2  -\\d\\.\\d{4}e\\+\\d+ ± \\d\\.\\d{4}e\\+\\d+");
    }
}
