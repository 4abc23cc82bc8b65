package dev.backprop.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A frame made ready to train on or score: the {@link Dataset}, which of the frame's rows it holds, and what the CLI
 * should warn about.
 *
 * @param dataset          encoded inputs and targets
 * @param rows             for each dataset row, the frame row it came from (rows with missing cells may be dropped)
 * @param unseenCategories per input column, how many cells held a category not seen in training (encoded as zeros)
 * @param unseenClasses    how many rows held a class not seen in training (their target row is all zeros)
 */
public record Prepared(Dataset dataset, int[] rows, Map<String, Integer> unseenCategories, int unseenClasses) {
    /**
     * Copies the row indices and counts.
     *
     * @param dataset          encoded inputs and targets
     * @param rows             the frame row of each dataset row; copied
     * @param unseenCategories per input column, the count of unseen categories; copied
     * @param unseenClasses    rows with an unseen class, ≥ 0
     */
    public Prepared {
        rows = rows.clone();
        unseenCategories = Collections.unmodifiableMap(new LinkedHashMap<>(unseenCategories));
    }

    /**
     * A copy of the frame row indices.
     *
     * @return a new array, one index per dataset row
     */
    @Override
    public int[] rows() {
        return rows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prepared p && dataset.equals(p.dataset) && java.util.Arrays.equals(rows, p.rows)
                && unseenCategories.equals(p.unseenCategories) && unseenClasses == p.unseenClasses;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(dataset, java.util.Arrays.hashCode(rows), unseenCategories, unseenClasses);
    }
}
