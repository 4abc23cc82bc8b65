package dev.backprop.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Guesses a CSV file's delimiter from its first lines, only where the answer is safe.
 *
 * <p>Candidates: comma, tab, semicolon, vertical bar. A candidate is present when the header line holds it outside
 * quotes. None present: comma (a one-column file). One present: that one. Several: the one with which every complete
 * record among the first 50 has as many fields as the header; if that is not exactly one, the file is ambiguous and
 * the caller must name the delimiter.
 */
final class DelimiterDetector {
    private static final char[] CANDIDATES = {',', '\t', ';', '|'};
    private static final int RECORDS = 50;

    private DelimiterDetector() {
    }

    /**
     * The delimiter of the CSV text that starts with {@code head}.
     *
     * @param head     the first characters of the text
     * @param complete whether {@code head} is the whole text (so its last record is complete without a line end)
     * @throws InvalidDataException if the header holds several candidates and the rows do not settle which
     */
    static char detect(String head, boolean complete, String source) {
        List<Character> present = new ArrayList<>();
        List<Character> consistent = new ArrayList<>();
        for (char candidate : CANDIDATES) {
            int[] counts = fieldCounts(head, complete, candidate);
            if (counts.length > 0 && counts[0] > 1) {
                present.add(candidate);
                if (allEqual(counts)) {
                    consistent.add(candidate);
                }
            }
        }
        if (present.isEmpty()) {
            return ',';
        }
        if (present.size() == 1) {
            return present.get(0);
        }
        if (consistent.size() == 1) {
            return consistent.get(0);
        }
        throw new InvalidDataException(source, 1, null, "cannot tell the delimiter: the header line holds "
                + describe(present) + " and the rows do not settle which separates the columns; name it with "
                + "--delimiter (for example --delimiter ';')");
    }

    /** Fields per non-empty record among the first {@link #RECORDS}, read with {@code delimiter}. */
    private static int[] fieldCounts(String head, boolean complete, char delimiter) {
        QuoteScanner scanner = new QuoteScanner(delimiter);
        int[] counts = new int[RECORDS];
        int records = 0;
        int fields = 1;
        boolean empty = true;
        for (int i = 0; i < head.length() && records < RECORDS; i++) {
            int event = scanner.feed(head.charAt(i));
            if (event == QuoteScanner.RECORD_END) {
                if (!empty) {
                    counts[records++] = fields;
                }
                fields = 1;
                empty = true;
            } else {
                empty = false;
                if (event == QuoteScanner.FIELD_END) {
                    fields++;
                }
            }
        }
        boolean lastIsWhole = complete || records == 0;
        if (!empty && lastIsWhole && records < RECORDS && !scanner.inQuotes()) {
            counts[records++] = fields;
        }
        return java.util.Arrays.copyOf(counts, records);
    }

    private static boolean allEqual(int[] counts) {
        for (int c : counts) {
            if (c != counts[0]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<Character> delimiters) {
        List<String> names = new ArrayList<>();
        for (char d : delimiters) {
            names.add(d == '\t' ? "tab" : "'" + d + "'");
        }
        return String.join(" and ", names);
    }
}
