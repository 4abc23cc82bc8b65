package dev.backprop.train;

/**
 * Rows to train or validate on, already scaled: x row-major with one column per input, y with one column per
 * output. The arrays are shared, not copied: package-private plumbing between the trainer's pieces.
 *
 * @param x     inputs, rows x inputs
 * @param y     targets, rows x outputs
 * @param rows  the number of examples
 */
record Examples(double[] x, double[] y, int rows) {
}
