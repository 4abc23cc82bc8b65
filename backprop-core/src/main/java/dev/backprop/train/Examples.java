package dev.backprop.train;

/**
 * Rows to train or validate on, already scaled: x row-major with one column per input, y with one column per
 * output, and each row's weight in the loss. The arrays are shared, not copied: package-private plumbing between the
 * trainer's pieces.
 *
 * @param x     inputs, rows x inputs
 * @param y     targets, rows x outputs
 * @param w     each row's weight, or null when every row weighs 1 (the unweighted loss, computed as before weights)
 * @param rows  the number of examples
 */
record Examples(double[] x, double[] y, double[] w, int rows) {
}
