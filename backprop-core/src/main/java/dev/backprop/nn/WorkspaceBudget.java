package dev.backprop.nn;

import dev.backprop.linalg.MemoryBudget;

/** What a {@link Backpropagation}'s buffers take, refused before anything is allocated if it would not fit. */
final class WorkspaceBudget {
    private WorkspaceBudget() {
    }

    /**
     * Refuses workspaces that would not fit the heap or one array: z, a and δ per layer (two more per hidden layer
     * with dropout), capacity x the layer's units each, and the capacity ones that add the biases.
     *
     * @throws dev.backprop.linalg.TooLargeException naming the workspace and how to make it smaller
     */
    static void require(Architecture architecture, int capacity, boolean dropout) {
        long doubles = MemoryBudget.plus(capacity, Backpropagation.workspaceDoubles(architecture, capacity, dropout,
                MemoryBudget.count(capacity) + " rows"));
        MemoryBudget.heap().require(MemoryBudget.doubles(doubles), "the workspace for " + MemoryBudget.count(capacity)
                + " rows through " + architecture.inputs() + " inputs and " + architecture.depth() + " layers", "",
                "use fewer rows at a time or smaller layers");
    }
}
