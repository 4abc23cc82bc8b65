package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.cli.plot.Charts;
import dev.backprop.cli.plot.Picture;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.FileRoles;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.Frame;
import dev.backprop.data.Prepared;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.BinaryCurves;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code backprop plot}: pictures of how a model fits labelled data. */
@Command(name = "plot", header = "Plot how a model fits data: fit, confusion matrix, ROC, precision-recall, surface.",
        description = {"Plot how a model fits labelled data. Regression: predicted against actual values with the",
                "identity line (fit). Classification: the confusion matrix as a heat map (confusion); with two",
                "classes, the ROC curve (roc) or the precision-recall curve (pr) with its area. A model with",
                "exactly two inputs: the learned surface, or the decision regions, over the input plane with the data",
                "points on top (surface; the default for such models). A regression model of several targets",
                "(train --target a,b) gets one panel per target, one above the other, each --width x --height;",
                "--target-name picks one. PNG or SVG, by --out's extension."},
        footer = {"", "Examples:", "  backprop plot --model model.json data.csv --out fit.png",
                "  backprop plot --model model.json data.csv --kind surface --out surface.svg",
                "  backprop plot --model model.json data.csv --kind roc --out roc.png"})
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The trained model.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATA", description = "Labelled rows (CSV/TSV with a header, or ARFF).")
    Path data;

    @Mixin
    DataOptions dataOptions;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", defaultValue = "plot.png",
            description = "Where to write the picture: .png or .svg. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "auto",
            description = "fit, confusion, roc, pr, surface, or auto: surface for a two-input model, else confusion for a "
                    + "classifier and fit for regression. Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = "--target-name", paramLabel = "NAME",
            description = "With a regression model of several targets: plot only this one (default: a panel for "
                    + "each).")
    String targetName;

    @Option(names = "--normalize", description = "With the confusion matrix: each actual class's row as shares of "
            + "it, so rows sum to 1.")
    boolean normalize;

    @picocli.CommandLine.Mixin
    Pictures size;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        size.check();
        Picture.format(out);
        new FileRoles().input("--model", model).input("DATA", data).output("--out", out).check(spec.commandLine());
        Model plotted = Inputs.modelForData(model);
        Frame frame = Inputs.modelFrame(data, dataOptions);
        Prepared prepared = ModelData.labelled(plotted, frame, "plot", spec.commandLine().getErr());
        Matrix x = prepared.dataset().x();
        Matrix y = prepared.dataset().y();
        boolean classify = ModelData.classification(plotted);
        boolean twoInputs = plotted.inputs().size() == 2;
        String chosen = !kind.equals("auto") ? kind : twoInputs ? "surface" : classify ? "confusion" : "fit";
        if (classify && targetName != null) {
            throw new UserException("--target-name is for a regression model of several targets; this one "
                    + "classifies " + ColumnNames.quoted(plotted.target()));
        }
        List<JFreeChart> charts = switch (chosen) {
            case "fit" -> {
                if (classify) {
                    throw new UserException("--kind fit is for regression; a classifier has confusion or surface");
                }
                Matrix predicted = plotted.predict(x);
                List<JFreeChart> panels = new ArrayList<>();
                for (int t : ModelData.targets(plotted, targetName)) {
                    panels.add(Charts.predictedVsActual(column(y, t), column(predicted, t),
                            plotted.targets().get(t)));
                }
                yield panels;
            }
            case "confusion" -> {
                if (!classify) {
                    throw new UserException("--kind confusion is for classification; a regression model has fit "
                            + "or surface");
                }
                ClassificationMetrics metrics = ClassificationMetrics.of(plotted.classes(), plotted.predict(x),
                        ModelData.actualClasses(plotted, frame, prepared));
                yield List.of(normalize
                        ? Charts.confusionShares(metrics.classes(), metrics.confusion(), plotted.target())
                        : Charts.confusion(metrics.classes(), metrics.confusion(), plotted.target()));
            }
            case "roc", "pr" -> {
                Matrix probabilities = plotted.predict(x);
                BinaryCurves curves = ModelData.binaryCurves(plotted, frame, prepared, probabilities);
                if (curves == null) {
                    throw new UserException("--kind " + chosen + " is for a classifier of two classes, on rows of "
                            + "both; " + (!classify ? "a regression model has fit or surface"
                            : plotted.classes().size() != 2 ? "this one has " + plotted.classes().size()
                            + " classes (confusion shows them)" : IntStream.range(0, probabilities.rows())
                            .anyMatch(i -> !ClassificationMetrics.answered(probabilities, i))
                            ? "the class probabilities of some rows are NaN (their inputs lie so far outside the "
                            + "training data's range that the network's sums overflowed), so they have no score"
                            : "these rows are not of exactly its two classes"));
                }
                String positive = plotted.classes().get(1);
                yield List.of(chosen.equals("roc") ? Charts.roc(curves, positive)
                        : Charts.precisionRecall(curves, positive));
            }
            case "surface" -> {
                if (!twoInputs) {
                    throw new UserException("--kind surface needs a model with exactly two inputs but this one has "
                            + plotted.inputs().size());
                }
                if (!Charts.planeDrawable(x)) {
                    throw new UserException("--kind surface cannot draw these rows: an input's range, from its "
                            + "smallest to its largest value, is too wide for a number");
                }
                if (classify) {
                    yield List.of(Charts.regions(plotted, x, ModelData.classIndices(plotted, frame, prepared)));
                }
                List<JFreeChart> panels = new ArrayList<>();
                for (int t : ModelData.targets(plotted, targetName)) {
                    panels.add(Charts.surface(plotted, x, y, t));
                }
                yield panels;
            }
            default -> throw new UserException("unknown --kind '" + kind + "' (allowed: auto, fit, confusion, "
                    + "roc, pr, surface)");
        };
        if ((long) charts.size() * size.height > Pictures.MAX_SIDE) {
            throw new UserException(charts.size() + " panels of --height " + size.height + " would be more than "
                    + Pictures.MAX_SIDE + " pixels high; lower --height or plot one target with --target-name");
        }
        Picture.stacked(charts, size.width, size.height).write(out);
        if (common.format() == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("kind", chosen);
            json.put("panels", charts.size());
            json.put("out", out.toString());
            spec.commandLine().getOut().println(Json.write(json));
        } else {
            spec.commandLine().getOut().printf("%s plot written to %s%n", chosen, out);
        }
        return 0;
    }

    private static double[] column(Matrix m, int j) {
        double[] values = new double[m.rows()];
        for (int i = 0; i < values.length; i++) {
            values[i] = m.get(i, j);
        }
        return values;
    }
}
