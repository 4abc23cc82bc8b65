package dev.backprop.cli.plot;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

import java.awt.Color;
import java.util.List;

/**
 * Permutation importance as horizontal bars, most important on top, with ± one sd as an error bar. Of more than
 * {@value #MOST_BARS} columns only the first {@value #MOST_BARS} are drawn, and the title says so: hundreds of bars
 * leave a pixel each and their names overwrite one another.
 */
final class ImportanceChart {
    /** The most columns drawn. */
    static final int MOST_BARS = 40;

    private ImportanceChart() {
    }

    static JFreeChart of(List<String> columns, double[] mean, double[] sd, String score) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        int drawn = Math.min(columns.size(), MOST_BARS);
        for (int j = 0; j < drawn; j++) {
            data.add(mean[j], sd[j], "importance", columns.get(j));
        }
        String title = "Permutation importance" + (drawn < columns.size() ? " (the first " + drawn + " of "
                + columns.size() + " columns)" : "");
        JFreeChart chart = ChartFactory.createBarChart(title, "column",
                "drop in " + score + " when the column is shuffled", data, PlotOrientation.HORIZONTAL, false, false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setSeriesPaint(0, Charts.TRAINING);
        renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
        renderer.setDrawBarOutline(false);
        renderer.setShadowVisible(false);
        plot.setRenderer(renderer);
        return chart;
    }
}
