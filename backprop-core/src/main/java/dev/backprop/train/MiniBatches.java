package dev.backprop.train;

import java.util.random.RandomGenerator;

/**
 * Shuffled mini-batches over a set of examples: each epoch a fresh Fisher-Yates permutation of the rows from the
 * run's seeded random source, cut into consecutive batches of {@code batchSize} rows (the last may be smaller),
 * each copied into buffers sized once, in the rows' {@link Format}. Not thread-safe.
 *
 * @param <A> the array type of the rows
 */
final class MiniBatches<A> {
    private final Examples<A> examples;
    private final int inputs;
    private final int outputs;
    private final int batchSize;
    private final int[] order;
    private final A x;
    private final A y;
    /** The batch's row weights; null when the rows are unweighted. */
    private final A w;
    private final RandomGenerator random;

    MiniBatches(Format<A> format, Examples<A> examples, int inputs, int outputs, int batchSize,
                RandomGenerator random) {
        this.examples = examples;
        this.inputs = inputs;
        this.outputs = outputs;
        this.batchSize = batchSize;
        this.random = random;
        order = new int[examples.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        x = format.allocate(Math.multiplyExact(batchSize, inputs));
        y = format.allocate(Math.multiplyExact(batchSize, outputs));
        w = examples.w() == null ? null : format.allocate(batchSize);
    }

    /** The rows of every batch but perhaps the last. */
    int batchSize() {
        return batchSize;
    }

    /**
     * Whether a paused epoch may continue at {@code position} of the row order: where a batch starts, or just past
     * the last batch (an epoch paused after its last update).
     */
    boolean startsABatch(int position) {
        int batches = (order.length + batchSize - 1) / batchSize;
        return position >= 0 && position % batchSize == 0 && position / batchSize <= batches;
    }

    /** A new random order of the rows, for the next epoch. */
    void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * Copies the batch starting at position {@code start} of the order into {@link #x()}, {@link #y()} and
     * {@link #w()}; returns
     * its number of rows.
     */
    int gather(int start) {
        int rows = Math.min(batchSize, order.length - start);
        A sourceX = examples.x();
        A sourceY = examples.y();
        A sourceW = examples.w();
        for (int r = 0; r < rows; r++) {
            int i = order[start + r];
            System.arraycopy(sourceX, i * inputs, x, r * inputs, inputs);
            System.arraycopy(sourceY, i * outputs, y, r * outputs, outputs);
            if (w != null) {
                System.arraycopy(sourceW, i, w, r, 1);
            }
        }
        return rows;
    }

    /** The current batch's inputs (a view, overwritten by the next {@link #gather}). */
    A x() {
        return x;
    }

    /** The current batch's targets (a view). */
    A y() {
        return y;
    }

    /** The current batch's row weights (a view), or null for unweighted rows. */
    A w() {
        return w;
    }

    /** The current order: each epoch's shuffle permutes the previous one, so a checkpoint keeps it. */
    int[] order() {
        return order.clone();
    }

    /**
     * Puts back an order {@link #order()} returned.
     *
     * @throws IllegalArgumentException if it is not a permutation of the rows
     */
    void restoreOrder(int[] saved) {
        boolean[] seen = new boolean[order.length];
        if (saved.length != order.length) {
            throw new IllegalArgumentException("the saved row order has " + saved.length + " rows but the data has "
                    + order.length);
        }
        for (int i : saved) {
            if (i < 0 || i >= seen.length || seen[i]) {
                throw new IllegalArgumentException("the saved row order is not a permutation of the rows");
            }
            seen[i] = true;
        }
        System.arraycopy(saved, 0, order, 0, order.length);
    }
}
