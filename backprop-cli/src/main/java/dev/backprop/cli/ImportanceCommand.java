package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.cli.plot.Charts;
import dev.backprop.cli.plot.Picture;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.FileRoles;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.Frame;
import dev.backprop.model.Model;
import dev.backprop.train.PermutationImportance;
import dev.backprop.train.PermutationImportance.ColumnImportance;
import dev.backprop.train.Scores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code backprop importance}: how much each input column matters to a model, by permutation importance. */
@Command(name = "importance", sortOptions = false,
        header = "Permutation importance of each input column: the score's drop when the column is shuffled.",
        description = {"Shuffle one input column of DATA at a time (the raw column, so a categorical column's one-hot "
                + "inputs move together), R times each (seeded), and measure how much the model's score drops: "
                + "accuracy for classification, R^2 for regression (--metric chooses). Prints the columns, most "
                + "important first, with the mean drop and its sd; --out also draws them as bars."},
        footer = {"", "Examples:", "  backprop importance --model iris.json data/iris.csv",
                "  backprop importance --model model.json test.csv --repeats 10 --out importance.svg"})
final class ImportanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The trained model.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATA", description = "Labelled rows (CSV/TSV with a header, or ARFF); "
            + "best rows the model did not train on.")
    Path data;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5",
            description = "Shuffles per column. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "The score whose drop is measured: accuracy, logLoss, macroF1 or balancedAccuracy "
                    + "(classification), r2, rmse or mae (regression). Default: accuracy or r2.")
    String metric;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the shuffles. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE",
            description = "Also draw the importances as bars to FILE (.png or .svg).")
    Path out;

    @Mixin
    Pictures size;

    @Mixin
    QuietOption quiet;

    @Mixin
    ThreadsOption threads;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw new UserException("--repeats must be >= 1 but was " + repeats);
        }
        threads.apply();
        if (out != null) {
            size.check();
            TrainCommand.parse(() -> Picture.format(out));
        }
        new FileRoles().input("--model", model).input("DATA", data).output("--out", out).check(spec.commandLine());
        Model scored = Inputs.modelForData(model);
        Frame frame = Inputs.modelFrame(data, dataOptions);
        ModelData.labelled(scored, frame, "importance", spec.commandLine().getErr());
        String score = TrainCommand.parse(() -> Scores.named(scored.task(), metric));
        if (frame.rows() >= 2 && Double.isNaN(TrainCommand.parse(() -> Scores.score(scored, frame)).get(score))) {
            // Every drop would be NaN: a table of them says nothing about the columns.
            throw new UserException(data + ": the model's " + SelectionCommand.label(score) + " on these rows is NaN"
                    + (score.equals("r2") ? " (R^2 divides by the spread of the targets, which have none when they "
                    + "are all equal; a prediction that is no finite number makes it NaN too)" : "")
                    + ", so no drop in it can be measured; measure another score (--metric "
                    + String.join(", ", Scores.of(scored.task()).stream().filter(name -> !name.equals(score))
                    .toList()) + ")");
        }
        Consumer<String> progress = quiet.progress(spec.commandLine().getErr());
        List<String> inputs = scored.preparation().inputColumns();
        List<ColumnImportance> importances = TrainCommand.parse(() -> ranked(scored, frame, score, repeats, seed,
                column -> progress.accept("column " + (inputs.indexOf(column.column()) + 1) + "/" + inputs.size()
                        + " " + ColumnNames.quoted(column.column()) + " shuffled " + repeats + " times: drop "
                        + SelectionCommand.fixed(column.mean()))));
        if (out != null) {
            Picture.of(chart(importances, score), size.width, size.height).write(out);
        }
        if (common.format() == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("model", model.toString());
            json.put("data", data.toString());
            json.put("rows", frame.rows());
            json.put("score", score);
            json.put("repeats", repeats);
            json.put("seed", seed);
            ArrayNode columns = json.putArray("columns");
            for (ColumnImportance importance : importances) {
                ObjectNode node = columns.addObject();
                node.put("column", importance.column());
                node.put("drop", importance.mean());
                node.put("sd", importance.sd());
                ArrayNode drops = node.putArray("drops");
                for (double drop : importance.drops()) {
                    drops.add(drop);
                }
            }
            if (out != null) {
                json.put("out", out.toString());
            }
            spec.commandLine().getOut().println(Json.write(json));
            return 0;
        }
        List<String> targets = scored.targets();
        StringBuilder text = new StringBuilder(String.format("permutation importance on %s (%d rows): drop in %s%s "
                + "when the column is shuffled, mean ± sd over %d shuffles, seed %d%n", data, frame.rows(),
                SelectionCommand.label(score), targets.size() == 1 ? ""
                        : " over the targets " + ColumnNames.quoted(targets) + " together", repeats, seed));
        List<List<String>> rows = new ArrayList<>();
        for (ColumnImportance importance : importances) {
            rows.add(List.of(importance.column(), SelectionCommand.fixed(importance.mean()),
                    SelectionCommand.fixed(importance.sd())));
        }
        text.append(Text.table(List.of("column", "drop", "sd"), rows));
        if (out != null) {
            text.append(String.format("importance chart written to %s%n", out));
        }
        spec.commandLine().getOut().print(text);
        return 0;
    }

    /** The importances, the largest mean drop first (the model's column order on ties). */
    static List<ColumnImportance> ranked(Model model, Frame frame, String score, int repeats, long seed,
                                         Consumer<ColumnImportance> columnDone) {
        List<ColumnImportance> importances = new ArrayList<>(PermutationImportance.of(model, frame, score, repeats,
                seed, columnDone));
        importances.sort(Comparator.comparingDouble(ColumnImportance::mean).reversed());
        return importances;
    }

    /** The bar chart of ranked importances. */
    static org.jfree.chart.JFreeChart chart(List<ColumnImportance> importances, String score) {
        List<String> names = new ArrayList<>();
        double[] mean = new double[importances.size()];
        double[] sd = new double[importances.size()];
        for (int j = 0; j < mean.length; j++) {
            names.add(importances.get(j).column());
            mean[j] = importances.get(j).mean();
            sd[j] = importances.get(j).sd();
        }
        return Charts.importance(names, mean, sd, SelectionCommand.label(score));
    }
}
