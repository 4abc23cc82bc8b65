package dev.backprop.cli.plot;

import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.util.List;

/** The charts backprop draws, built with JFreeChart. */
public final class Charts {
    static final Color TRAINING = new Color(0x1f77b4);
    static final Color VALIDATION = new Color(0xff7f0e);

    private Charts() {
    }

    /**
     * Loss per epoch. {@code validation} may be null.
     *
     * @param logScale plot the loss on a logarithmic axis (non-positive values are left out)
     */
    public static JFreeChart loss(double[] training, double[] validation, String lossName, boolean logScale) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("training", training, logScale));
        if (validation != null) {
            data.addSeries(series("validation", validation, logScale));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Loss per epoch", "epoch", "J (" + lossName + ")", data,
                PlotOrientation.VERTICAL, validation != null, false, false);
        XYPlot plot = chart.getXYPlot();
        style(plot);
        plot.getRenderer().setSeriesPaint(0, TRAINING);
        plot.getRenderer().setSeriesPaint(1, VALIDATION);
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
        plot.getRenderer().setSeriesStroke(1, new BasicStroke(2f));
        if (logScale) {
            LogAxis axis = new LogAxis("J (" + lossName + ", log scale)");
            axis.setSmallestValue(1e-300);
            axis.setBase(10);
            axis.setNumberFormatOverride(new java.text.DecimalFormat("0.##E0",
                    java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
            plot.setRangeAxis(axis);
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

    /** Predicted against actual values of one target, with the identity line y = x that a perfect model sits on. */
    public static JFreeChart predictedVsActual(double[] actual, double[] predicted, String target) {
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
        style(plot);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        renderer.setSeriesPaint(0, TRAINING);
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesPaint(1, Color.GRAY);
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        plot.setRenderer(renderer);
        return chart;
    }

    /**
     * For a model with exactly two inputs: its prediction of output {@code output} over the input plane, as a heat
     * map, with the data's rows on top coloured by their actual values on the same scale.
     */
    public static JFreeChart surface(Model model, Matrix x, Matrix y, int output) {
        int steps = 80;
        double[][] box = box(x);
        double[] lo = box[0];
        double[] hi = box[1];
        double[] grid = grid(box, steps);
        Matrix predicted = model.predict(Matrix.of(steps * steps, 2, grid));
        double[][] cells = new double[3][steps * steps];
        double zLow = Double.POSITIVE_INFINITY;
        double zHigh = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < steps * steps; r++) {
            cells[0][r] = grid[2 * r];
            cells[1][r] = grid[2 * r + 1];
            cells[2][r] = predicted.get(r, output);
            zLow = Math.min(zLow, cells[2][r]);
            zHigh = Math.max(zHigh, cells[2][r]);
        }
        for (int i = 0; i < y.rows(); i++) {
            zLow = Math.min(zLow, y.get(i, output));
            zHigh = Math.max(zHigh, y.get(i, output));
        }
        DefaultXYZDataset surface = new DefaultXYZDataset();
        surface.addSeries("prediction", cells);
        List<String> inputs = model.inputs();
        String target = model.outputs().get(output);
        NumberAxis xAxis = new NumberAxis(inputs.get(0));
        NumberAxis yAxis = new NumberAxis(inputs.get(1));
        xAxis.setRange(lo[0], hi[0]);
        yAxis.setRange(lo[1], hi[1]);
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setBlockWidth((hi[0] - lo[0]) / steps);
        blocks.setBlockHeight((hi[1] - lo[1]) / steps);
        Heat scale = new Heat(zLow, zHigh == zLow ? zLow + 1 : zHigh);
        blocks.setPaintScale(scale);
        XYPlot plot = new XYPlot(surface, xAxis, yAxis, blocks);

        DefaultXYZDataset points = new DefaultXYZDataset();
        double[][] rows = new double[3][x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            rows[0][i] = x.get(i, 0);
            rows[1][i] = x.get(i, 1);
            rows[2][i] = y.get(i, output);
        }
        points.addSeries("data", rows);
        plot.setDataset(1, points);
        plot.setRenderer(1, new DataPoints(scale));
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart("Predicted " + target + " over " + inputs.get(0) + " and " + inputs.get(1),
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis(target);
        legendAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(8, 8, 8, 8);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A categorical palette (Tableau 10), one colour per class. */
    static final Color[] CLASSES = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    /** The confusion matrix as a heat map: rows are the actual classes, columns the predicted ones, counts written. */
    public static JFreeChart confusion(List<String> classes, long[][] counts, String target) {
        int k = classes.size();
        double[][] cells = new double[3][k * k];
        long largest = 1;
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                int i = a * k + p;
                cells[0][i] = p;
                cells[1][i] = k - 1 - a;
                cells[2][i] = counts[a][p];
                largest = Math.max(largest, counts[a][p]);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("counts", cells);
        String[] names = classes.toArray(new String[0]);
        String[] reversed = new String[k];
        for (int c = 0; c < k; c++) {
            reversed[c] = names[k - 1 - c];
        }
        org.jfree.chart.axis.SymbolAxis predicted = new org.jfree.chart.axis.SymbolAxis("predicted " + target, names);
        org.jfree.chart.axis.SymbolAxis actual = new org.jfree.chart.axis.SymbolAxis("actual " + target, reversed);
        predicted.setGridBandsVisible(false);
        actual.setGridBandsVisible(false);
        XYBlockRenderer blocks = new XYBlockRenderer();
        Heat scale = new Heat(0, largest);
        blocks.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, predicted, actual, blocks);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, k > 8 ? 11 : 16);
        for (int i = 0; i < k * k; i++) {
            org.jfree.chart.annotations.XYTextAnnotation label = new org.jfree.chart.annotations.XYTextAnnotation(
                    Long.toString((long) cells[2][i]), cells[0][i], cells[1][i]);
            label.setFont(font);
            label.setPaint(cells[2][i] > largest * 0.6 ? Color.BLACK : Color.WHITE);
            plot.addAnnotation(label);
        }
        JFreeChart chart = new JFreeChart("Confusion matrix: " + target, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * For a classifier with exactly two inputs: the class it predicts at each point of the input plane, with the
     * data's rows on top, each filled with its actual class's colour.
     */
    public static JFreeChart regions(Model model, Matrix x, int[] actual) {
        int steps = 120;
        double[][] box = box(x);
        double[] grid = grid(box, steps);
        Matrix predicted = model.predict(Matrix.of(steps * steps, 2, grid));
        double[][] cells = new double[3][steps * steps];
        for (int r = 0; r < steps * steps; r++) {
            cells[0][r] = grid[2 * r];
            cells[1][r] = grid[2 * r + 1];
            cells[2][r] = dev.backprop.metrics.ClassificationMetrics.argmax(predicted, r);
        }
        DefaultXYZDataset regions = new DefaultXYZDataset();
        regions.addSeries("regions", cells);
        List<String> classes = model.classes();
        org.jfree.chart.renderer.LookupPaintScale light = new org.jfree.chart.renderer.LookupPaintScale(0,
                classes.size(), Color.WHITE);
        for (int c = 0; c < classes.size(); c++) {
            Color base = CLASSES[c % CLASSES.length];
            light.add(c, new Color((base.getRed() + 2 * 255) / 3, (base.getGreen() + 2 * 255) / 3,
                    (base.getBlue() + 2 * 255) / 3));
        }
        XYBlockRenderer blocks = new XYBlockRenderer();
        blocks.setBlockWidth((box[1][0] - box[0][0]) / steps);
        blocks.setBlockHeight((box[1][1] - box[0][1]) / steps);
        blocks.setPaintScale(light);
        NumberAxis xAxis = new NumberAxis(model.inputs().get(0));
        NumberAxis yAxis = new NumberAxis(model.inputs().get(1));
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
        dots.setDrawOutlines(true);
        for (int c = 0; c < classes.size(); c++) {
            dots.setSeriesShape(c, new Ellipse2D.Double(-5, -5, 10, 10));
            dots.setSeriesPaint(c, CLASSES[c % CLASSES.length]);
            dots.setSeriesOutlinePaint(c, Color.BLACK);
        }
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart("Decision regions: " + model.target() + " over " + model.inputs().get(0)
                + " and " + model.inputs().get(1), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** {{low x, low y}, {high x, high y}}: the data's range on each of two inputs, padded by a tenth. */
    private static double[][] box(Matrix x) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < 2; j++) {
                lo[j] = Math.min(lo[j], x.get(i, j));
                hi[j] = Math.max(hi[j], x.get(i, j));
            }
        }
        for (int j = 0; j < 2; j++) {
            double pad = hi[j] > lo[j] ? 0.1 * (hi[j] - lo[j]) : 1;
            lo[j] -= pad;
            hi[j] += pad;
        }
        return new double[][] {lo, hi};
    }

    /** steps x steps cell centres over the box, row-major pairs (x, y). */
    private static double[] grid(double[][] box, int steps) {
        double[] grid = new double[steps * steps * 2];
        for (int a = 0; a < steps; a++) {
            for (int b = 0; b < steps; b++) {
                int r = a * steps + b;
                grid[2 * r] = box[0][0] + (box[1][0] - box[0][0]) * (a + 0.5) / steps;
                grid[2 * r + 1] = box[0][1] + (box[1][1] - box[0][1]) * (b + 0.5) / steps;
            }
        }
        return grid;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
    }

    /** A perceptually ordered blue-to-yellow scale (after viridis), readable in grey and by most colour-blind eyes. */
    static final class Heat implements PaintScale {
        private static final Color[] STOPS = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
                new Color(0x5ec962), new Color(0xfde725)};
        private final double low;
        private final double high;

        Heat(double low, double high) {
            this.low = low;
            this.high = high;
        }

        @Override
        public double getLowerBound() {
            return low;
        }

        @Override
        public double getUpperBound() {
            return high;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Math.max(0, Math.min(1, (value - low) / (high - low)));
            double position = t * (STOPS.length - 1);
            int i = Math.min((int) position, STOPS.length - 2);
            double f = position - i;
            Color a = STOPS[i];
            Color b = STOPS[i + 1];
            return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }

    /** Data rows as circles filled with their actual value's colour and outlined in white, so they stand out. */
    private static final class DataPoints extends XYLineAndShapeRenderer {
        private static final long serialVersionUID = 1L;
        private final transient Heat scale;

        DataPoints(Heat scale) {
            super(false, true);
            this.scale = scale;
            setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
            setUseOutlinePaint(true);
            setDrawOutlines(true);
            setSeriesOutlinePaint(0, Color.WHITE);
            setSeriesOutlineStroke(0, new BasicStroke(2f));
            setUseFillPaint(true);
        }

        @Override
        public Paint getItemFillPaint(int row, int column) {
            DefaultXYZDataset data = (DefaultXYZDataset) getPlot().getDataset(1);
            return scale.getPaint(data.getZValue(row, column));
        }
    }
}
