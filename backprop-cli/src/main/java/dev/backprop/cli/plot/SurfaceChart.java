package dev.backprop.cli.plot;

import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.util.List;

/**
 * For a model with exactly two inputs: its prediction of one output over the input plane, as a heat map, with the
 * data's rows on top coloured by their actual values on the same scale.
 */
final class SurfaceChart {
    private SurfaceChart() {
    }

    /** {@link Charts#surface}. */
    static JFreeChart of(Model model, Matrix x, Matrix y, int output) {
        int steps = 80;
        double[][] box = InputPlane.box(x);
        double[] lo = box[0];
        double[] hi = box[1];
        double[] grid = InputPlane.grid(box, steps);
        Matrix predicted = model.predict(Matrix.of(steps * steps, 2, grid));
        double[][] cells = new double[3][steps * steps];
        double zLow = Double.POSITIVE_INFINITY;
        double zHigh = Double.NEGATIVE_INFINITY;
        int notFinite = 0;
        for (int r = 0; r < steps * steps; r++) {
            cells[0][r] = grid[2 * r];
            cells[1][r] = grid[2 * r + 1];
            cells[2][r] = predicted.get(r, output);
            // A NaN would make the scale's ends NaN and paint every cell alike; such cells are grey instead.
            if (Double.isFinite(cells[2][r])) {
                zLow = Math.min(zLow, cells[2][r]);
                zHigh = Math.max(zHigh, cells[2][r]);
            } else {
                notFinite++;
            }
        }
        for (int i = 0; i < y.rows(); i++) {
            zLow = Math.min(zLow, y.get(i, output));
            zHigh = Math.max(zHigh, y.get(i, output));
        }
        if (zLow > zHigh) {
            zLow = 0;
            zHigh = 1;
        }
        DefaultXYZDataset surface = new DefaultXYZDataset();
        surface.addSeries("prediction", cells);
        List<String> inputs = model.inputs().stream().map(Charts::shown).toList();
        String target = Charts.shown(model.outputs().get(output));
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
        JFreeChart chart = new JFreeChart("Predicted " + target + " over " + inputs.get(0) + " and " + inputs.get(1)
                + (notFinite == 0 ? "" : " (grey: " + notFinite + " of " + steps * steps + " cells where the "
                + "prediction is not a finite number)"), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis(target);
        legendAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(8, 8, 8, 8);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
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
