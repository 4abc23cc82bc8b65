package dev.backprop.cli.plot;

import dev.backprop.metrics.BinaryCurves;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;

/**
 * The ROC curve (with the diagonal of a score that knows nothing) or the precision-recall curve (with the line of the
 * positive rows' share, where such a score sits) of a two-class model, its area in the legend; both axes [0, 1].
 */
final class CurveChart {
    private CurveChart() {
    }

    /** {@link Charts#roc}. */
    static JFreeChart roc(BinaryCurves curves, String positiveClass) {
        XYSeries curve = new XYSeries(String.format(Locale.ROOT, "ROC (AUC %.4f)", curves.rocAuc()), false, true);
        for (int t = 0; t < curves.falsePositiveRate().length; t++) {
            curve.add(curves.falsePositiveRate()[t], curves.truePositiveRate()[t]);
        }
        XYSeries chance = new XYSeries("chance", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        return chart("ROC curve: " + Charts.shown(positiveClass) + " against the rest", "false-positive rate",
                "true-positive rate", curve, chance);
    }

    /** {@link Charts#precisionRecall}. */
    static JFreeChart precisionRecall(BinaryCurves curves, String positiveClass) {
        XYSeries curve = new XYSeries(String.format(Locale.ROOT, "precision-recall (average precision %.4f)",
                curves.averagePrecision()), false, true);
        // A step function, as the average precision integrates it: precision holds from one recall to the next.
        double[] recall = curves.recall();
        double[] precision = curves.precision();
        curve.add(0, precision[0]);
        for (int t = 0; t < recall.length - 1; t++) {
            curve.add(recall[t], precision[t]);
            if (t + 1 < recall.length - 1) {
                curve.add(recall[t], precision[t + 1]);
            }
        }
        // At the lowest threshold every row is called positive: precision is the positive rows' share.
        double positiveShare = precision[precision.length - 2];
        XYSeries chance = new XYSeries("chance", false, true);
        chance.add(0, positiveShare);
        chance.add(1, positiveShare);
        return chart("Precision-recall curve: " + Charts.shown(positiveClass), "recall", "precision", curve, chance);
    }

    private static JFreeChart chart(String title, String xLabel, String yLabel, XYSeries curve, XYSeries chance) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(curve);
        data.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        Charts.style(plot);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1.02);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, Charts.TRAINING);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesPaint(1, Color.GRAY);
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        plot.setRenderer(renderer);
        return chart;
    }
}
