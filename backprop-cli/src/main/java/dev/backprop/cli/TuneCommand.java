package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.FileRoles;
import dev.backprop.command.OutputFormat;
import dev.backprop.io.ModelFile;
import dev.backprop.train.CrossValidationResult;
import dev.backprop.train.InvalidSettingException;
import dev.backprop.train.Preset;
import dev.backprop.train.Scores;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code backprop tune}: searches training settings, scoring each trial by cross-validation. */
@Command(name = "tune", modelTransformer = SettingOptions.class, sortOptions = false,
        header = "Search training settings by cross-validation; print the best as a train command line.",
        description = {"Try settings given by --search (NAME=V1,V2,... or NAME=LOW..HIGH[:log], NAME any of train's "
                + "options without the dashes), each trial scored by K-fold cross-validation as backprop cv scores "
                + "it; the other training options apply to every trial. A grid tries every combination of lists; a "
                + "random search draws --trials settings (seeded by --seed). Each finished trial is appended to "
                + "the --results file, and a rerun of the same search skips the trials already there. A trial "
                + "whose settings do not work together is skipped with the reason; an option that applies to some "
                + "optimizers only (--momentum) is left out of the trials it does not apply to.",
                "Prints a table of trials as they finish, then the best (by --metric, default accuracy or R^2, mean "
                        + "over the folds) as a ready backprop train command; --out also trains that model on all of "
                        + "DATA."},
        footer = {"", "Examples:",
                "  backprop tune data/iris.csv --search hidden=16,64,128 --search learning-rate=1e-3..1e-1:log "
                        + "--trials 10",
                "  backprop tune data/diabetes.csv --search l2=0..1e-2 --trials 8 --folds 5 --out best.json"})
final class TuneCommand extends SelectionCommand implements Callable<Integer> {

    @Option(names = "--search", required = true, paramLabel = "NAME=VALUES",
            description = "A setting to search and its values: a list V1,V2,... or a range LOW..HIGH, :log for a "
                    + "log-uniform one. Repeat for more settings.")
    List<String> searches = new ArrayList<>();

    @Option(names = "--trials", paramLabel = "N",
            description = "Trials: a random search's draws (default 20), or the first N of a grid (default all).")
    Integer trials;

    @Option(names = "--strategy", paramLabel = "S",
            description = "grid or random. Default: grid when every --search is a list, else random.")
    String strategy;

    @Option(names = "--results", paramLabel = "FILE.jsonl", defaultValue = "tune-results.jsonl",
            description = "Where each finished trial is appended, one JSON line each; a rerun resumes from it. "
                    + "Default: ${DEFAULT-VALUE}.")
    Path results;

    @Option(names = {"--out", "-o"}, paramLabel = "MODEL.json",
            description = "Also train the best settings on all of DATA and write the model here.")
    Path out;

    @Override
    public Integer call() throws Exception {
        new FileRoles().input("DATA", data).output("--results", results).output("--out", out).check(spec.commandLine());
        List<SearchDimension> dimensions = new ArrayList<>();
        for (String text : searches) {
            SearchDimension dimension = SearchDimension.parse(text);
            for (SearchDimension earlier : dimensions) {
                if (earlier.setting() == dimension.setting()) {
                    throw new UserException("--search " + dimension.name() + " is given twice");
                }
            }
            dimensions.add(dimension);
        }
        Input input = input();
        Map<TrainingSetting<?>, Object> base = given();
        base.forEach(TuneCommand::checkValue);
        for (SearchDimension dimension : dimensions) {
            if (base.containsKey(dimension.setting())) {
                throw new UserException(dimension.setting().option() + " is both given and searched; leave one out");
            }
            // Each value on its own here; whether it works with the other settings is SearchCheck's to say.
            for (Object value : dimension.extremes()) {
                checkValue(dimension.setting(), value);
            }
        }
        Preset chosenPreset = preset();
        int rows = input.frame().rows();
        TrainingSetting<Long> seeded = TrainingSettings.SEED;
        long seed = base.containsKey(seeded) ? seeded.parse(base.get(seeded))
                : seeded.defaultIn(chosenPreset, input.task(), rows);
        String chosen = SearchPlan.strategy(dimensions, strategy);
        if (trials != null && trials < 1) {
            throw new UserException("--trials must be >= 1 but was " + trials);
        }
        SearchPlan plan = SearchPlan.of(dimensions, chosen, trials, seed);
        Function<Map<TrainingSetting<?>, Object>, TrialSetup> setup =
                values -> TrialSetup.of(chosenPreset, input.task(), rows, base, values);
        SearchCheck.require(plan, dimensions, setup);
        String score = metric(input);
        try (TuneResults file = TuneResults.open(results, searchSpec(input, dimensions, chosen, seed, base))) {
            String otherEngines = file.otherEngines(plan.size(), ComputeEngine.current());
            if (otherEngines != null) {
                spec.commandLine().getErr().println("warning: " + otherEngines);
            }
            return search(input, dimensions, plan, setup, score, file);
        }
    }

