package dev.backprop.spark;

import dev.backprop.command.Failures;
import dev.backprop.data.InvalidDataException;
import org.apache.spark.sql.AnalysisException;

import java.io.FileNotFoundException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What {@code backprop-spark} adds to the command lines' {@link Failures}: Spark's own bad input (a query Spark cannot
 * analyse, such as an absent path, a CSV row with the wrong number of fields, a file of a directory whose header is
 * not the first file's) is exit code {@value Failures#BAD_INPUT} too, said on one line naming the file.
 */
final class SparkErrors {
    /** How {@code backprop-spark}'s errors read; Spark gives the heap with spark-submit, so no heap advice. */
    static final Failures FAILURES = new Failures(e -> e instanceof AnalysisException
            || e instanceof FileNotFoundException || malformedInput(e) || headerMismatch(e) != null,
            SparkErrors::shown, null);

    /** Spark's words for a CSV row with the wrong number of fields, before the row's text. */
    private static final String MALFORMED_CSV = "[MALFORMED_CSV_RECORD] Malformed CSV record: ";
    /** Spark's words for a CSV file of a directory whose header differs from the first file's. */
    private static final String HEADER_MISMATCH = "CSV header does not conform to the schema";

    private SparkErrors() {
    }

    /**
     * {@code e} said of {@code source} when it is Spark's failure on a malformed row or a file whose header differs
     * from the data's columns, which Spark words without the data's name or over several lines; else {@code e}
     * itself.
     */
    static Exception located(Exception e, String source) {
        Throwable header = headerMismatch(e);
        if (header != null) {
            Map<String, String> said = fields(header.getMessage());
            String uri = said.get("CSV file");
            java.nio.file.Path local = HadoopFiles.local(uri);
            String file = uri == null ? source : local != null ? local.toString() : uri;
            String twice = twice(said.getOrDefault("Header", ""));
            if (twice != null) {
                // Spark named the two columns a0 and a1 in the columns it read, so the header "differs".
                return new InvalidDataException(file, 1, twice, "the header names this column twice");
            }
            return new InvalidDataException(file, 0, null, "its header (" + said.get("Header") + ") is not the "
                    + "data's columns (" + said.get("Schema") + "), which the first file's header gave: every file "
                    + "of the data needs the same header");
        }
        if (!malformedInput(e)) {
            return e;
        }
        String message = shown(e).getMessage();
        return new InvalidDataException(source, 0, null, message.startsWith(MALFORMED_CSV)
                ? "a row whose fields do not match the header's columns: " + message.substring(MALFORMED_CSV.length())
                + " (or a quoted cell holds a line break, which backprop-spark does not read: Spark splits a file at"
                + " its line breaks)"
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

    /** The cause that says a file's header differs from the schema (with enforceSchema off), or null. */
    private static Throwable headerMismatch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith(HEADER_MISMATCH)) {
                return t;
            }
        }
        return null;
    }

    /** The first name a header (Spark's "a, b, c") gives twice, or null. */
    private static String twice(String header) {
        Set<String> seen = new HashSet<>();
        for (String name : header.split(", ")) {
            if (!seen.add(name)) {
                return name;
            }
        }
        return null;
    }

    /** The "Name: value" lines of Spark's header message, by name. */
    private static Map<String, String> fields(String message) {
        Map<String, String> fields = new HashMap<>();
        for (String line : message.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon).strip(), line.substring(colon + 2).strip());
            }
        }
        return fields;
    }

    /** For a malformed row, the deepest cause with a message; for a header, that message on one line; else e. */
    private static Throwable shown(Throwable e) {
        Throwable header = headerMismatch(e);
        if (header != null) {
            return new IllegalArgumentException(String.join("; ", header.getMessage().strip().split("\s*\n\s*")));
        }
        Throwable shown = e;
        if (malformedInput(e)) {
            while (shown.getCause() != null && shown.getCause().getMessage() != null) {
                shown = shown.getCause();
            }
        }
        return shown;
    }
}
