package dev.backprop.cli.plot;

import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.BinaryCurves;
import dev.backprop.model.Model;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;

import java.awt.Color;
import java.util.List;

/**
 * The charts backprop draws, built with JFreeChart: one class per kind of chart, and here their entry points and the
 * look they share (colours and plot style).
 */
public final class Charts {
    static final Color TRAINING = new Color(0x1f77b4);
    static final Color VALIDATION = new Color(0xff7f0e);
    /** A categorical palette (Tableau 10), one colour per class. */
    static final Color[] CLASSES = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    private Charts() {
    }

    /**
     * Class {@code c}'s colour: the palette's ten, then three shades (saturation and brightness) in turn, each hue a
     * golden angle (0.382 of the circle) on from the last, starting at a sea green the palette lacks, so that no two
     * of the first 900 classes share one (cycling the ten, class 10 was drawn as class 0).
     *
     * @param c a class index, at least 0
     * @return its colour
     */
    public static Color classColour(int c) {
        if (c < CLASSES.length) {
            return CLASSES[c];
        }
        int j = c - CLASSES.length;
        int shade = j % 3;
        float hue = (float) ((0.42 + j * 0.3819660112501051) % 1.0);
        return Color.getHSBColor(hue, new float[] {0.9f, 0.45f, 0.7f}[shade], new float[] {0.8f, 0.95f, 0.5f}[shade]);
    }

    /**
     * Loss per epoch. {@code validation} may be null.
     *
     * @param logScale plot the loss on a logarithmic axis (non-positive values are left out)
     */
    public static JFreeChart loss(double[] training, double[] validation, String lossName, boolean logScale) {
        return LossChart.of(training, validation, lossName, logScale);
    }

    /** Predicted against actual values of one target, with the identity line y = x that a perfect model sits on. */
    public static JFreeChart predictedVsActual(double[] actual, double[] predicted, String target) {
        return PredictedVsActualChart.of(actual, predicted, target);
    }

    /**
     * For a model with exactly two inputs: its prediction of output {@code output} over the input plane, as a heat
     * map, with the data's rows on top coloured by their actual values on the same scale.
     */
    public static JFreeChart surface(Model model, Matrix x, Matrix y, int output) {
        return SurfaceChart.of(model, x, y, output);
    }

    /**
     * Whether {@link #surface} and {@link #regions} can draw the plane of {@code x}'s two inputs: false when an input's
     * range is too wide for a number (values near ±1.8e308 at both ends).
     */
    public static boolean planeDrawable(Matrix x) {
        return InputPlane.drawable(x);
    }

    /** The confusion matrix as a heat map: rows are the actual classes, columns the predicted ones, counts written. */
    public static JFreeChart confusion(List<String> classes, long[][] counts, String target) {
        return ConfusionChart.of(classes, counts, target, false);
    }

    /**
     * The confusion matrix with each actual class's row as shares of it (rows sum to 1; a class without rows is all
     * zeros), so classes of different sizes compare.
     */
    public static JFreeChart confusionShares(List<String> classes, long[][] counts, String target) {
        return ConfusionChart.of(classes, counts, target, true);
    }

    /**
     * For a classifier with exactly two inputs: the class it predicts at each point of the input plane, with the
     * data's rows on top, each filled with its actual class's colour.
     */
    public static JFreeChart regions(Model model, Matrix x, int[] actual) {
        return RegionsChart.of(model, x, actual);
    }

    /**
     * Permutation importance: one horizontal bar per column, in the order given (the first on top), its length the
     * mean drop of {@code score}, with ± one standard deviation as an error bar; of more than 40 columns, the first 40
     * (the title says how many there are).
     */
    public static JFreeChart importance(List<String> columns, double[] mean, double[] sd, String score) {
        return ImportanceChart.of(columns, mean, sd, score);
    }

    /** The ROC curve of a two-class model's score for {@code positiveClass}, with the chance diagonal. */
    public static JFreeChart roc(BinaryCurves curves, String positiveClass) {
        return CurveChart.roc(curves, positiveClass);
    }

    /**
     * The precision-recall curve of a two-class model's score for {@code positiveClass}, with the level a score
     * that knows nothing reaches: the fraction of positive rows.
     */
    public static JFreeChart precisionRecall(BinaryCurves curves, String positiveClass) {
        return CurveChart.precisionRecall(curves, positiveClass);
    }

    /** The most characters of a name (a column's, a class's) a chart writes; a longer one is cut, ending in "…". */
    static final int LONGEST_NAME = 40;

    /**
     * {@code name} as a chart writes it: whole, or its first {@link #LONGEST_NAME} - 1 code points and "…". Axes
     * make room for their labels and titles wrap to hold them, so a name of thousands of letters left a chart no room
     * to draw in. A direction control (an embedding, override or isolate, U+202A-U+202E, U+2066-U+2069) is written as
     * a backslash, u and its code, as messages write it: a name is drawn inside a title or a legend beside other text,
     * and an override left open reversed all that followed it. Right-to-left letters need none of these and are drawn
     * as they are.
     */
    static String shown(String name) {
        String cut = name.codePointCount(0, name.length()) <= LONGEST_NAME ? name
                : name.substring(0, name.offsetByCodePoints(0, LONGEST_NAME - 1)) + "…";
        StringBuilder sb = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** White background and light grey grid lines. */
    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
    }
}
