package dev.backprop.cli;

import dev.backprop.cli.plot.Charts;
import dev.backprop.cli.plot.Picture;
import dev.backprop.data.Frame;
import dev.backprop.data.Prepared;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.BinaryCurves;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.metrics.RegressionMetrics;
import dev.backprop.model.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.backprop.cli.ReportHtml.escape;
import static dev.backprop.cli.ReportHtml.fixed;
import static dev.backprop.cli.ReportHtml.table;

/**
 * The report's "Metrics" section: the loss and the task's scores on the data, per class or per target, with the
 * pictures that show them (confusion matrix, ROC and precision-recall curves, predicted against actual, and the
 * decision regions or surfaces of a two-input model).
 */
final class ReportMetrics {
    /**
     * The most classes whose confusion matrix is drawn in SVG; of more, it is a bitmap. With 1,200 classes the SVG
     * was 1.5 MB (a tick label per class on each axis, a cell per count not 0), past the page's bound alone.
     */
    static final int SVG_CLASSES = 30;
    private ReportMetrics() {
    }

    /**
     * The section's HTML.
     *
     * @param predicted {@code reported}'s predictions for {@code prepared}'s rows
     * @param dataName  the data file's name, for the heading
     */
    static String section(Model reported, Frame frame, Prepared prepared, Matrix predicted, String dataName) {
        Matrix x = prepared.dataset().x();
        boolean classify = ModelData.classification(reported);
        StringBuilder body = new StringBuilder();
        body.append("<h2>Metrics on ").append(escape(dataName)).append(" (")
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
                        ReportHtml.names(m.unseenClasses(), "classes")});
            }
            if (m.unansweredRows() > 0) {
                metrics.add(new String[] {"rows with NaN probabilities (errors, no class predicted)",
                        Long.toString(m.unansweredRows())});
            }
            body.append(table(new String[] {"metric", "value"}, metrics));
            List<String[]> perClass = new ArrayList<>();
            int k = m.classes().size();
            for (int c = 0; c < Math.min(k, ReportCommand.SHOWN_INPUTS); c++) {
                perClass.add(new String[] {ReportHtml.name(m.classes().get(c)),
                        fixed(m.precision()[c]), fixed(m.recall()[c]), fixed(m.f1()[c])});
            }
            body.append(table(new String[] {"class", "precision", "recall", "F1"}, perClass));
            if (k > ReportCommand.SHOWN_INPUTS) {
                body.append(String.format(Locale.ROOT, "<p>The first %,d of %,d classes; <code>backprop "
                        + "evaluate</code> lists them all.</p>%n", ReportCommand.SHOWN_INPUTS, k));
            }
            Picture confusion = Picture.of(Charts.confusion(m.classes(), m.confusion(), reported.target()), 640,
                    520);
            // Past the classes whose cells have their counts written, SVG only adds bytes: k names on each axis.
            fitPicture = k > SVG_CLASSES ? confusion.pngElement("confusion matrix of " + k + " classes")
                    : confusion.svgElement();
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
            notFinite(predicted, metrics);
            body.append(table(new String[] {"metric", "value"}, metrics));
            fitPicture = fit(reported, prepared, predicted, 0);
        } else {
            // Each target in its own units: pooled, a target of thousands would drown one of tenths.
            notFinite(predicted, metrics);
            body.append(table(new String[] {"metric", "value"}, metrics));
            List<String[]> perTarget = new ArrayList<>();
            for (int t = 0; t < reported.targets().size(); t++) {
                RegressionMetrics m = RegressionMetrics.of(ModelData.column(predicted, t),
                        ModelData.column(prepared.dataset().y(), t));
                perTarget.add(new String[] {ReportHtml.name(reported.targets().get(t)), Text.number(m.mse()),
                        Text.number(m.rmse()), Text.number(m.mae()), Text.number(m.r2())});
            }
            body.append(table(new String[] {"target", "MSE", "RMSE", "MAE", "R²"}, perTarget));
            StringBuilder fits = new StringBuilder();
            for (int t = 0; t < reported.targets().size(); t++) {
                fits.append(t == 0 ? "" : "</figure>\n<figure>").append(fit(reported, prepared, predicted, t));
            }
            fitPicture = fits.toString();
        }
        body.append("<figure>").append(fitPicture).append("</figure>\n").append(curvePictures);
        if (reported.inputs().size() == 2 && !Charts.planeDrawable(x)) {
            body.append("<p>The input plane is not drawn: an input's range, from its smallest to its largest value, "
                    + "is too wide for a number.</p>\n");
        } else if (reported.inputs().size() == 2) {
            // A bitmap: in SVG the surface's thousands of cells would make the page megabytes.
            if (classify) {
                body.append("<figure>").append(Picture.of(Charts.regions(reported, x,
                        ModelData.classIndices(reported, frame, prepared)), 640, 520).pngElement("decision regions "
                        + "over " + inputs(reported))).append("</figure>\n");
            } else {
                for (int t = 0; t < reported.targets().size(); t++) {
                    body.append("<figure>").append(Picture.of(Charts.surface(reported, x, prepared.dataset().y(), t),
                            640, 520).pngElement("predicted " + ReportHtml.name(reported.targets().get(t))
                            + " over " + inputs(reported))).append("</figure>\n");
                }
            }
        }
        return body.toString();
    }

    /** A two-input model's inputs, as a picture's text names them. */
    private static String inputs(Model reported) {
        return ReportHtml.name(reported.inputs().get(0)) + " and " + ReportHtml.name(reported.inputs().get(1));
    }

    /**
     * Adds a row counting the rows whose prediction is not a finite number, if there are any: the scores they make
     * NaN or infinite need a reason beside them.
     */
    private static void notFinite(Matrix predicted, List<String[]> metrics) {
        int rows = RegressionMetrics.notFiniteRows(predicted);
        if (rows > 0) {
            metrics.add(new String[] {"rows whose prediction is not a finite number (the network's sums overflowed)",
                    Integer.toString(rows)});
        }
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
        return actual.length > ReportCommand.DENSE ? fit.pngElement("predicted against actual "
                + ReportHtml.name(target))
                : fit.svgElement();
    }
}
