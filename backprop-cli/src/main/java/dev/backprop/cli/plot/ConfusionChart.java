package dev.backprop.cli.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.Color;
import java.util.List;

/** The confusion matrix as a heat map: rows are the actual classes, columns the predicted ones, counts written. */
final class ConfusionChart {
    private ConfusionChart() {
    }

    /** {@link Charts#confusion}. */
    static JFreeChart of(List<String> classes, long[][] counts, String target) {
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
}
