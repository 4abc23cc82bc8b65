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
     * @param hint   what the user can do about a missing cell under ERROR
     * @return the kept rows' indices, ascending
     * @throws InvalidDataException if a missing cell is found under ERROR, or no row is left
     */
    static int[] of(Frame frame, MissingPolicy policy, List<String> inputs, List<String> used, String hint) {
        int[] kept = switch (policy) {
            case ERROR -> {
                MissingValues.requireNone(frame, used, hint);
                yield allRows(frame.rows());
            }
            case MEAN -> MissingValues.completeRows(frame, used.subList(inputs.size(), used.size()));
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
