package dev.backprop.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds rows with missing cells, and words the error when the policy is {@link MissingPolicy#ERROR}. */
public final class MissingValues {
    /** How a user fixes missing values while training. */
    static final String TRAINING_HINT = "use --missing mean to fill them with the training mean (the most frequent "
            + "category in categorical columns), or --missing drop to drop the rows that have them";
    /** How a user fixes missing values while training when some are targets, which no policy fills. */
    static final String TRAINING_TARGET_HINT = "use --missing mean to fill missing inputs with the training mean (the "
            + "most frequent category in categorical columns) and leave out the rows without a target, or --missing "
            + "drop to drop the rows that have them";
    /** How a user fixes missing values given to a model trained to refuse them. */
    static final String MODEL_HINT = "the model was trained with --missing error, so it cannot fill them: fill them "
            + "in the file, or retrain with --missing mean or --missing drop";
    private static final int LINES_SHOWN = 5;
    private static final int OTHER_COLUMNS_SHOWN = 3;

    private MissingValues() {
    }

    /**
     * The error when {@code policy} keeps no row: every row misses a cell it needs (the target's, for
     * {@link MissingPolicy#MEAN}).
     *
     * @param source where the data came from, for the message, or {@code null}
     * @param policy the policy that selected the rows
     * @param target the target column
     * @return the exception, to be thrown
     */
    public static InvalidDataException noRowLeft(String source, MissingPolicy policy, String target) {
        String where = policy == MissingPolicy.MEAN ? " in the target " + ColumnNames.quoted(target) + "" : "";
        return new InvalidDataException(source, 0, null, "every row has a missing value" + where
                + ", so no row is left to use");
    }

    /**
     * Checks that {@code columns} of {@code frame} have no missing cell.
     *
     * @throws InvalidDataException naming the first column (in frame order) with missing cells, how many, their first
     *                              lines (or rows when lines are unknown), the other columns with some, and
     *                              {@code hint}
     */
    static void requireNone(Frame frame, List<String> columns, String hint) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Column first = null;
        Set<String> asked = new HashSet<>(columns);
        for (Column c : frame.columns()) {
            if (c.missingCount() > 0 && asked.contains(c.name())) {
                counts.put(c.name(), (long) c.missingCount());
                first = first == null ? c : first;
            }
        }
        if (first == null) {
            return;
        }
        boolean linesKnown = frame.rows() > 0 && frame.line(0) > 0;
        LongList where = new LongList();
        for (int i = 0; i < first.size() && where.size() < LINES_SHOWN; i++) {
            if (first.isMissing(i)) {
                where.add(linesKnown ? frame.line(i) : i + 1);
            }
        }
        throw error(frame.source(), counts, where.toArray(), linesKnown, hint);
    }

    /**
     * The error {@link MissingPolicy#ERROR} gives for missing cells, for code that counts them without holding a
     * {@link Frame} (backprop-spark counts them with one aggregation across a cluster). It is worded exactly as for
     * a frame whose rows have no line numbers.
     *
     * @param source    where the data came from, for the message, or {@code null}
     * @param counts    the columns that have missing cells, in the data's column order, each with its count
     *                  (&gt; 0); the first is reported in detail; not modified
     * @param firstRows the 1-based rows of the first column's first missing cells, ascending; the first 5 are shown
     * @param fitting   true while fitting a preprocessor (the hint offers {@code --missing mean} and
     *                  {@code drop}); false when applying one trained with {@code --missing error}
     * @param targets   the target columns, among {@code counts}' keys when they have missing cells
     * @return the exception, to be thrown
     * @throws IllegalArgumentException if {@code counts} is empty
     */
    public static InvalidDataException error(String source, Map<String, Long> counts, long[] firstRows,
                                             boolean fitting, List<String> targets) {
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("no column has missing cells");
        }
        return error(source, counts, firstRows, false,
                hint(fitting, targets.stream().anyMatch(counts::containsKey)));
    }

    /**
     * What a user can do about missing cells.
     *
     * @param fitting       true while fitting a preprocessor, false when applying one trained with --missing error
     * @param targetMissing whether a target has missing cells: --missing mean fills inputs only, so the hint says it
     *                      leaves such rows out rather than offering to fill them
     */
    static String hint(boolean fitting, boolean targetMissing) {
        return !fitting ? MODEL_HINT : targetMissing ? TRAINING_TARGET_HINT : TRAINING_HINT;
    }

    /**
     * Refuses a target column that has no value on any row: no policy leaves a row to learn from, so none is offered.
     *
     * @param source  where the data came from, for the message, or {@code null}
     * @param target  the target column
     * @param missing how many of its cells are missing
     * @param rows    the data's row count
     * @throws InvalidDataException if there are rows and every one misses the target
     */
    public static void requireTargetValues(String source, String target, long missing, long rows) {
        if (rows > 0 && missing == rows) {
            throw new InvalidDataException(source, 0, target, "the target has no value on any of the " + rows
                    + " row" + (rows == 1 ? "" : "s") + ", so there is nothing to learn from");
        }
    }

    private static InvalidDataException error(String source, Map<String, Long> counts, long[] where,
                                              boolean linesKnown, String hint) {
        List<String> names = new ArrayList<>(counts.keySet());
        String first = names.get(0);
        long count = counts.get(first);
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(where.length, LINES_SHOWN); i++) {
            shown.add(Long.toString(where[i]));
        }
        StringBuilder reason = new StringBuilder();
        reason.append(count).append(count == 1 ? " value is" : " values are").append(" missing in this column (")
                .append(linesKnown ? "line" : "row").append(count == 1 ? " " : "s ").append(String.join(", ", shown))
                .append(count > LINES_SHOWN ? ", ..." : "").append(')');
        if (names.size() > 1) {
            List<String> others = new ArrayList<>();
            for (String name : names.subList(1, Math.min(names.size(), 1 + OTHER_COLUMNS_SHOWN))) {
                others.add(ColumnNames.quoted(name) + " (" + counts.get(name) + ")");
            }
            int more = names.size() - 1 - others.size();
            reason.append("; so are values in ").append(String.join(", ", others))
                    .append(more > 0 ? " and " + more + " more column" + (more == 1 ? "" : "s") : "");
        }
        reason.append("; ").append(hint);
        long firstLine = linesKnown && where.length > 0 ? where[0] : 0;
        return new InvalidDataException(source, firstLine, first, reason.toString());
    }

    /** The rows of {@code frame} with no missing cell in {@code columns}, in order. */
    static int[] completeRows(Frame frame, List<String> columns) {
        List<Column> checked = new ArrayList<>();
        for (String name : columns) {
            Column c = frame.column(name);
            if (c.missingCount() > 0) {
                checked.add(c);
            }
        }
        IntList rows = new IntList(frame.rows());
        for (int i = 0; i < frame.rows(); i++) {
            boolean complete = true;
            for (Column c : checked) {
                if (c.isMissing(i)) {
                    complete = false;
                    break;
                }
            }
            if (complete) {
                rows.add(i);
            }
        }
        return rows.toArray();
    }
}
