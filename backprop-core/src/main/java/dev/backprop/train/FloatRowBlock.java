package dev.backprop.train;

/**
 * A {@link RowBlock} rounded to float32 ({@link RowBlock#rounded}): the rows a float32 run computes with, stored at
 * half the size and without a rounding per evaluation. Only a float32 run takes it ({@link BlockSum#add}).
 *
 * @param id   unique within the data set; seeds the rows' sampling ({@link RowSample#random})
 * @param rows the number of examples
 * @param x    inputs, row-major
 * @param y    targets, row-major
 * @param w    each row's weight wᵢ ≥ 0, or null for none
 * @serial exclude
 */
public record FloatRowBlock(long id, int rows, float[] x, float[] y, float[] w) implements Block {
}
