package dev.backprop.cli.plot;

import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;

/**
 * For a classifier with exactly two inputs: the class it predicts at each point of the input plane, with the data's
 * rows on top, each filled with its actual class's colour.
 */
final class RegionsChart {
    /** The most classes the legend lists: a legend of hundreds would take the picture's place. */
    static final int LEGEND_MOST = 30;

    private RegionsChart() {
    }

    /** {@link Charts#regions}. */
    static JFreeChart of(Model model, Matrix x, int[] actual) {
        int steps = 120;
        double[][] box = InputPlane.box(x);
        double[] grid = InputPlane.grid(box, steps);
        Matrix predicted = model.predict(Matrix.of(steps * steps, 2, grid));
        double[][] cells = new double[3][steps * steps];
        int unanswered = 0;
        for (int r = 0; r < steps * steps; r++) {
            cells[0][r] = grid[2 * r];
            cells[1][r] = grid[2 * r + 1];
            // NaN probabilities predict no class (argmax would call them the first class): such cells are grey.
            boolean answered = ClassificationMetrics.answered(predicted, r);
            cells[2][r] = answered ? ClassificationMetrics.argmax(predicted, r) : -1;
            unanswered += answered ? 0 : 1;
        }
        DefaultXYZDataset regions = new DefaultXYZDataset();
        regions.addSeries("regions", cells);
        List<String> classes = model.classes();
        org.jfree.chart.renderer.LookupPaintScale light = new org.jfree.chart.renderer.LookupPaintScale(-1,
                classes.size(), Color.WHITE);
        light.add(-1, Heat.NOT_A_NUMBER);
        for (int c = 0; c < classes.size(); c++) {
            Color base = Charts.classColour(c);
            light.add(c, new Color((base.getRed() + 2 * 255) / 3, (base.getGreen() + 2 * 255) / 3,
                    (base.getBlue() + 2 * 255) / 3));
        }
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setBlockWidth((box[1][0] - box[0][0]) / steps);
        blocks.setBlockHeight((box[1][1] - box[0][1]) / steps);
        blocks.setPaintScale(light);
        // The legend lists the classes with their points' colours; the regions' renderer has no entry of its own.
        blocks.setDefaultSeriesVisibleInLegend(false);
        String xName = Charts.shown(model.inputs().get(0));
        String yName = Charts.shown(model.inputs().get(1));
        NumberAxis xAxis = new NumberAxis(xName);
        NumberAxis yAxis = new NumberAxis(yName);
        xAxis.setRange(box[0][0], box[1][0]);
        yAxis.setRange(box[0][1], box[1][1]);
        XYPlot plot = new XYPlot(regions, xAxis, yAxis, blocks);
        XYSeriesCollection points = new XYSeriesCollection();
        for (int c = 0; c < classes.size(); c++) {
            points.addSeries(new XYSeries(classes.get(c), false, true));
        }
        for (int i = 0; i < x.rows(); i++) {
            if (actual[i] >= 0) {
                points.getSeries(actual[i]).add(x.get(i, 0), x.get(i, 1));
            }
        }
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setUseOutlinePaint(true);
        // The series keep the classes' whole names (two may share their first letters); the legend shows them cut.
        dots.setLegendItemLabelGenerator((dataset, series) -> Charts.shown(dataset.getSeriesKey(series).toString()));
        dots.setDrawOutlines(true);
        for (int c = 0; c < classes.size(); c++) {
            dots.setSeriesShape(c, new Ellipse2D.Double(-5, -5, 10, 10));
            dots.setSeriesPaint(c, Charts.classColour(c));
            dots.setSeriesOutlinePaint(c, Color.BLACK);
        }
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart("Decision regions: " + Charts.shown(model.target()) + " over " + xName
                + " and " + yName + (unanswered == 0 ? "" : " (grey: no class in " + unanswered
                + " of " + steps * steps + " cells, whose probabilities are NaN)") + (classes.size() <= LEGEND_MOST
                ? "" : " (" + classes.size() + " classes: too many to list)"), JFreeChart.DEFAULT_TITLE_FONT, plot,
                classes.size() <= LEGEND_MOST);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
