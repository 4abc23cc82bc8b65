package dev.backprop.cli.plot;

import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.RegressionMetrics;
import dev.backprop.train.TrainingSummary;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;

/**
 * Predicted against actual values of one target, with the identity line y = x that a perfect model sits on and R² in
 * the title. Dense data's points are semi-transparent (so where they pile up shows), and beyond {@link #MOST_POINTS}
 * rows an even sample is drawn, which the title says. A row whose actual or predicted value is infinite or NaN (inputs
 * so far outside the training range that the network's sums overflowed) has no place on the axes: it is left out,
 * and the title says how many were.
 */
final class PredictedVsActualChart {
    /** The most points drawn. */
    static final int MOST_POINTS = 1000;
    /** From this many points on, they are drawn semi-transparent. */
    static final int DENSE = 200;

    private PredictedVsActualChart() {
    }

    /** {@link Charts#predictedVsActual}. */
    static JFreeChart of(double[] actual, double[] predicted, String targetName) {
        String target = Charts.shown(targetName);
        XYSeries points = new XYSeries("rows", false, true);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        int every = Math.max(1, (actual.length + MOST_POINTS - 1) / MOST_POINTS);
        int undrawable = 0;
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isFinite(actual[i]) || !Double.isFinite(predicted[i])) {
                undrawable++;
                continue;
            }
            if (i % every == 0) {
                points.add(actual[i], predicted[i]);
            }
            low = Math.min(low, Math.min(actual[i], predicted[i]));
            high = Math.max(high, Math.max(actual[i], predicted[i]));
        }
        if (low > high) {
            low = 0;
            high = 0;
        }
        XYSeries identity = new XYSeries("predicted = actual", false, true);
        identity.add(low, low);
        identity.add(high, high);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(points);
        data.addSeries(identity);
        double r2 = RegressionMetrics.of(Matrix.of(predicted.length, 1, predicted),
                Matrix.of(actual.length, 1, actual)).r2();
        String title = "Predicted against actual: " + target + ", R² = " + TrainingSummary.number(r2)
                + (every > 1 ? " (" + points.getItemCount() + " of " + actual.length + " rows drawn)" : "")
                + (undrawable > 0 ? " (" + undrawable + " row" + (undrawable == 1 ? "" : "s")
                + " with a value that is not a finite number left out)" : "");
        JFreeChart chart = ChartFactory.createScatterPlot(title, "actual " + target,
                "predicted " + target, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        Charts.style(plot);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        renderer.setSeriesPaint(0, points.getItemCount() >= DENSE ? new Color(Charts.TRAINING.getRed(),
                Charts.TRAINING.getGreen(), Charts.TRAINING.getBlue(), 90) : Charts.TRAINING);
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesPaint(1, Color.GRAY);
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        plot.setRenderer(renderer);
        return chart;
    }
}
