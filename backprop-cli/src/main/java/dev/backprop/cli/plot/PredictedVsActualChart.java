package dev.backprop.cli.plot;

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

/** Predicted against actual values of one target, with the identity line y = x that a perfect model sits on. */
final class PredictedVsActualChart {
    private PredictedVsActualChart() {
    }

    /** {@link Charts#predictedVsActual}. */
    static JFreeChart of(double[] actual, double[] predicted, String target) {
        XYSeries points = new XYSeries("rows", false, true);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < actual.length; i++) {
            points.add(actual[i], predicted[i]);
            low = Math.min(low, Math.min(actual[i], predicted[i]));
            high = Math.max(high, Math.max(actual[i], predicted[i]));
        }
        XYSeries identity = new XYSeries("predicted = actual", false, true);
        identity.add(low, low);
        identity.add(high, high);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(points);
        data.addSeries(identity);
        JFreeChart chart = ChartFactory.createScatterPlot("Predicted against actual: " + target, "actual " + target,
                "predicted " + target, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        Charts.style(plot);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        renderer.setSeriesPaint(0, Charts.TRAINING);
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesPaint(1, Color.GRAY);
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        plot.setRenderer(renderer);
        return chart;
    }
}
