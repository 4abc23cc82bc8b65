package dev.backprop.spark;

import dev.backprop.command.Failures;
import dev.backprop.data.InvalidDataException;
import org.apache.spark.sql.AnalysisException;

import java.io.FileNotFoundException;

/**
 * What {@code backprop-spark} adds to the command lines' {@link Failures}: Spark's own bad input (a query Spark cannot
 * analyse, such as an absent path, and a CSV row with the wrong number of fields) is exit code
 * {@value Failures#BAD_INPUT} too, and a malformed row's message is the one at the bottom of Spark's job failure.
 */
final class SparkErrors {
    /** How {@code backprop-spark}'s errors read; Spark gives the heap with spark-submit, so no heap advice. */
    static final Failures FAILURES = new Failures(e -> e instanceof AnalysisException
            || e instanceof FileNotFoundException || malformedInput(e), SparkErrors::shown, null);

    private SparkErrors() {
    }

    /** Spark's words for a CSV row with the wrong number of fields, before the row's text. */
    private static final String MALFORMED_CSV = "[MALFORMED_CSV_RECORD] Malformed CSV record: ";

    /**
     * {@code e} said of {@code source} when it is Spark's failure on a malformed row, which Spark words without the
     * file; else {@code e} itself.
     */
    static Exception located(Exception e, String source) {
        if (!malformedInput(e)) {
            return e;
        }
        String message = shown(e).getMessage();
        return new InvalidDataException(source, 0, null, message.startsWith(MALFORMED_CSV)
                ? "a row whose fields do not match the header's columns: " + message.substring(MALFORMED_CSV.length())
                : message);
    }

    /** Spark reports a CSV row with the wrong number of fields (FAILFAST) deep inside a job failure. */
    private static boolean malformedInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Malformed")) {
                return true;
            }
        }
        return false;
    }

    /** For a malformed row, the deepest cause with a message; else {@code e}. */
    private static Throwable shown(Throwable e) {
        Throwable shown = e;
        if (malformedInput(e)) {
            while (shown.getCause() != null && shown.getCause().getMessage() != null) {
                shown = shown.getCause();
            }
        }
        return shown;
    }
}
