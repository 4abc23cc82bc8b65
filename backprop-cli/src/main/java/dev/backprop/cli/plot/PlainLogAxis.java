package dev.backprop.cli.plot;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A base-10 logarithmic axis whose ticks read as people write numbers: at 1, 2 and 5 times powers of ten, labelled
 * in plain decimals ({@code 0.25} is not a tick, but {@code 0.2}, {@code 0.1}, {@code 0.05} are; never
 * {@code 2.51E-1}), and thinned to at most {@link #MOST_TICKS} so the labels never crowd.
 */
final class PlainLogAxis extends LogAxis {
    /** The most ticks an axis shows. */
    static final int MOST_TICKS = 8;
    /** The longest label written in plain decimals (0.000000001 and 100000000000 are). */
    static final int LONGEST_PLAIN = 12;

    PlainLogAxis(String label) {
        super(label);
        setBase(10);
        setSmallestValue(1e-300);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        boolean vertical = RectangleEdge.isLeftOrRight(edge);
        TextAnchor anchor = !vertical ? TextAnchor.TOP_CENTER
                : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
        List ticks = new ArrayList();
        for (double v : values(getLowerBound(), getUpperBound())) {
            ticks.add(new NumberTick(TickType.MAJOR, v, label(v), anchor, TextAnchor.CENTER, 0.0));
        }
        return ticks;
    }

    /**
     * The ticks between {@code low} and {@code high}: 1, 2 and 5 times powers of ten (1 to 9 times, for a range too
     * narrow to hold two of those); if more than {@link #MOST_TICKS}, every k-th of them, k as small as fits.
     *
     * @return ascending; empty if the range holds none (or is not positive)
     */
    static double[] values(double low, double high) {
        if (!(low > 0) || !(high >= low) || Double.isInfinite(high)) {
            return new double[0];
        }
        List<Double> all = multiples(low, high, new int[] {1, 2, 5});
        if (all.size() < 2) {
            all = multiples(low, high, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        }
        int every = (all.size() + MOST_TICKS - 1) / MOST_TICKS;
        double[] out = new double[(all.size() + Math.max(every, 1) - 1) / Math.max(every, 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i * every);
        }
        return out;
    }

    private static List<Double> multiples(double low, double high, int[] factors) {
        List<Double> all = new ArrayList<>();
        for (int p = (int) Math.floor(Math.log10(low)) - 1; p <= (int) Math.ceil(Math.log10(high)); p++) {
            for (int m : factors) {
                double v = new BigDecimal(m).scaleByPowerOfTen(p).doubleValue();
                if (v >= low * (1 - 1e-12) && v <= high * (1 + 1e-12)) {
                    all.add(v);
                }
            }
        }
        return all;
    }

    /**
     * v in plain decimals, to 6 significant digits: 0.05, 0.1, 2, 5000; in scientific notation (5E+227) where plain
     * decimals would be longer than {@value #LONGEST_PLAIN} characters: the axis makes room for its widest label, and
     * one of 228 digits (the loss of a diverged run) left the chart no room to draw in.
     */
    static String label(double v) {
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        String plain = rounded.toPlainString();
        return plain.length() <= LONGEST_PLAIN ? plain : rounded.toString();
    }
}
