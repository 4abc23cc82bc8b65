package dev.backprop.cli.plot;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;

/** The loss per epoch, training and validation, on a linear or logarithmic axis. */
final class LossChart {
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
        if (logScale) {
            plot.setRangeAxis(new PlainLogAxis("J (" + lossName + ", log scale)"));
        }
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    private static XYSeries series(String name, double[] values, boolean logScale) {
        XYSeries series = new XYSeries(name, false, true);
        for (int e = 0; e < values.length; e++) {
            if (Double.isFinite(values[e]) && (!logScale || values[e] > 0)) {
                series.add(e + 1, values[e]);
            }
        }
        return series;
    }
}
