package dev.backprop.cli.plot;

import dev.backprop.io.ModelFile;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;
import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pictures of what a user may hand {@code plot}, {@code draw} and {@code report}: predictions that are not finite
 * numbers, names that no picture format holds as given, hundreds of classes.
 */
class HostilePicturesTest {
    @Test
    void aSurfaceWithNaNPredictionsPaintsThemGreyAndScalesTheRest() {
        Model model = OverflowingModels.regression();
        Matrix x = OverflowingModels.plane();
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            y[i] = i;
        }
        JFreeChart chart = Charts.surface(model, x, Matrix.of(20, 1, y), 0);
        XYZDataset cells = (XYZDataset) chart.getXYPlot().getDataset(0);
        int notFinite = 0;
        for (int r = 0; r < cells.getItemCount(0); r++) {
            notFinite += Double.isFinite(cells.getZValue(0, r)) ? 0 : 1;
        }
        // Independently: the grid's cells where a + b is so large that the two units overflow.
        assertThat(notFinite).isGreaterThan(100).isLessThan(80 * 80 / 2);
        PaintScale scale = ((XYBlockRenderer) chart.getXYPlot().getRenderer(0)).getPaintScale();
        // Before, the scale's ends were NaN and every cell, finite or not, was painted black.
        assertThat(scale.getLowerBound()).isEqualTo(0.0);
        assertThat(scale.getUpperBound()).isEqualTo(19.0);
        assertThat(scale.getPaint(Double.NaN)).isEqualTo(Heat.NOT_A_NUMBER);
        assertThat(scale.getPaint(Double.POSITIVE_INFINITY)).isEqualTo(Heat.NOT_A_NUMBER);
        assertThat(scale.getPaint(0)).isNotEqualTo(scale.getPaint(19)).isNotEqualTo(Heat.NOT_A_NUMBER);
        assertThat(chart.getTitle().getText()).endsWith("(grey: " + notFinite + " of 6400 cells where the prediction "
                + "is not a finite number)");
        // The picture itself: grey where the sums overflow (top right), the scale's colour of 0 elsewhere.
        java.awt.image.BufferedImage png = Picture.of(chart, 600, 500).png();
        assertThat(colours(png)).contains(Heat.NOT_A_NUMBER.getRGB(), ((java.awt.Color) scale.getPaint(0)).getRGB());
    }

    @Test
    void decisionRegionsWhereTheProbabilitiesAreNaNShowNoClass() {
        Model model = OverflowingModels.classifier();
        Matrix x = OverflowingModels.plane();
        JFreeChart chart = Charts.regions(model, x, new int[20]);
        XYZDataset cells = (XYZDataset) chart.getXYPlot().getDataset(0);
        int none = 0;
        for (int r = 0; r < cells.getItemCount(0); r++) {
            Matrix cell = model.predict(Matrix.of(1, 2, new double[] {cells.getXValue(0, r), cells.getYValue(0, r)}));
            boolean answered = ClassificationMetrics.answered(cell, 0);
            // Before, argmax called every such cell the first class, 'p'.
            assertThat(cells.getZValue(0, r)).isEqualTo(answered ? ClassificationMetrics.argmax(cell, 0) : -1.0);
            none += answered ? 0 : 1;
        }
        assertThat(none).isGreaterThan(100);
        PaintScale scale = ((XYBlockRenderer) chart.getXYPlot().getRenderer(0)).getPaintScale();
        assertThat(scale.getPaint(-1)).isEqualTo(Heat.NOT_A_NUMBER);
        assertThat(scale.getPaint(0)).isNotEqualTo(Heat.NOT_A_NUMBER);
        assertThat(chart.getTitle().getText()).endsWith("(grey: no class in " + none + " of 14400 cells, whose "
                + "probabilities are NaN)");
    }

    /** A linear model of two inputs of these names and one output, y = a + 2 b. */
    private static Model named(String a, String b, String y) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        return ModelFile.parse("""
                {"format": "backprop-model", "version": 1, "inputs": [%s, %s], "outputs": [%s],
                 "task": "regression", "loss": "mse",
                 "layers": [{"activation": "linear", "bias": [0], "weights": [[1], [2]]}],
                 "inputScaling": {"method": "none"}, "outputScaling": {"method": "none"}}
                """.formatted(json.writeValueAsString(a), json.writeValueAsString(b), json.writeValueAsString(y)));
    }

    @Test
    void namesHoldingCharactersXmlCannotHoldStillGiveAReadableSvg() throws Exception {
        // A CSV header may hold U+FFFF or U+FFFE; a model file, control characters too.
        Model model = named("a\u0001b", "c\uFFFFd", "y\uD800");
        String svg = NetworkDrawing.of(model, 900, 600).svg();
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document document = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(svg)));
        String text = document.getDocumentElement().getTextContent();
        assertThat(text).contains("a\uFFFDb").contains("c\uFFFDd").contains("y\uFFFD");
        assertThat(NetworkDrawing.of(model, 900, 600).svgElement()).contains("a\uFFFDb").doesNotContain("\u0001");
        // What XML allows is kept as it is: tabs, right-to-left text, letters beyond the first 65,536.
        assertThat(Picture.xmlCharacters("a\tב\u202Ec\uD835\uDC9C")).isEqualTo("a\tב\u202Ec\uD835\uDC9C");
    }

    @Test
    void aLongNameIsCutShortInsteadOfPushingTheNetworkOffThePicture() throws Exception {
        String longName = "x".repeat(3000);
        String svg = NetworkDrawing.of(named(longName, "b", "y".repeat(500)), 900, 600).svg();
        java.util.regex.Matcher centres = java.util.regex.Pattern.compile("<ellipse cx='([-0-9.E]+)'").matcher(svg);
        int nodes = 0;
        while (centres.find()) {
            // Before, the input column sat at x = 20,000 and more, far right of the 900-pixel picture.
            assertThat(Double.parseDouble(centres.group(1))).isBetween(0.0, 900.0);
            nodes++;
        }
        assertThat(nodes).as("3 nodes, each filled and outlined").isEqualTo(6);
        assertThat(svg).doesNotContain(longName).contains("xxxxxxxx…").contains("yyyyyyyy…");
        java.awt.FontMetrics metrics = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB)
                .createGraphics().getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
        String cut = NetworkDrawing.labels(metrics, java.util.List.of(longName, "b"), 180).get(0);
        assertThat(metrics.stringWidth(cut)).isLessThanOrEqualTo(180).isGreaterThan(150);
        assertThat(NetworkDrawing.labels(metrics, java.util.List.of(longName, "b"), 180).get(1)).isEqualTo("b");
    }

    @Test
    void aConfusionMatrixOfHundredsOfClassesStaysReadableAndSmall() {
        int k = 300;
        List<String> classes = new java.util.ArrayList<>();
        long[][] counts = new long[k][k];
        for (int c = 0; c < k; c++) {
            classes.add("class" + c);
            counts[c][c] = 9;
            counts[c][(c + 1) % k] = 1;
        }
        JFreeChart chart = Charts.confusion(classes, counts, "k");
        // Before: 90,000 written counts, white "0"s covering the cells, in a 60 MB SVG.
        assertThat(chart.getXYPlot().getAnnotations()).isEmpty();
        XYZDataset cells = (XYZDataset) chart.getXYPlot().getDataset(0);
        assertThat(cells.getItemCount(0)).isEqualTo(2 * k);
        assertThat(chart.getTitle().getText()).endsWith("(300 classes: each cell's value by its colour alone)");
        PaintScale scale = ((XYBlockRenderer) chart.getXYPlot().getRenderer()).getPaintScale();
        assertThat(chart.getXYPlot().getBackgroundPaint()).isEqualTo(scale.getPaint(0));
        assertThat(Picture.of(chart, 900, 600).svg().length()).isLessThan(1_000_000);
        // Up to 30 classes every cell is drawn and written, zeros too.
        JFreeChart small = Charts.confusion(classes.subList(0, 30), new long[30][30], "k");
        assertThat(small.getXYPlot().getAnnotations()).hasSize(900);
        assertThat(small.getTitle().getText()).isEqualTo("Confusion matrix: k");
    }

    @Test
    void noTwoClassesShareAColourAndAHundredAreNotListed() {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int c = 0; c < 900; c++) {
            assertThat(seen.add(Charts.classColour(c).getRGB())).as("class %d's colour is new", c).isTrue();
        }
        assertThat(Charts.classColour(3)).isEqualTo(Charts.CLASSES[3]);
        for (int k : new int[] {12, 100}) {
            StringBuilder csv = new StringBuilder("a,b,k\n");
            int[] actual = new int[2 * k];
            for (int i = 0; i < 2 * k; i++) {
                csv.append(i).append(',').append(i % 7).append(",c").append(String.format("%03d", i / 2)).append('\n');
                actual[i] = i / 2;
            }
            Frame frame = dev.backprop.data.CsvFrameReader.readWith(new java.io.StringReader(csv.toString()), "t.csv",
                    dev.backprop.data.ReadOptions.DEFAULT.withDelimiter(','));
            Preprocessor preprocessor = Preprocessor.fit(frame, PreprocessConfig.of("k"));
            Model model = Trainer.of(TrainerConfig.builder().seed(1).build()).initialModel(
                    preprocessor.apply(frame).dataset()).withPreprocessor(preprocessor);
            JFreeChart chart = Charts.regions(model, preprocessor.apply(frame).dataset().x(), actual);
            org.jfree.chart.renderer.xy.XYItemRenderer dots = chart.getXYPlot().getRenderer(1);
            java.util.Set<java.awt.Paint> paints = new java.util.HashSet<>();
            for (int c = 0; c < k; c++) {
                paints.add(dots.getSeriesPaint(c));
            }
            // Before, class 10 was painted as class 0, class 11 as class 1.
            assertThat(paints).hasSize(k);
            assertThat(chart.getLegend() != null).isEqualTo(k <= RegionsChart.LEGEND_MOST);
            assertThat(chart.getTitle().getText().endsWith("(" + k + " classes: too many to list)"))
                    .isEqualTo(k > RegionsChart.LEGEND_MOST);
        }
    }

    @Test
    void ofHundredsOfColumnsTheImportanceChartDrawsTheFirstFortyAndSaysSo() {
        List<String> columns = new java.util.ArrayList<>();
        double[] mean = new double[300];
        for (int j = 0; j < 300; j++) {
            columns.add("col" + j);
            mean[j] = 1 - j / 300.0;
        }
        JFreeChart chart = Charts.importance(columns, mean, new double[300], "R^2");
        // Before, 300 bars of a pixel or two, their names printed over one another.
        assertThat(chart.getCategoryPlot().getDataset().getColumnKeys()).isEqualTo(columns.subList(0, 40));
        assertThat(chart.getTitle().getText()).isEqualTo("Permutation importance (the first 40 of 300 columns)");
        JFreeChart few = Charts.importance(columns.subList(0, 40), mean, new double[300], "R^2");
        assertThat(few.getCategoryPlot().getDataset().getColumnCount()).isEqualTo(40);
        assertThat(few.getTitle().getText()).isEqualTo("Permutation importance");
    }

    @Test
    void theLossOfADivergedRunIsDrawnOnALogAxisOfShortLabels() {
        // The losses of a run that diverged after five epochs, as the report draws them (all positive: log scale).
        double[] losses = {1.785e11, 7.26e31, 1.30e73, 8.44e112, 5.48e227};
        String svg = Picture.of(Charts.loss(losses, null, "mse", true), 800, 460).svg();
        // Before, ticks labelled with 228 digits took the whole width and the chart drew its title alone.
        java.util.List<String> labels = java.util.regex.Pattern.compile(">([^<>]+)</text>").matcher(svg).results()
                .map(m -> m.group(1)).toList();
        assertThat(labels).contains("Loss per epoch", "5E+120", "5E+210").hasSizeGreaterThan(8);
        assertThat(labels).allMatch(label -> label.length() <= 30);
        assertThat(svg).contains("stroke:rgb(31,119,180)");
        assertThat(PlainLogAxis.label(5e227)).isEqualTo("5E+227");
        assertThat(PlainLogAxis.label(1e11)).isEqualTo("100000000000");
        assertThat(PlainLogAxis.label(1e12)).isEqualTo("1E+12");
        assertThat(PlainLogAxis.label(2e-20)).isEqualTo("2E-20");
    }

    /** A picture as large as --width and --height allow, in a JVM of 64 MB: refused before its pixels are made. */
    @Test
    void aBitmapLargerThanTheHeapIsRefusedBeforeItIsMade(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path model = dir.resolve("m.json");
        ModelFile.write(OverflowingModels.regression(), model);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process draw = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx64m", "-cp", classpath, "dev.backprop.cli.Main", "draw", "--model", model.toString(),
                "--width", "10000", "--height", "10000", dir.resolve("big.png").toString())
                .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(draw.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String err = java.nio.file.Files.readString(dir.resolve("err.txt"));
        // Before: exit 1, "out of memory while running draw".
        assertThat(draw.exitValue()).as(err).isEqualTo(2);
        assertThat(err).startsWith("error: a 10,000 x 10,000 picture as PNG needs 381.5 MB (4 bytes a pixel) but the "
                + "JVM may use ").contains("draw it smaller (--width, --height) or as .svg, or raise the heap with "
                + "BACKPROP_JAVA_OPTS=-Xmx").hasLineCount(1);
        assertThat(dir.resolve("big.png")).doesNotExist();
    }

    @Test
    void aClassOfAVeryLongNameLeavesTheConfusionMatrixRoomToDraw() {
        String longName = "L".repeat(2000);
        JFreeChart chart = Charts.confusion(List.of("short", longName), new long[][] {{9, 1}, {2, 8}}, "k");
        org.jfree.chart.axis.SymbolAxis predicted = (org.jfree.chart.axis.SymbolAxis) chart.getXYPlot()
                .getDomainAxis();
        assertThat(predicted.getSymbols()).containsExactly("short", "L".repeat(39) + "…");
        // Before, the axes made room for 2,000 letters and the picture held the title and colour bar alone.
        java.awt.image.BufferedImage png = Picture.of(chart, 900, 600).png();
        PaintScale scale = ((XYBlockRenderer) chart.getXYPlot().getRenderer()).getPaintScale();
        assertThat(colours(png)).contains(((java.awt.Color) scale.getPaint(9)).getRGB(),
                ((java.awt.Color) scale.getPaint(1)).getRGB());
        assertThat(Charts.shown("x".repeat(40))).isEqualTo("x".repeat(40));
    }

    @Test
    void aDirectionOverrideInANameIsShownAsItsCodeAndRightToLeftLettersAsThemselves() throws Exception {
        // U+202E left open in a class name reversed the rest of the title it was drawn in ("... over b" read "b revo")
        assertThat(Charts.shown("evil\u202eab\u2066c")).isEqualTo("evil\\u202eab\\u2066c");
        assertThat(Charts.shown("\u0645\u062f\u06cc\u0646\u0647")).isEqualTo("\u0645\u062f\u06cc\u0646\u0647");
        Model model = named("x\u202e1", "b", "y");
        JFreeChart chart = Charts.surface(model, Matrix.of(3, 2, new double[] {0, 0, 1, 2, 2, 1}),
                Matrix.of(3, 1, new double[] {0, 5, 4}), 0);
        assertThat(chart.getTitle().getText()).isEqualTo("Predicted y over x\\u202e1 and b");
    }

    @Test
    void aColumnOfAVeryLongNameLeavesTheSurfaceRoomToDraw() throws Exception {
        Model model = named("a".repeat(2000), "b", "y".repeat(2000));
        Matrix x = Matrix.of(3, 2, new double[] {0, 0, 1, 2, 2, 1});
        JFreeChart chart = Charts.surface(model, x, Matrix.of(3, 1, new double[] {0, 5, 4}), 0);
        // Before, the title wrapped the names' 4,000 letters over the whole picture.
        assertThat(chart.getTitle().getText()).isEqualTo("Predicted " + "y".repeat(39) + "… over " + "a".repeat(39)
                + "… and b");
        assertThat(chart.getXYPlot().getDomainAxis().getLabel()).isEqualTo("a".repeat(39) + "…");
        PaintScale scale = ((XYBlockRenderer) chart.getXYPlot().getRenderer(0)).getPaintScale();
        java.util.Set<Integer> seen = colours(Picture.of(chart, 900, 600).png());
        long heat = seen.stream().filter(rgb -> java.util.stream.IntStream.rangeClosed(0, 8).anyMatch(
                v -> ((java.awt.Color) scale.getPaint(scale.getLowerBound() + v * (scale.getUpperBound()
                        - scale.getLowerBound()) / 8)).getRGB() == rgb)).count();
        assertThat(heat).isGreaterThan(2);
    }

    private static java.util.Set<Integer> colours(java.awt.image.BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < image.getWidth(); i += 3) {
            for (int j = 0; j < image.getHeight(); j += 3) {
                seen.add(image.getRGB(i, j));
            }
        }
        return seen;
    }
}
