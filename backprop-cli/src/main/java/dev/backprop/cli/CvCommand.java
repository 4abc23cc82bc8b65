package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.FileRoles;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.ColumnNames;
import dev.backprop.io.AtomicFiles;
import dev.backprop.train.CrossValidation;
import dev.backprop.train.CrossValidationResult;
import dev.backprop.train.FoldScore;
import dev.backprop.train.Folds;
import dev.backprop.train.TrainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code backprop cv}: how well a training configuration does on rows it never saw, by k-fold cross-validation. */
@Command(name = "cv", modelTransformer = SettingOptions.class, sortOptions = false,
        header = "Cross-validate a training configuration: each fold's score, and their mean and sd.",
        description = {"Train on K-1 folds of DATA and score on the fold left out, for each of K folds (R times with "
                + "--repeats). Everything fitted from data (the missing-value fill, the categories, the scaling) is "
                + "fitted on each fold's training rows alone. Folds are stratified by class for classification and "
                + "plain for regression, seeded by --seed; every fold trains with --seed.",
                "Classification: accuracy, log loss, macro F1, balanced accuracy (the mean recall of the classes). "
                        + "Regression: R^2, and RMSE and MAE in the target's units (--metric lists one first). Takes "
                        + "train's options."},
        footer = {"", "Examples:", "  backprop cv data/iris.csv --folds 10",
                "  backprop cv data/diabetes.csv --hidden 32 --folds 5 --repeats 2 --format json"})
final class CvCommand extends SelectionCommand implements Callable<Integer> {
    @Option(names = "--save-folds", paramLabel = "FILE.csv",
            description = "Also write each test row's fold: a CSV of repeat,fold,row (row: 0-based, in file order), "
                    + "for running another tool on the same folds.")
    Path saveFolds;

    @Override
    public Integer call() throws Exception {
        new FileRoles().input("DATA", data).output("--save-folds", saveFolds).check(spec.commandLine());
        Input input = input();
        String ranked = metric(input);
        TrainerConfig config = config(input, given());
        CrossValidationResult result = crossValidate(input, config, ranked, "");
        for (String name : result.scoreNames()) {
            String why = undefined(result, name);
            if (why != null) {
                spec.commandLine().getErr().println("warning: " + why);
            }
        }
        if (saveFolds != null) {
            writeFolds(input, config);
        }
        // The --metric first: the score the user reads the folds by.
        List<String> names = new ArrayList<>(List.of(ranked));
        result.scoreNames().stream().filter(name -> !name.equals(ranked)).forEach(names::add);
        if (common.format() == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("data", data.toString());
            json.put("task", input.task().id());
            json.put("target", input.preprocessing().target());
            ArrayNode targets = json.putArray("targets");
            input.preprocessing().targets().forEach(targets::add);
            json.put("rows", input.frame().rows());
            json.put("folds", folds);
            json.put("repeats", repeats);
            json.put("seed", config.seed());
            json.put("metric", ranked);
            ArrayNode each = json.putArray("foldScores");
            for (FoldScore fold : result.folds()) {
                ObjectNode node = each.addObject();
                node.put("repeat", fold.repeat() + 1);
                node.put("fold", fold.fold() + 1);
                node.put("trainRows", fold.trainRows());
                node.put("testRows", fold.testRows());
                fold.scores().forEach(node::put);
            }
            ObjectNode mean = json.putObject("mean");
            ObjectNode sd = json.putObject("sd");
            for (String name : names) {
                mean.put(name, result.mean(name));
                sd.put(name, result.sd(name));
            }
            spec.commandLine().getOut().println(Json.write(json));
            return 0;
        }
        StringBuilder text = new StringBuilder();
        List<String> targets = input.preprocessing().targets();
        text.append(String.format("%d-fold cross-validation%s of %s: %s of %s, %d rows, seed %d%n", folds,
                repeats == 1 ? "" : " repeated " + repeats + " times", data, input.task().id(),
                targets.size() == 1 ? ColumnNames.quoted(targets.get(0))
                        : ColumnNames.quoted(targets) + " (scored over the " + targets.size() + " targets together)",
                input.frame().rows(), config.seed()));
        List<String> header = new ArrayList<>(List.of("repeat", "fold", "train", "test"));
        names.forEach(name -> header.add(label(name)));
        List<List<String>> rows = new ArrayList<>();
        for (FoldScore fold : result.folds()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(fold.repeat() + 1),
                    Integer.toString(fold.fold() + 1), Integer.toString(fold.trainRows()),
                    Integer.toString(fold.testRows())));
            names.forEach(name -> row.add(fixed(fold.scores().get(name))));
            rows.add(row);
        }
        text.append(Text.table(header, rows));
        text.append(String.format("mean ± sd over %d folds:%n", result.folds().size()));
        int width = names.stream().mapToInt(name -> label(name).length()).max().orElse(0);
        for (String name : names) {
            text.append(String.format("%-" + width + "s %s ± %s%n", label(name), fixed(result.mean(name)),
                    fixed(result.sd(name))));
        }
        spec.commandLine().getOut().print(text);
        return 0;
    }

    /** The --save-folds file: the fold of every test row, repetition by repetition, as the run divided them. */
    private void writeFolds(Input input, TrainerConfig config) throws java.io.IOException {
        CrossValidation cv = CrossValidation.of(config, input.preprocessing());
        StringBuilder csv = new StringBuilder("repeat,fold,row\n");
        for (int r = 0; r < repeats; r++) {
            Folds division = cv.folds(input.frame(), input.task(), folds, r);
            for (int f = 0; f < folds; f++) {
                for (int row : division.split(f).test()) {
                    csv.append(r + 1).append(',').append(f + 1).append(',').append(row).append('\n');
                }
            }
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(saveFolds, stream -> stream.write(bytes));
    }
}
