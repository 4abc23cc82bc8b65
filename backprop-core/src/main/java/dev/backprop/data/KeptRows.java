package dev.backprop.data;

import java.util.List;

/**
 * The rows a {@link MissingPolicy} keeps of a frame, ascending: all of them (after checking there is no missing
 * cell) for ERROR, those with a target for MEAN, the complete ones for DROP.
 */
final class KeptRows {
    private KeptRows() {
    }

    /**
     * The rows {@code policy} keeps.
     *
     * @param inputs the input columns, the first of {@code used}
     * @param used   the inputs, then the targets
     * @param fitting true while fitting a preprocessor (a missing cell's error offers --missing mean and drop, and a
     *                target with no value at all is refused); false when applying one trained with --missing error
     * @return the kept rows' indices, ascending
     * @throws InvalidDataException if a target has no value at all, a missing cell is found under ERROR, or no row is
     *                              left
     */
    static int[] of(Frame frame, MissingPolicy policy, List<String> inputs, List<String> used, boolean fitting) {
        List<String> targets = used.subList(inputs.size(), used.size());
        boolean targetMissing = false;
        for (String target : targets) {
            int missing = frame.column(target).missingCount();
            if (fitting) {
                MissingValues.requireTargetValues(frame.source(), target, missing, frame.rows());
            }
            targetMissing |= missing > 0;
        }
        int[] kept = switch (policy) {
            case ERROR -> {
                MissingValues.requireNone(frame, used, MissingValues.hint(fitting, targetMissing));
                yield allRows(frame.rows());
            }
            case MEAN -> MissingValues.completeRows(frame, targets);
            case DROP -> MissingValues.completeRows(frame, used);
        };
        if (kept.length == 0) {
            throw MissingValues.noRowLeft(frame.source(), policy, used.get(used.size() - 1));
        }
        return kept;
    }

    /** {@code frame}'s {@code rows}: the frame itself when they are all of its rows. */
    static Frame select(Frame frame, int[] rows) {
        return rows.length == frame.rows() ? frame : frame.select(rows);
    }

    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
