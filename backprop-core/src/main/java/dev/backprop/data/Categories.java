package dev.backprop.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The categories a categorical column is one-hot encoded against, by the feature and the target encoders alike:
 * fitting takes those present in the training rows, encoding finds each of a column's levels among them.
 */
final class Categories {
    private Categories() {
    }

    /** The labels of {@code column} that occur in some row, in {@link CategoryOrder}. */
    static List<String> present(CategoricalColumn column) {
        boolean[] seen = new boolean[column.levels().size()];
        for (int code : column.rawCodes()) {
            if (code >= 0) {
                seen[code] = true;
            }
        }
        TreeSet<String> labels = new TreeSet<>(CategoryOrder.LABELS);
        for (int c = 0; c < seen.length; c++) {
            if (seen[c]) {
                labels.add(column.levels().get(c));
            }
        }
        return List.copyOf(labels);
    }

    /** For each level, its index among {@code categories}, or -1. */
    static int[] indexLevels(List<String> levels, List<String> categories) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < categories.size(); k++) {
            index.put(categories.get(k), k);
        }
        int[] out = new int[levels.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = index.getOrDefault(levels.get(c), -1);
        }
        return out;
    }
}
