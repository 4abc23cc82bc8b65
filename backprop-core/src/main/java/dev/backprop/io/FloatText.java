package dev.backprop.io;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * A float32 model's parameters in a model file: each written as the shortest decimal that reads back as that float
 * (Schubfach, Jackson's writer: {@code 0.1}, not the 17 digits of the double the float widens to), and recovered
 * bit-identical although the JSON reader parses every number as a double.
 */
final class FloatText {
    private FloatText() {
    }

    /** The shortest decimal that {@link Float#parseFloat} reads back as {@code v}, in {@link Float#toString}'s layout. */
    static String of(float v) {
        return NumberOutput.toString(v, true);
    }

    /**
     * The float whose {@link #of} text parses, as a double, to {@code parsed}: the nearest float to {@code parsed}
     * or one of its neighbours (rounding the text to a double first and then to a float can land one float off when
     * the text lies near the midpoint of two floats). For a number this class did not write (a hand-edited file), the
     * float nearest {@code parsed}.
     */
    static float read(double parsed) {
        float nearest = (float) parsed;
        if (writtenAs(nearest, parsed)) {
            return nearest;
        }
        float below = Math.nextDown(nearest);
        if (writtenAs(below, parsed)) {
            return below;
        }
        float above = Math.nextUp(nearest);
        return writtenAs(above, parsed) ? above : nearest;
    }

    /** Whether {@code candidate}'s text parses to {@code parsed}. */
    private static boolean writtenAs(float candidate, double parsed) {
        return Double.parseDouble(of(candidate)) == parsed;
    }
}
