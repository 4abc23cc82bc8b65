package dev.backprop.train;

import java.io.Serializable;

/**
 * Training rows packed for a {@link BlockSum}, in the precision they are stored in: {@link RowBlock} holds doubles,
 * {@link FloatRowBlock} the same rows rounded to floats once, for a float32 run that keeps its data (and the memory
 * it takes) in float32 wherever the rows are cached. Built once, never modified, serializable.
 */
public sealed interface Block extends Serializable permits RowBlock, FloatRowBlock {
    /**
     * Unique within the data set; seeds the rows' sampling ({@link RowSample#random}).
     *
     * @return the block's id
     */
    long id();

    /**
     * The number of examples.
     *
     * @return the rows
     */
    int rows();
}
