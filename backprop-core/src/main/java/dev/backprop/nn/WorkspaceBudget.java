package dev.backprop.nn;

import dev.backprop.linalg.MemoryBudget;

/** What a {@link Backpropagation}'s buffers take, refused before anything is allocated if it would not fit. */
public final class WorkspaceBudget {
    private WorkspaceBudget() {
    }

    /**
     * Refuses workspaces that would not fit the heap or one array: z, a and δ per layer (two more per hidden layer
     * with dropout), capacity x the layer's units each, and the capacity ones that add the biases, each value
     * {@code bytesPerValue} bytes (8 for float64, 4 for float32).
     *
     * @throws dev.backprop.linalg.TooLargeException naming the workspace and how to make it smaller
     */
    static void require(Architecture architecture, int capacity, boolean dropout, int bytesPerValue) {
        long values = MemoryBudget.plus(capacity, doubles(architecture, capacity, dropout,
                MemoryBudget.count(capacity) + " rows"));
        MemoryBudget.heap().require(MemoryBudget.times(values, bytesPerValue), "the workspace for " + MemoryBudget.count(capacity)
                + " rows through " + architecture.inputs() + " inputs and " + architecture.depth() + " layers", "",
                "use fewer rows at a time or smaller layers");
    }

    /**
     * The doubles of the per-layer buffers a pass over {@code capacity} rows keeps: z, a and δ per layer, two more
     * (the dropout mask and m ∘ a) per hidden layer with dropout. Each buffer must fit one Java array.
     *
     * @param architecture the network
     * @param capacity     the rows of one pass
     * @param dropout      whether hidden layers drop units
     * @param rows         the rows as a refusal names them, e.g. "batches of 200 rows"
     * @return the doubles, computed in long (saturating)
     * @throws dev.backprop.linalg.TooLargeException if a layer's buffer is longer than one array can be
     */
    public static long doubles(Architecture architecture, int capacity, boolean dropout, String rows) {
        long doubles = 0;
        for (int l = 0; l < architecture.depth(); l++) {
            long size = MemoryBudget.times(capacity, architecture.layer(l).outputs());
            MemoryBudget.arrayLength(size, "layer " + (l + 1) + "'s workspace for " + rows + " x "
                    + MemoryBudget.count(architecture.layer(l).outputs()) + " units");
            doubles = MemoryBudget.plus(doubles, MemoryBudget.times(size, dropout && l < architecture.depth() - 1
                    ? 5 : 3));
        }
        return doubles;
    }
}
