package dev.backprop.cli;

import dev.backprop.train.StopReason;
import dev.backprop.train.TrainingSummary;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A model file's training history as the report shows it to people: settings by their names in words ("learning
 * rate", not {@code learningRate}), numbers in plain decimals ("0.000001", not {@code 1.0E-6}), and the stopping rule
 * as training reported it ("epoch limit reached", not {@code max-epochs}).
 */
final class HistoryWords {
    private HistoryWords() {
    }

    /** {@code learningRate} as "learning rate", {@code maxEpochs} as "max epochs"; {@code l2} stays "l2". */
    static String setting(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** A recorded value: numbers in plain decimals (6 significant digits), anything else as written. */
    static String value(String text) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v) && (v == 0 || Math.abs(v) >= 1e-9 && Math.abs(v) < 1e15)) {
                return new BigDecimal(text.trim()).round(new java.math.MathContext(6)).stripTrailingZeros()
                        .toPlainString();
            }
        } catch (NumberFormatException e) {
            // Not a number: an id such as adam, or a list such as 16,8.
        }
        return text;
    }

    /** A stop reason's id in the words training printed; an unknown id (a newer file) as written. */
    static String stopped(String id, int bestEpoch) {
        for (StopReason reason : StopReason.values()) {
            if (reason.id().equals(id)) {
                return TrainingSummary.reason(reason, bestEpoch);
            }
        }
        return id;
    }
}
