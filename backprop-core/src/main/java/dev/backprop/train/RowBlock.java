package dev.backprop.train;

import java.io.Serializable;

/**
 * Up to a few thousand training rows, scaled and packed row-major, ready for
 * {@link dev.backprop.nn.Backpropagation#lossAndGradient}: {@code x} holds rows × inputs values, {@code y} rows ×
 * outputs. The unit a {@link BlockSum} takes in. Built once and never modified afterwards; serializable, so that an
 * engine holding rows elsewhere (a cluster's executors) can cache and ship it.
 *
 * @param id   unique within the data set; seeds the rows' sampling ({@link RowSample#random})
 * @param rows the number of examples
 * @param x    inputs, row-major
 * @param y    targets, row-major
 * @serial exclude
 */
public record RowBlock(long id, int rows, double[] x, double[] y) implements Serializable {
}
