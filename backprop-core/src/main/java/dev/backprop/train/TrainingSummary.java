package dev.backprop.train;

import dev.backprop.model.Model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a training command line reports after a run, in the words and numbers {@code backprop train} and
 * {@code backprop-spark} both print: the model trained, why it stopped, and the same facts as JSON fields. Formats
 * only; the command lines print.
 */
public final class TrainingSummary {
    private TrainingSummary() {
    }

    /**
     * A number as the command lines print losses: six significant digits, plain between 1e-4 and 1e15, otherwise in
     * scientific notation; 0 as {@code 0}; NaN and ∞ as Java writes them.
     *
     * @param v the number
     * @return its text, locale-free
     */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        double magnitude = Math.abs(v);
        return magnitude >= 1e-4 && magnitude < 1e15 ? d.toPlainString() : d.toString();
    }

    /**
     * The first line of the report: {@code trained 2 -> 3 sigmoid -> 1 sigmoid, loss sse (9 parameters) on 3 rows of
     * data.csv}.
     *
     * @param model  the trained model
     * @param rows   the rows it was trained on
     * @param source the data's name
     * @return the line, without a line break
     */
    public static String trained(Model model, long rows, String source) {
        return String.format(Locale.ROOT, "trained %s (%d parameters) on %d rows of %s", model.network().architecture(),
                model.network().architecture().parameterCount(), rows, source);
    }

    /**
     * The line saying how the run ended: {@code stopped: epoch limit reached after 500 epochs, J = 0.114494}.
     *
     * @param result the run
     * @return the line, without a line break
     */
    public static String stopped(TrainingResult result) {
        return "stopped: " + describe(result) + " after " + result.epochs() + " epochs, J = "
                + number(result.finalLoss());
    }

    private static String describe(TrainingResult result) {
        return reason(result.stopReason(), result.bestEpoch());
    }

    /**
     * Why a run stopped, in words: {@code epoch limit reached}, {@code converged (weights stopped changing)}, ...
     *
     * @param reason    the rule that stopped it
     * @param bestEpoch the epoch whose weights were kept (early stopping names it)
     * @return the words, without a line break
     */
    public static String reason(StopReason reason, int bestEpoch) {
        return switch (reason) {
            case CONVERGED -> "converged (weights stopped changing)";
            case MAX_EPOCHS -> "epoch limit reached";
            case EARLY_STOPPING -> "early stopping (validation loss stopped improving; kept epoch "
                    + bestEpoch + ")";
            case NO_IMPROVEMENT -> "training loss stopped improving";
            case INTERRUPTED -> "interrupted";
            case TIME_LIMIT -> "time limit reached";
            case DIVERGED -> "diverged (the loss became infinite or NaN; kept the last weights with a finite loss)";
        };
    }

    /**
     * The report's facts as JSON fields, in order: stopReason, epochs, finalLoss, bestEpoch, bestValidationLoss
     * (with a validation split), task, loss, architecture, parameters, rows.
     *
     * @param result the run
     * @param model  the trained model
     * @param rows   the rows it was trained on
     * @return a new insertion-ordered map of strings and numbers
     */
    public static Map<String, Object> fields(TrainingResult result, Model model, long rows) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("stopReason", result.stopReason().id());
        fields.put("epochs", result.epochs());
        fields.put("finalLoss", result.finalLoss());
        fields.put("bestEpoch", result.bestEpoch());
        double[] validationHistory = result.validationLossHistory();
        if (validationHistory.length > 0) {
            fields.put("bestValidationLoss", validationHistory[result.bestEpoch() - 1]);
        }
        fields.put("task", model.task().id());
        fields.put("loss", model.network().loss().id());
        fields.put("architecture", model.network().architecture().toString());
        fields.put("parameters", model.network().architecture().parameterCount());
        fields.put("rows", rows);
        return fields;
    }
}
