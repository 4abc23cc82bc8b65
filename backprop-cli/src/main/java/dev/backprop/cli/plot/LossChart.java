package dev.backprop.cli.plot;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;

/** The loss per epoch, training and validation, on a linear or logarithmic axis. */
final class LossChart {
    /** The most points a loss path has. */
    static final int MOST_POINTS = 1000;

    private LossChart() {
    }

    /**
     * Loss per epoch. {@code validation} may be null.
     *
     * @param logScale plot the loss on a logarithmic axis (non-positive values are left out)
     */
    static JFreeChart of(double[] training, double[] validation, String lossName, boolean logScale) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("training", training, logScale));
        if (validation != null) {
            data.addSeries(series("validation", validation, logScale));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Loss per epoch", "epoch", "J (" + lossName + ")", data,
                PlotOrientation.VERTICAL, validation != null, false, false);
        XYPlot plot = chart.getXYPlot();
        Charts.style(plot);
        plot.getRenderer().setSeriesPaint(0, Charts.TRAINING);
        plot.getRenderer().setSeriesPaint(1, Charts.VALIDATION);
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
        plot.getRenderer().setSeriesStroke(1, new BasicStroke(2f));
        // One path per series, not one element per segment: in SVG a tenth of the size.
        ((XYLineAndShapeRenderer) plot.getRenderer()).setDrawSeriesLineAsPath(true);
        if (logScale) {
            plot.setRangeAxis(new PlainLogAxis("J (" + lossName + ", log scale)"));
        }
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    /**
     * The epochs' losses, every k-th of them beyond {@link #MOST_POINTS} (and the last): a path of ten thousand
     * points draws no differently at a picture's width, but weighs a megabyte in SVG.
     */
    private static XYSeries series(String name, double[] values, boolean logScale) {
        XYSeries series = new XYSeries(name, false, true);
        int every = Math.max(1, (values.length + MOST_POINTS - 1) / MOST_POINTS);
        for (int e = 0; e < values.length; e++) {
            boolean shown = e % every == 0 || e == values.length - 1;
            if (shown && Double.isFinite(values[e]) && (!logScale || values[e] > 0)) {
                series.add(e + 1, values[e]);
            }
        }
        return series;
    }
}
