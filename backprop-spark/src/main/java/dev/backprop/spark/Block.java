package dev.backprop.spark;

import java.io.Serializable;

/**
 * Up to a few thousand examples of one partition, scaled and packed row-major, ready for
 * {@link dev.backprop.nn.Backpropagation#lossAndGradient}: {@code x} holds rows x inputs values, {@code y} rows x
 * outputs. Built once when the data is cached and never modified afterwards.
 *
 * @param id   unique within the data set: (partition index &lt;&lt; 32) | block index in the partition; seeds the
 *             rows' sampling for mini-batch iterations
 * @param rows the number of examples
 * @param x    inputs, row-major
 * @param y    targets, row-major
 */
record Block(long id, int rows, double[] x, double[] y) implements Serializable {
}
