package dev.backprop.cli.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.Color;
import java.util.List;

/**
 * The confusion matrix as a heat map: rows are the actual classes, columns the predicted ones, counts (or, normalised,
 * each actual class's shares, so rows sum to 1) written in the cells in the class names' size, with a colour bar.
 * With more than {@value #WRITTEN} classes the cells are too small to write in, and their k² labels would make an SVG
 * of tens of megabytes (300 classes: 60 MB): the colour alone gives each cell's value, the title says so, and only
 * the cells that are not 0 are drawn, over a background of 0's colour, so the picture grows with the rows, not k².
 */
final class ConfusionChart {
    /** The most classes whose cells have their value written in them. */
    static final int WRITTEN = 30;

    private ConfusionChart() {
    }

    /** {@link Charts#confusion}. */
    static JFreeChart of(List<String> classes, long[][] counts, String targetName, boolean normalize) {
        String target = Charts.shown(targetName);
        int k = classes.size();
        boolean written = k <= WRITTEN;
        int shown = 0;
        for (long[] row : counts) {
            for (long count : row) {
                shown += written || count != 0 ? 1 : 0;
            }
        }
        double[][] cells = new double[3][shown];
        double largest = normalize ? 1 : 1e-300;
        for (int a = 0, i = 0; a < k; a++) {
            long total = 0;
            for (int p = 0; p < k; p++) {
                total += counts[a][p];
            }
            for (int p = 0; p < k; p++) {
                if (written || counts[a][p] != 0) {
                    cells[0][i] = p;
                    cells[1][i] = k - 1 - a;
                    cells[2][i] = !normalize ? counts[a][p] : total == 0 ? 0 : (double) counts[a][p] / total;
                    largest = Math.max(largest, cells[2][i]);
                    i++;
                }
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("counts", cells);
        // The axes make room for their longest label: a name of thousands of letters left the cells no room at all.
        String[] names = classes.stream().map(Charts::shown).toArray(String[]::new);
        String[] reversed = new String[k];
        for (int c = 0; c < k; c++) {
            reversed[c] = names[k - 1 - c];
        }
        org.jfree.chart.axis.SymbolAxis predicted = new org.jfree.chart.axis.SymbolAxis("predicted " + target, names);
        org.jfree.chart.axis.SymbolAxis actual = new org.jfree.chart.axis.SymbolAxis("actual " + target, reversed);
        predicted.setGridBandsVisible(false);
        actual.setGridBandsVisible(false);
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, k > 8 ? 11 : 16);
        predicted.setTickLabelFont(font);
        actual.setTickLabelFont(font);
        XYBlockRenderer blocks = new XYBlockRenderer();
        Heat scale = new Heat(0, largest);
        blocks.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, predicted, actual, blocks);
        plot.setBackgroundPaint(written ? Color.WHITE : scale.getPaint(0));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (int i = 0; written && i < shown; i++) {
            org.jfree.chart.annotations.XYTextAnnotation label = new org.jfree.chart.annotations.XYTextAnnotation(
                    normalize ? String.format(java.util.Locale.ROOT, "%.2f", cells[2][i])
                            : Long.toString((long) cells[2][i]), cells[0][i], cells[1][i]);
            label.setFont(font);
            label.setPaint(cells[2][i] > largest * 0.6 ? Color.BLACK : Color.WHITE);
            plot.addAnnotation(label);
        }
        JFreeChart chart = new JFreeChart("Confusion matrix: " + target + (normalize ? " (rows sum to 1)" : "")
                + (written ? "" : " (" + k + " classes: each cell's value by its colour alone)"),
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis barAxis = new NumberAxis(normalize ? "share of the actual class" : "rows");
        barAxis.setRange(0, largest);
        if (normalize) {
            barAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.25));
        } else {
            barAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        PaintScaleLegend bar = new PaintScaleLegend(scale, barAxis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setMargin(4, 4, 40, 4);
        bar.setStripWidth(14);
        bar.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(bar);
        return chart;
    }
}
