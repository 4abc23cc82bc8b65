package dev.backprop.train;

/**
 * Rows to train or validate on, already scaled: x row-major with one column per input, y with one column per
 * output, and each row's weight in the loss, in one {@link Format}'s array type. The arrays are shared, not copied:
 * package-private plumbing between the trainer's pieces.
 *
 * @param x     inputs, rows x inputs
 * @param y     targets, rows x outputs
 * @param w     each row's weight, or null when every row weighs 1 (the unweighted loss, computed as before weights)
 * @param rows  the number of examples
 * @param <A>   the array type, double[] or float[]
 */
record Examples<A>(A x, A y, A w, int rows) {
    /** Scaled rows as doubles, in {@code format}: the same arrays for float64, rounded copies for float32. */
    static <A> Examples<A> of(Format<A> format, double[] x, double[] y, double[] w, int rows) {
        return new Examples<>(format.narrow(x), format.narrow(y), w == null ? null : format.narrow(w), rows);
    }
}
