package dev.backprop.data;

import dev.backprop.linalg.Matrix;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A frame's inputs made ready to predict from: no target needed.
 *
 * @param names            one name per column of x
 * @param x                encoded inputs
 * @param rows             for each row of x, the frame row it came from (rows with missing cells may be dropped)
 * @param unseenCategories per input column, how many cells held a category not seen in training (encoded as zeros)
 */
public record EncodedInputs(List<String> names, Matrix x, int[] rows, Map<String, Integer> unseenCategories) {
    /**
     * Copies the names, row indices and counts.
     *
     * @param names            one name per column of x; copied
     * @param x                encoded inputs
     * @param rows             the frame row of each row of x; copied
     * @param unseenCategories per input column, the count of unseen categories; copied
     */
    public EncodedInputs {
        names = List.copyOf(names);
        rows = rows.clone();
        unseenCategories = Collections.unmodifiableMap(new LinkedHashMap<>(unseenCategories));
    }

    /**
     * A copy of the frame row indices.
     *
     * @return a new array, one index per row of x
     */
    @Override
    public int[] rows() {
        return rows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedInputs e && names.equals(e.names) && x.equals(e.x)
                && java.util.Arrays.equals(rows, e.rows) && unseenCategories.equals(e.unseenCategories);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(names, x, java.util.Arrays.hashCode(rows), unseenCategories);
    }
}
