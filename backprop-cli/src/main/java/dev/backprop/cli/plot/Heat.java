package dev.backprop.cli.plot;

import org.jfree.chart.renderer.PaintScale;

import java.awt.Color;
import java.awt.Paint;

/**
 * A perceptually ordered blue-to-yellow scale (after viridis), readable in grey and by most colour-blind eyes. A value
 * that is not a finite number (a prediction whose sums overflowed) has no place on it and is painted
 * {@link #NOT_A_NUMBER}, a grey none of its colours is.
 *
 * @param low  the value painted in the first colour; lower ones are too
 * @param high the value painted in the last colour; higher ones are too. Greater than {@code low}
 */
record Heat(double low, double high) implements PaintScale {
    private static final Color[] STOPS = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
            new Color(0x5ec962), new Color(0xfde725)};
    /** The paint of NaN and the infinities. */
    static final Color NOT_A_NUMBER = new Color(0xbdbdbd);

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
        if (!Double.isFinite(value)) {
            return NOT_A_NUMBER;
        }
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
