package dev.backprop.cli.plot;

import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.title.PaintScaleLegend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the published pictures promise: confusion matrices that read and compare, legends that match the picture. */
class ChartsTest {
    @Test
    void confusionMatrixLabelsAreAsLargeAsItsCountsAndItHasAColourBar() {
        JFreeChart chart = Charts.confusion(List.of("cat", "dog"), new long[][] {{3, 1}, {0, 4}}, "pet");
        List<String> cells = new ArrayList<>();
        int countSize = 0;
        for (Object a : chart.getXYPlot().getAnnotations()) {
            cells.add(((XYTextAnnotation) a).getText());
            countSize = ((XYTextAnnotation) a).getFont().getSize();
        }
        assertThat(cells).containsExactly("3", "1", "0", "4");
        assertThat(((SymbolAxis) chart.getXYPlot().getDomainAxis()).getTickLabelFont().getSize()).isEqualTo(countSize);
        assertThat(((SymbolAxis) chart.getXYPlot().getRangeAxis()).getTickLabelFont().getSize()).isEqualTo(countSize);
        assertThat(chart.getSubtitles()).anyMatch(t -> t instanceof PaintScaleLegend);
    }

    @Test
    void normalisedRowsSumToOne() {
        JFreeChart chart = Charts.confusionShares(List.of("cat", "dog", "eel"),
                new long[][] {{3, 1, 0}, {0, 4, 0}, {0, 0, 0}}, "pet");
        List<String> cells = new ArrayList<>();
        for (Object a : chart.getXYPlot().getAnnotations()) {
            cells.add(((XYTextAnnotation) a).getText());
        }
        // A class with no rows shows zeros rather than 0/0.
        assertThat(cells).containsExactly("0.75", "0.25", "0.00", "0.00", "1.00", "0.00", "0.00", "0.00", "0.00");
        assertThat(chart.getTitle().getText()).contains("rows sum to 1");
    }

    @Test
    void decisionRegionsLegendShowsEachClassInItsColour() {
        String[] labels = {"left", "left", "left", "right", "right", "right"};
        double[][] points = {{0, 0}, {0.1, 1}, {0.2, 0.5}, {1, 0}, {0.9, 1}, {0.8, 0.5}};
        StringBuilder csv = new StringBuilder("a,b,side\n");
        for (int i = 0; i < labels.length; i++) {
            csv.append(points[i][0]).append(',').append(points[i][1]).append(',').append(labels[i]).append('\n');
        }
        Frame frame = dev.backprop.data.CsvFrameReader.readWith(new java.io.StringReader(csv.toString()), "t.csv",
                dev.backprop.data.ReadOptions.DEFAULT.withDelimiter(','));
        Preprocessor preprocessor = Preprocessor.fit(frame, PreprocessConfig.of("side"));
        Model model = Trainer.of(TrainerConfig.builder().seed(1).build()).initialModel(
                preprocessor.apply(frame).dataset()).withPreprocessor(preprocessor);
        Matrix x = preprocessor.apply(frame).dataset().x();
        JFreeChart chart = Charts.regions(model, x, new int[] {0, 0, 0, 1, 1, 1});
        LegendItemCollection items = chart.getXYPlot().getLegendItems();
        assertThat(items.getItemCount()).isEqualTo(2);
        for (int c = 0; c < 2; c++) {
            LegendItem item = items.get(c);
            assertThat(item.getLabel()).isEqualTo(model.classes().get(c));
            assertThat(item.getFillPaint()).isEqualTo(Charts.CLASSES[c]);
        }
    }

    @Test
    void aWideNetworkDrawsItsStrongestWeightsAndSaysSo() {
        dev.backprop.nn.Architecture architecture = Trainer.of(TrainerConfig.builder()
                .set(dev.backprop.train.TrainingSettings.HIDDEN, List.of(100, 100)).build()).architecture(10, 1);
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double[] theta = new double[architecture.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian();
        }
        String svg = NetworkDrawing.of(Model.unscaled(dev.backprop.nn.Network.of(architecture, theta)), 900, 600)
                .svg();
        // 16 of each layer's units are shown; of the 160 and 256 weights between them, the 60 strongest are drawn.
        long lines = java.util.regex.Pattern.compile("<line ").matcher(svg).results().count();
        assertThat(lines).isLessThanOrEqualTo(2L * NetworkDrawing.STRONGEST + 16 + 33 + 2).isGreaterThan(100);
        assertThat(svg).contains("only the 60 strongest weights shown are drawn");
    }
}
