package dev.backprop.data;

import java.util.ArrayList;
import java.util.List;

/** Finds rows with missing cells, and words the error when the policy is {@link MissingPolicy#ERROR}. */
final class MissingValues {
    /** How a user fixes missing values while training. */
    static final String TRAINING_HINT = "use --missing mean to fill them with the training mean (the most frequent "
            + "category in categorical columns), or --missing drop to drop the rows that have them";
    /** How a user fixes missing values given to a model trained to refuse them. */
    static final String MODEL_HINT = "the model was trained with --missing error, so it cannot fill them: fill them "
            + "in the file, or retrain with --missing mean or --missing drop";
    private static final int LINES_SHOWN = 5;
    private static final int OTHER_COLUMNS_SHOWN = 3;

    private MissingValues() {
    }

    /**
     * Checks that {@code columns} of {@code frame} have no missing cell.
     *
     * @throws InvalidDataException naming the first column (in frame order) with missing cells, how many, their first
     *                              lines (or rows when lines are unknown), the other columns with some, and
     *                              {@code hint}
     */
    static void requireNone(Frame frame, List<String> columns, String hint) {
        List<Column> withMissing = new ArrayList<>();
        for (Column c : frame.columns()) {
            if (columns.contains(c.name()) && c.missingCount() > 0) {
                withMissing.add(c);
            }
        }
        if (withMissing.isEmpty()) {
            return;
        }
        Column first = withMissing.get(0);
        List<String> where = new ArrayList<>();
        long firstLine = 0;
        boolean linesKnown = frame.rows() > 0 && frame.line(0) > 0;
        for (int i = 0; i < first.size() && where.size() < LINES_SHOWN; i++) {
            if (first.isMissing(i)) {
                if (firstLine == 0) {
                    firstLine = frame.line(i);
                }
                where.add(Long.toString(linesKnown ? frame.line(i) : i + 1));
            }
        }
        int count = first.missingCount();
        StringBuilder reason = new StringBuilder();
        reason.append(count).append(count == 1 ? " value is" : " values are").append(" missing in this column (")
                .append(linesKnown ? "line" : "row").append(count == 1 ? " " : "s ").append(String.join(", ", where))
                .append(count > LINES_SHOWN ? ", ..." : "").append(')');
        if (withMissing.size() > 1) {
            List<String> others = new ArrayList<>();
            for (Column c : withMissing.subList(1, Math.min(withMissing.size(), 1 + OTHER_COLUMNS_SHOWN))) {
                others.add("'" + c.name() + "' (" + c.missingCount() + ")");
            }
            int more = withMissing.size() - 1 - others.size();
            reason.append("; so are values in ").append(String.join(", ", others))
                    .append(more > 0 ? " and " + more + " more column" + (more == 1 ? "" : "s") : "");
        }
        reason.append("; ").append(hint);
        throw new InvalidDataException(frame.source(), firstLine, first.name(), reason.toString());
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
