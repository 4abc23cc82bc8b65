package dev.backprop.spark;

import dev.backprop.data.InvalidDataException;
import org.apache.spark.sql.AnalysisException;

/**
 * How {@code backprop-spark} reports a failure, as the command line does: one line {@code error: ...}, exit code
 * {@value SparkTrain#BAD_INPUT} for bad usage or bad input, {@value SparkTrain#FAILURE} for anything else.
 */
final class SparkErrors {
    private SparkErrors() {
    }

    static int exitCode(Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof InvalidDataException
                || e instanceof AnalysisException || e instanceof java.nio.file.NoSuchFileException
                || e instanceof java.io.FileNotFoundException || malformedInput(e)) {
            return SparkTrain.BAD_INPUT;
        }
        return SparkTrain.FAILURE;
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

    static String message(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return e.getMessage() + ": no such file";
        }
        Throwable shown = e;
        if (malformedInput(e)) {
            while (shown.getCause() != null && shown.getCause().getMessage() != null) {
                shown = shown.getCause();
            }
        }
        String text = shown.getMessage();
        if (text == null || text.isBlank()) {
            text = shown.getClass().getSimpleName();
        }
        return text.lines().findFirst().orElse(text);
    }
}