    /** Runs, or reads from the file, every trial of {@code plan}, then prints the best. */
    private int search(Input input, List<SearchDimension> dimensions, SearchPlan plan,
                       Function<Map<TrainingSetting<?>, Object>, TrialSetup> setup, String score, TuneResults file)
            throws Exception {
        boolean text = common.format() != OutputFormat.JSON;
        PrintWriter stdout = spec.commandLine().getOut();
        TrialTable table = new TrialTable(dimensions, label(score));
        if (text) {
            stdout.printf("%s: %d trials, each scored by %d-fold cross-validation%s; results in %s%n",
                    data, plan.size(), folds, repeats == 1 ? "" : " repeated " + repeats + " times", results);
            stdout.println(table.header());
            stdout.flush();
        }
        ArrayNode all = Json.object().arrayNode();
        int best = -1;
        double bestMean = Double.NaN;
        TrialSetup bestSetup = null;
        String firstSkipped = null;
        int t = -1;
        for (Map<TrainingSetting<?>, Object> values : plan) {
            t++;
            int trial = t + 1;
            TrialSetup trialSetup = setup.apply(values);
            JsonNode line = file.done().get(trial);
            boolean resumed = line != null;
            ObjectNode tried = settings(values);
            if (resumed && !line.path("settings").equals(tried)) {
                throw new UserException(results + ": trial " + trial + " was tried with " + line.path("settings")
                        + ", but this search's trial " + trial + " is " + tried + "; the file was changed since, so "
                        + "none of its scores can be trusted: give another --results file, or delete this one to "
                        + "start again");
            }
            if (!resumed) {
                line = outcome(input, plan, setup, t, trialSetup, tried, score, file);
                file.append((ObjectNode) line);
            }
            if (line.has("skipped") && firstSkipped == null) {
                firstSkipped = "trial " + trial + " (" + trialSetup.named() + "): " + line.get("skipped").asText();
            }
            double mean = line.path("mean").path(score).asDouble(Double.NaN);
            if (best < 0 || better(score, mean, bestMean)) {
                best = t;
                bestMean = mean;
                bestSetup = trialSetup;
            }
            ObjectNode shown = ((ObjectNode) line).deepCopy();
            shown.remove("spec");
            all.add(shown);
            if (text) {
                stdout.println(table.row(trial, values, line, score, resumed ? results.getFileName().toString()
                        : null));
                stdout.flush();
            }
        }
        JsonNode bestLine = all.get(best);
        if (Double.isNaN(bestMean)) {
            if (!bestLine.has("mean")) {
                throw new UserException("every trial of this search was skipped; the first, " + firstSkipped);
            }
            // Naming trial 1 the best of scores that are all undefined would be a choice made by nothing.
            throw new UserException("no trial has a mean " + label(score) + ": it is undefined on some fold of every "
                    + "trial" + (score.equals("r2") ? " (R^2 divides by the spread of a fold's test targets, which "
                    + "have none when they are all equal, as on a fold of one row)" : "") + "; rank by another "
                    + "--metric" + (file.keeps() ? " (every trial's scores are kept in " + results + ", so a rerun "
                    + "ranks them without training again)" : ""));
        }
        Map<TrainingSetting<?>, Object> bestSettings = bestSetup.applied();
        String command = new TrainCommandLine(data, trainData, preset, out).of(input.preprocessing(), bestSettings);
        if (out != null) {
            TrainerConfig config = config(input, bestSettings);
            try {
                ModelFile.write(trainOnAll(input, config), out);
            } catch (InvalidSettingException e) {
                throw new UserException(e.optionMessage());
            }
        }
        if (!text) {
            ObjectNode json = Json.object();
            json.put("data", data.toString());
            json.put("score", score);
            json.put("results", results.toString());
            json.set("trials", all);
            ObjectNode winner = json.putObject("best");
            winner.put("trial", best + 1);
            winner.set("settings", bestLine.get("settings"));
            if (bestLine.has("unused")) {
                winner.set("unused", bestLine.get("unused"));
            }
            winner.set("mean", bestLine.get("mean"));
            winner.set("sd", bestLine.get("sd"));
            winner.put("command", command);
            if (out != null) {
                json.put("out", out.toString());
            }
            stdout.println(Json.write(json));
            return 0;
        }
        stdout.printf("best: trial %d, %s %s ± %s (mean ± sd over %d folds%s)%n", best + 1, label(score),
                fixed(bestMean), fixed(bestLine.path("sd").path(score).asDouble(Double.NaN)), folds * repeats,
                Scores.higherIsBetter(score) ? "" : "; lower is better");
        stdout.println(command);
        if (out != null) {
            stdout.printf("model of the best settings, trained on all %d rows, written to %s%n",
                    input.frame().rows(), out);
        }
        return 0;
    }

