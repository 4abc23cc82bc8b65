package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.cli.plot.Charts;
import dev.backprop.cli.plot.NetworkDrawing;
import dev.backprop.cli.plot.Picture;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.FileRoles;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.Frame;
import dev.backprop.data.Prepared;
import dev.backprop.io.AtomicFiles;
import dev.backprop.linalg.Matrix;
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

import static dev.backprop.cli.ReportHtml.escape;
import static dev.backprop.cli.ReportHtml.fixed;
import static dev.backprop.cli.ReportHtml.table;

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
    /**
     * The most input columns the table of inputs lists, and the most classes the table of classes lists: each row is
     * some hundred bytes, and the page stays under 1 MB for any model, also one of thousands of inputs or classes.
     */
    static final int SHOWN_INPUTS = 100;
    /** The most drops the importance table lists, as {@code backprop importance}'s chart draws them. */
    static final int SHOWN_IMPORTANCES = 40;

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
        new FileRoles().input("--model", model).input("DATA", data).output("--out", out).check(spec.commandLine());
        Model reported = Inputs.modelForData(model);
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
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(escape(model.getFileName().toString())).append("</h1>\n");
        body.append("<p class=\"lead\">").append(escape(reported.network().architecture().toString()))
                .append(" &middot; ").append(reported.network().architecture().parameterCount())
                .append(" parameters &middot; ").append(reported.task().id()).append(" of ");
        List<String> targets = reported.targets().stream().map(name -> "<code>" + escape(ReportHtml.name(name))
                + "</code>").toList();
        body.append(String.join(", ", targets)).append("</p>\n");

        body.append(ReportMetrics.section(reported, frame, prepared, predicted, data.getFileName().toString()));

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

    /** Which columns the model reads, and how. */
    private static String inputs(Model reported) {
        if (reported.preprocessor() == null) {
            return "<p>Inputs: " + escape(ReportHtml.names(reported.inputs(), "inputs")) + ".</p>\n";
        }
        var features = reported.preprocessor().features();
        List<String[]> rows = new ArrayList<>();
        int columns = features.columns().size();
        for (int j = 0; j < Math.min(columns, SHOWN_INPUTS); j++) {
            List<String> categories = features.categories().get(j);
            // A column of thousands of categories (a city, a product code) filled the page with one cell.
            rows.add(new String[] {ReportHtml.name(features.columns().get(j)),
                    features.types().get(j).name().toLowerCase(Locale.ROOT), ReportHtml.names(categories,
                    "categories")});
        }
        String more = columns <= SHOWN_INPUTS ? "" : String.format(Locale.ROOT, "<p>The first %,d of %,d input "
                + "columns.</p>\n", SHOWN_INPUTS, columns);
        return "<h3>Input columns</h3>\n" + table(new String[] {"column", "type", "categories (one-hot)"}, rows)
                + more + "<p>Missing cells: " + reported.preprocessor().missing().id() + ".</p>\n";
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
                IMPORTANCE_REPEATS, IMPORTANCE_SEED, column -> { });
        double largest = 0;
        for (PermutationImportance.ColumnImportance column : ranked) {
            largest = Math.max(largest, column.mean());
        }
        StringBuilder sb = new StringBuilder("<h3>Which inputs matter</h3>\n<p>Permutation importance: the drop in ")
                .append(escape(SelectionCommand.label(score))).append(" when one column is shuffled, mean &plusmn; sd "
                        + "over ").append(IMPORTANCE_REPEATS).append(" shuffles.</p>\n<table>\n<tr><th>column</th>"
                        + "<th>drop</th><th>sd</th><th></th></tr>\n");
        for (PermutationImportance.ColumnImportance column : ranked.subList(0, Math.min(ranked.size(),
                SHOWN_IMPORTANCES))) {
            long width = largest > 0 ? Math.max(0, Math.round(200 * column.mean() / largest)) : 0;
            sb.append("<tr><td>").append(escape(ReportHtml.name(column.column()))).append("</td><td>")
                    .append(fixed(column.mean())).append("</td><td>").append(fixed(column.sd()))
                    .append("</td><td><span class=\"bar\" style=\"width:").append(width)
                    .append("px\"></span></td></tr>\n");
        }
        sb.append("</table>\n");
        if (ranked.size() > SHOWN_IMPORTANCES) {
            sb.append(String.format(Locale.ROOT, "<p>The %,d largest drops of %,d columns; <code>backprop "
                    + "importance</code> lists them all.</p>%n", SHOWN_IMPORTANCES, ranked.size()));
        }
        return sb.toString();
    }

    private static boolean positive(double[] values) {
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

}
