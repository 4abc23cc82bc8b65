package dev.backprop.data;

import dev.backprop.linalg.Matrix;

import java.util.Map;

/**
 * The inputs matrix a {@link FeatureEncoder} made, with how many categorical cells held a category the training data
 * did not have (encoded as all zeros): the CLI warns about them.
 *
 * @param x                 one row per frame row, one column per {@link FeatureEncoder#outputNames()} entry
 * @param unseenCategories  per column with unseen categories, how many cells held one (columns in encoder order)
 */
public record EncodedFeatures(Matrix x, Map<String, Integer> unseenCategories) {
    /**
     * Copies the counts, keeping their order.
     *
     * @param x                the encoded inputs
     * @param unseenCategories per column, the count of unseen categories; copied
     */
    public EncodedFeatures {
        unseenCategories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unseenCategories));
    }

    /**
     * How many cells held an unseen category, over all columns.
     *
     * @return the sum of {@link #unseenCategories()}'s counts, ≥ 0
     */
    public int unseenCount() {
        int total = 0;
        for (int count : unseenCategories.values()) {
            total += count;
        }
        return total;
    }
}