    /**
     * A trial's line for the results file: its scores and the engine that computed them; or, when its settings do not
     * work together, why it is skipped; or, in a grid, the outcome of the earlier trial it trains the same as (its
     * only differences are options that do not apply to it). Options left out are named with why.
     */
    private ObjectNode outcome(Input input, SearchPlan plan,
                               Function<Map<TrainingSetting<?>, Object>, TrialSetup> setup, int t,
                               TrialSetup trialSetup, ObjectNode tried, String score, TuneResults file) {
        ObjectNode node = Json.object();
        node.put("trial", t + 1);
        node.set("settings", tried);
        if (!trialSetup.unused().isEmpty()) {
            ObjectNode unused = node.putObject("unused");
            trialSetup.unused().forEach((setting, why) -> unused.put(setting.option().substring(2), why));
        }
        if (trialSetup.invalid() != null) {
            node.put("skipped", trialSetup.invalid());
            return node;
        }
        int alike = plan.alike(t, trialSetup.unused().keySet());
        if (alike != t && setup.apply(plan.trial(alike)).applied().equals(trialSetup.applied())) {
            JsonNode earlier = file.done().get(alike + 1);
            node.put("sameAs", alike + 1);
            for (String field : List.of("skipped", "mean", "sd", "engine")) {
                if (earlier.has(field)) {
                    node.set(field, earlier.get(field));
                }
            }
            return node;
        }
        CrossValidationResult cv;
        try {
            cv = scored(input, trialSetup.config(), score, "trial " + (t + 1) + "/" + plan.size() + ": ");
        } catch (InvalidSettingException e) {
            // A setting the folds' rows make wrong (a mini-batch for lbfgs): known only as the first fold begins.
            node.put("skipped", e.optionMessage());
            return node;
        }
        ObjectNode mean = node.putObject("mean");
        ObjectNode sd = node.putObject("sd");
        for (String name : cv.scoreNames()) {
            mean.put(name, cv.mean(name));
            sd.put(name, cv.sd(name));
        }
        node.put("engine", ComputeEngine.current());
        return node;
    }

    /** One option's value by itself, refused in the option's words if it is out of range or an unknown word. */
    private static void checkValue(TrainingSetting<?> setting, Object value) {
        TrainCommand.parse(() -> {
            TrainingSettings.checkValue(setting, value);
            return null;
        });
    }

    /** A trial's searched settings as its line in the results file holds them: by option name, as text. */
    private static ObjectNode settings(Map<TrainingSetting<?>, Object> values) {
        ObjectNode settings = Json.object();
        values.forEach((setting, value) -> settings.put(setting.option().substring(2), SearchDimension.text(value)));
        return settings;
    }

    /** Whether a trial's mean beats the best so far; a NaN mean (a trial that diverged) never does. */
    private static boolean better(String score, double candidate, double best) {
        if (Double.isNaN(candidate) || Double.isNaN(best)) {
            return !Double.isNaN(candidate);
        }
        return Scores.higherIsBetter(score) ? candidate > best : candidate < best;
    }

    /**
     * What makes two runs the same search: the data (by what it holds, {@link FrameDigest}, not by its name: a file
     * moved or named by another path is the same data), its columns and row weights, the fixed options, the searches
     * and the folds.
     */
    private String searchSpec(Input input, List<SearchDimension> dimensions, String chosen, long seed,
                              Map<TrainingSetting<?>, Object> base) {
        List<String> options = new ArrayList<>();
        base.forEach((setting, value) -> options.add(setting.option() + " " + SearchDimension.text(value)));
        List<String> searched = new ArrayList<>();
        dimensions.forEach(dimension -> searched.add(dimension.text()));
        StringBuilder text = new StringBuilder("rows=").append(input.frame().rows())
                .append("; data-sha256=").append(FrameDigest.of(input.frame()))
                .append("; ").append(input.preprocessing()).append("; folds=").append(folds).append("; repeats=")
                .append(repeats).append("; seed=").append(seed).append("; preset=").append(preset)
                .append("; class-weight=").append(trainData.weightOptions.classWeight())
                .append("; sample-weight=").append(trainData.weightOptions.sampleWeight())
                .append("; options=").append(String.join(" ", options))
                .append("; search=").append(String.join(" ", searched))
                .append("; strategy=").append(chosen);
        return text.toString().strip();
    }
}
