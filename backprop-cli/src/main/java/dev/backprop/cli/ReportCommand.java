package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.cli.plot.Charts;
import dev.backprop.cli.plot.NetworkDrawing;
import dev.backprop.cli.plot.Picture;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.Frame;
import dev.backprop.data.Prepared;
import dev.backprop.io.AtomicFiles;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.BinaryCurves;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.metrics.RegressionMetrics;
import dev.backprop.model.Model;
import dev.backprop.model.TrainingHistory;
import dev.backprop.train.PermutationImportance;
import dev.backprop.train.Scores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code backprop report}: one self-contained HTML page about a model and how it fits some data. */
@Command(name = "report", header = "Write one self-contained HTML report about a model.",
        description = {"Write one self-contained HTML page (no network needed to view it): the model summary, its",
                "metrics on DATA, the network drawn, the training history and loss curve, and the fit, confusion",
                "matrix or surface plots, and which inputs matter (permutation importance). Pictures are inline SVG."},
        footer = {"", "Example:", "  backprop report --model iris.json data/iris.csv --out report.html"})
final class ReportCommand implements Callable<Integer> {
    private static final int IMPORTANCE_REPEATS = 5;
    private static final long IMPORTANCE_SEED = 42;
    /** From this many rows on, the fit is drawn as a bitmap (each point would be an SVG element). */
    static final int DENSE = 300;

    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The trained model.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATA", description = "Labelled rows to evaluate on (CSV/TSV or ARFF).")
    Path data;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    CommonOptions common;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE.html", defaultValue = "report.html",
            description = "Where to write the page. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        new FileRoles().input("--model", model).input("DATA", data).output("--out", out).check();
        Model reported = Inputs.model(model);
        Frame frame = Inputs.modelFrame(data, dataOptions);
        Prepared prepared = ModelData.labelled(reported, frame, "report", spec.commandLine().getErr());
        byte[] html = page(reported, frame, prepared).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(out, stream -> stream.write(html));
        if (common.format() == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("out", out.toString());
            json.put("bytes", html.length);
            json.put("model", model.toString());
            json.put("data", data.toString());
            json.put("rows", prepared.dataset().x().rows());
            json.put("task", reported.task().id());
            spec.commandLine().getOut().println(Json.write(json));
        } else {
            spec.commandLine().getOut().printf("report written to %s%n", out);
        }
        return 0;
    }

    private String page(Model reported, Frame frame, Prepared prepared) {
        Matrix x = prepared.dataset().x();
        Matrix predicted = reported.predict(x);
        boolean classify = ModelData.classification(reported);
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(escape(model.getFileName().toString())).append("</h1>\n");
        body.append("<p class=\"lead\">").append(escape(reported.network().architecture().toString()))
                .append(" &middot; ").append(reported.network().architecture().parameterCount())
                .append(" parameters &middot; ").append(reported.task().id()).append(" of ");
        List<String> targets = reported.targets().stream().map(name -> "<code>" + escape(name) + "</code>").toList();
        body.append(String.join(", ", targets)).append("</p>\n");

        body.append("<h2>Metrics on ").append(escape(data.getFileName().toString())).append(" (")
                .append(x.rows()).append(" rows)</h2>\n");
        List<String[]> metrics = new ArrayList<>();
        metrics.add(new String[] {"loss J (" + reported.network().loss().id() + ", scaled data)",
                Text.number(EvaluateCommand.scaledLoss(reported, prepared))});
        String fitPicture;
        String curvePictures = "";
        if (classify) {
            ClassificationMetrics m = ClassificationMetrics.of(reported.classes(), predicted,
                    ModelData.actualClasses(reported, frame, prepared));
            metrics.add(new String[] {"accuracy", fixed(m.accuracy())});
            metrics.add(new String[] {"macro F1", fixed(m.macroF1())});
            metrics.add(new String[] {"log loss", Text.number(m.logLoss())});
            if (!m.unseenClasses().isEmpty()) {
                metrics.add(new String[] {"classes not seen in training (every row an error)",
                        String.join(", ", m.unseenClasses())});
            }
            body.append(table(new String[] {"metric", "value"}, metrics));
            List<String[]> perClass = new ArrayList<>();
            for (int c = 0; c < m.classes().size(); c++) {
                perClass.add(new String[] {m.classes().get(c), fixed(m.precision()[c]), fixed(m.recall()[c]),
                        fixed(m.f1()[c])});
            }
            body.append(table(new String[] {"class", "precision", "recall", "F1"}, perClass));
            fitPicture = Picture.of(Charts.confusion(m.classes(), m.confusion(), reported.target()), 640, 520)
                    .svgElement();
            BinaryCurves curves = ModelData.binaryCurves(reported, frame, prepared, predicted);
            if (curves != null) {
                String positive = reported.classes().get(1);
                body.append(table(new String[] {"positive class " + positive, "area"}, List.of(
                        new String[] {"ROC AUC", fixed(curves.rocAuc())},
                        new String[] {"average precision (area under precision-recall)",
                                fixed(curves.averagePrecision())})));
                curvePictures = "<figure>" + Picture.of(Charts.roc(curves, positive), 640, 520).svgElement()
                        + "</figure>\n<figure>" + Picture.of(Charts.precisionRecall(curves, positive), 640, 520)
                        .svgElement() + "</figure>\n";
            }
        } else if (reported.targets().size() == 1) {
            RegressionMetrics m = RegressionMetrics.of(predicted, prepared.dataset().y());
            metrics.add(new String[] {"MSE", Text.number(m.mse())});
            metrics.add(new String[] {"RMSE", Text.number(m.rmse())});
            metrics.add(new String[] {"MAE", Text.number(m.mae())});
            metrics.add(new String[] {"R²", Text.number(m.r2())});
            body.append(table(new String[] {"metric", "value"}, metrics));
            fitPicture = fit(reported, prepared, predicted, 0);
        } else {
            // Each target in its own units: pooled, a target of thousands would drown one of tenths.
            body.append(table(new String[] {"metric", "value"}, metrics));
            List<String[]> perTarget = new ArrayList<>();
            for (int t = 0; t < reported.targets().size(); t++) {
                RegressionMetrics m = RegressionMetrics.of(ModelData.column(predicted, t),
                        ModelData.column(prepared.dataset().y(), t));
                perTarget.add(new String[] {reported.targets().get(t), Text.number(m.mse()), Text.number(m.rmse()),
                        Text.number(m.mae()), Text.number(m.r2())});
            }
            body.append(table(new String[] {"target", "MSE", "RMSE", "MAE", "R²"}, perTarget));
            StringBuilder fits = new StringBuilder();
            for (int t = 0; t < reported.targets().size(); t++) {
                fits.append(t == 0 ? "" : "</figure>\n<figure>").append(fit(reported, prepared, predicted, t));
            }
            fitPicture = fits.toString();
        }
        body.append("<figure>").append(fitPicture).append("</figure>\n").append(curvePictures);
        if (reported.inputs().size() == 2) {
            // A bitmap: in SVG the surface's thousands of cells would make the page megabytes.
            if (classify) {
                body.append("<figure>").append(Picture.of(Charts.regions(reported, x,
                        ModelData.classIndices(reported, frame, prepared)), 640, 520).pngElement("decision regions "
                        + "over " + String.join(" and ", reported.inputs()))).append("</figure>\n");
            } else {
                for (int t = 0; t < reported.targets().size(); t++) {
                    body.append("<figure>").append(Picture.of(Charts.surface(reported, x, prepared.dataset().y(), t),
                            640, 520).pngElement("predicted " + reported.targets().get(t) + " over "
                            + String.join(" and ", reported.inputs()))).append("</figure>\n");
                }
            }
        }

        body.append("<h2>The network</h2>\n<figure>")
                .append(NetworkDrawing.of(reported, 900, 560).svgElement()).append("</figure>\n");
        body.append(inputs(reported));
        body.append(importance(reported, frame));

        body.append("<h2>Training</h2>\n");
        TrainingHistory history = reported.history();
        if (history == null) {
            body.append("<p>This model file has no training history (it was written by hand, or by an older "
                    + "backprop).</p>\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"stopped by", HistoryWords.stopped(history.stopReason(), history.bestEpoch())});
            rows.add(new String[] {"epochs", Integer.toString(history.epochs())});
            rows.add(new String[] {"kept weights of epoch", Integer.toString(history.bestEpoch())});
            rows.add(new String[] {"final training loss", Text.number(history.finalLoss())});
            history.settings().forEach((key, value) -> rows.add(new String[] {HistoryWords.setting(key),
                    HistoryWords.value(value)}));
            body.append(table(new String[] {"", ""}, rows));
            if (history.lossHistory().length > 0) {
                double[] validation = history.validationLossHistory();
                body.append("<figure>").append(Picture.of(Charts.loss(history.lossHistory(),
                        validation.length > 0 ? validation : null, reported.network().loss().id(),
                        positive(history.lossHistory())), 800, 460).svgElement()).append("</figure>\n");
            }
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>backprop report: %s</title>
                <style>
                body { font-family: system-ui, sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em;
                       color: #222; line-height: 1.45; }
                h1 { margin-bottom: 0.2em; } .lead { color: #555; margin-top: 0; }
                table { border-collapse: collapse; margin: 1em 0; }
                th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.9em; text-align: left; }
                td:not(:first-child) { font-variant-numeric: tabular-nums; }
                figure { margin: 1em 0; } svg { max-width: 100%%; height: auto; }
                code { background: #f4f4f4; padding: 0 0.2em; }
                .bar { display: inline-block; height: 0.8em; background: #1f77b4; }
                </style>
                </head>
                <body>
                %s<footer><p>Written by backprop on data <code>%s</code>.</p></footer>
                </body>
                </html>
                """.formatted(escape(model.getFileName().toString()), body, escape(data.toString()));
    }

    /** Predicted against actual values of target {@code t}, as SVG, or as a bitmap for many rows. */
    private static String fit(Model reported, Prepared prepared, Matrix predicted, int t) {
        double[] actual = new double[predicted.rows()];
        double[] guess = new double[predicted.rows()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = prepared.dataset().y().get(i, t);
            guess[i] = predicted.get(i, t);
        }
        String target = reported.targets().get(t);
        Picture fit = Picture.of(Charts.predictedVsActual(actual, guess, target), 640, 520);
        // Hundreds of points weigh hundreds of kilobytes in SVG; as a bitmap the page stays small.
        return actual.length > DENSE ? fit.pngElement("predicted against actual " + target) : fit.svgElement();
    }

    /** Which columns the model reads, and how. */
    private static String inputs(Model reported) {
        if (reported.preprocessor() == null) {
            return "<p>Inputs: " + escape(String.join(", ", reported.inputs())) + ".</p>\n";
        }
        var features = reported.preprocessor().features();
        List<String[]> rows = new ArrayList<>();
        for (int j = 0; j < features.columns().size(); j++) {
            List<String> categories = features.categories().get(j);
            rows.add(new String[] {features.columns().get(j), features.types().get(j).name().toLowerCase(Locale.ROOT),
                    categories.isEmpty() ? "" : String.join(", ", categories)});
        }
        return "<h3>Input columns</h3>\n" + table(new String[] {"column", "type", "categories (one-hot)"}, rows)
                + "<p>Missing cells: " + reported.preprocessor().missing().id() + ".</p>\n";
    }

    /**
     * Permutation importance of each input column on the report's data (5 shuffles, seed 42, as {@code backprop
     * importance} computes it by default), as a table with a bar per column: a few hundred bytes, not a picture.
     */
    private static String importance(Model reported, Frame frame) {
        if (frame.rows() < 2) {
            return "";
        }
        String score = Scores.of(reported.task()).get(0);
        List<PermutationImportance.ColumnImportance> ranked = ImportanceCommand.ranked(reported, frame, score,
                IMPORTANCE_REPEATS, IMPORTANCE_SEED);
        double largest = 0;
        for (PermutationImportance.ColumnImportance column : ranked) {
            largest = Math.max(largest, column.mean());
        }
        StringBuilder sb = new StringBuilder("<h3>Which inputs matter</h3>\n<p>Permutation importance: the drop in ")
                .append(escape(SelectionCommand.label(score))).append(" when one column is shuffled, mean &plusmn; sd "
                        + "over ").append(IMPORTANCE_REPEATS).append(" shuffles.</p>\n<table>\n<tr><th>column</th>"
                        + "<th>drop</th><th>sd</th><th></th></tr>\n");
        for (PermutationImportance.ColumnImportance column : ranked) {
            long width = largest > 0 ? Math.max(0, Math.round(200 * column.mean() / largest)) : 0;
            sb.append("<tr><td>").append(escape(column.column())).append("</td><td>")
                    .append(fixed(column.mean())).append("</td><td>").append(fixed(column.sd()))
                    .append("</td><td><span class=\"bar\" style=\"width:").append(width)
                    .append("px\"></span></td></tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private static boolean positive(double[] values) {
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

    private static String table(String[] header, List<String[]> rows) {
        StringBuilder sb = new StringBuilder("<table>\n<tr>");
        for (String h : header) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (String[] row : rows) {
            sb.append("<tr>");
            for (String cell : row) {
                sb.append("<td>").append(escape(cell)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
