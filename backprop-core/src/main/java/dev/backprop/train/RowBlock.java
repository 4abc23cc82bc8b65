package dev.backprop.train;

import dev.backprop.linalg.FloatArrays;

/**
 * Up to a few thousand training rows, scaled and packed row-major, ready for
 * {@link dev.backprop.nn.Backpropagation#lossAndGradient}: {@code x} holds rows × inputs values, {@code y} rows ×
 * outputs, and {@code w} each row's weight in the loss (null: every row weighs 1, the unweighted loss bit for bit). The
 * unit a {@link BlockSum} takes in. Built once and never modified afterwards; serializable, so that an
 * engine holding rows elsewhere (a cluster's executors) can cache and ship it.
 *
 * @param id   unique within the data set; seeds the rows' sampling ({@link RowSample#random})
 * @param rows the number of examples
 * @param x    inputs, row-major
 * @param y    targets, row-major
 * @param w    each row's weight wᵢ ≥ 0, or null for none
 * @serial exclude
 */
public record RowBlock(long id, int rows, double[] x, double[] y, double[] w) implements Block {
    /**
     * A block of unweighted rows.
     *
     * @param id   unique within the data set
     * @param rows the number of examples
     * @param x    inputs, row-major
     * @param y    targets, row-major
     */
    public RowBlock(long id, int rows, double[] x, double[] y) {
        this(id, rows, x, y, null);
    }

    /**
     * These rows rounded to the nearest floats, once: what a float32 run computes with (a float32 pass given this
     * block rounds the same values at every evaluation).
     *
     * @return a new float block with the same id and rows
     */
    public FloatRowBlock rounded() {
        return new FloatRowBlock(id, rows, FloatArrays.rounded(x), FloatArrays.rounded(y),
                w == null ? null : FloatArrays.rounded(w));
    }
}
