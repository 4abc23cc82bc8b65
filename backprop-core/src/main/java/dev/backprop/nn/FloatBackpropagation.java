package dev.backprop.nn;

import java.util.random.RandomGenerator;

/**
 * {@link Backpropagation} in float32: the same forward pass and backpropagation, written once with it
 * ({@link NetworkPass}), on float parameters, inputs, targets, row weights, workspaces and gradients. Every product is
 * a float {@link dev.backprop.linalg.Gemm} call (accumulated in float, as BLAS {@code sgemm} accumulates), every
 * activation and derivative is computed in float ({@link Activation#apply(float[], float[], int, int)}), and only the
 * loss value is summed in double ({@link Loss#value(float[], float[], float[], int, int, int)}). Dropout masks come
 * from the same draws as in float64, so a float32 run with a seed drops the units the float64 run with that seed
 * drops. Results are the same for every thread count. Not thread-safe: one instance per thread.
 */
public final class FloatBackpropagation {
    private final NetworkPass<float[]> pass;

    /**
     * Without regularization: {@link #lossAndGradient} is plain J and ∂J/∂θ.
     *
     * @param architecture the layers, loss and parameter layout of the network
     * @param capacity     the most rows one call will pass; {@code > 0}. Buffers of capacity x (outputs of each
     *                     layer) floats are allocated here, once
     * @throws IllegalArgumentException if capacity is not positive
     * @throws dev.backprop.linalg.TooLargeException if the workspaces would not fit the heap or one array
     */
    public FloatBackpropagation(Architecture architecture, int capacity) {
        this(architecture, capacity, Regularization.NONE, null);
    }

    /**
     * With an L2 penalty and/or dropout on the hidden layers.
     *
     * @param architecture   the layers, loss and parameter layout of the network
     * @param capacity       the most rows one call will pass; {@code > 0}
     * @param regularization the L2 penalty and dropout rate used by {@link #lossAndGradient}
     * @param random         the source of dropout masks (advanced by each training call); may be null when there is
     *                       no dropout
     * @throws IllegalArgumentException if capacity is not positive
     * @throws dev.backprop.linalg.TooLargeException if the workspaces would not fit the heap or one array
     * @throws NullPointerException     if dropout is asked for without a random source
     */
    public FloatBackpropagation(Architecture architecture, int capacity, Regularization regularization,
                                RandomGenerator random) {
        pass = new NetworkPass<>(Arithmetic.FLOAT32, architecture, capacity, regularization, random, Float.BYTES);
    }

    /**
     * The network this object computes.
     *
     * @return the architecture given to the constructor
     */
    public Architecture architecture() {
        return pass.architecture();
    }

    /**
     * The most rows one call may pass.
     *
     * @return the capacity given to the constructor, {@code > 0}
     */
    public int capacity() {
        return pass.capacity();
    }

    /**
     * {@link Backpropagation#forward} in float32: ŷ of {@code rows} rows of x from {@code x[xOffset]}, no dropout.
     *
     * @param parameters every weight and bias, laid out as {@link Architecture} defines; not modified
     * @param x          the inputs, row-major with {@code architecture().inputs()} columns; not modified
     * @param xOffset    index in x of the first row's first input; {@code >= 0}
     * @param rows       how many rows; in [0, {@link #capacity()}]
     * @return this object's output buffer: element i * outputs + j, for i &lt; rows, is ŷ_ij. Overwritten by the
     *         next call
     * @throws IllegalArgumentException  if rows is outside [0, capacity], or an array is too short for a product
     * @throws IndexOutOfBoundsException if an array is too short elsewhere
     */
    public float[] forward(float[] parameters, float[] x, int xOffset, int rows) {
        return pass.forward(parameters, x, xOffset, rows, false);
    }

    /**
     * {@link Backpropagation#lossAndGradient(double[], double[], int, double[], int, int, double[])} in float32.
     *
     * @param parameters every weight and bias; not modified
     * @param x          the inputs, row-major; not modified
     * @param xOffset    index in x of the first row's first input
     * @param y          the targets, row-major, encoded as the loss expects; not modified
     * @param yOffset    index in y of the first row's first target
     * @param rows       how many examples, n; in [0, {@link #capacity()}]
     * @param gradient   receives ∂(objective)/∂θ in float, same layout as {@code parameters}; fully overwritten
     * @return the objective (summed in double from float terms): J, or J/n + λ/2 Σ W² with an L2 penalty
     * @throws IllegalArgumentException  if rows is outside [0, capacity], or an array is too short for a product
     * @throws IndexOutOfBoundsException if an array is too short elsewhere
     */
    public double lossAndGradient(float[] parameters, float[] x, int xOffset, float[] y, int yOffset, int rows,
                                  float[] gradient) {
        return lossAndGradient(parameters, x, xOffset, y, yOffset, null, 0, rows, gradient);
    }

    /**
     * {@link Backpropagation#lossAndGradient(double[], double[], int, double[], int, double[], int, int, double[])}
     * in float32: the weighted loss J_w, row i of δ⁽ᴸ⁾ multiplied by its float weight wᵢ.
     *
     * @param parameters   every weight and bias; not modified
     * @param x            the inputs, row-major; not modified
     * @param xOffset      index in x of the first row's first input
     * @param y            the targets, row-major; not modified
     * @param yOffset      index in y of the first row's first target
     * @param weights      each row's weight wᵢ ≥ 0 from {@code weightOffset}, or null for the unweighted loss
     * @param weightOffset index in {@code weights} of the first row's weight
     * @param rows         how many examples, n; in [0, {@link #capacity()}]
     * @param gradient     receives ∂(objective)/∂θ; fully overwritten
     * @return the objective: J_w, or J_w/n + λ/2 Σ W² with an L2 penalty
     * @throws IllegalArgumentException  if rows is outside [0, capacity], or an array is too short for a product
     * @throws IndexOutOfBoundsException if an array is too short elsewhere
     */
    public double lossAndGradient(float[] parameters, float[] x, int xOffset, float[] y, int yOffset,
                                  float[] weights, int weightOffset, int rows, float[] gradient) {
        return pass.lossAndGradient(parameters, x, xOffset, y, yOffset, weights, weightOffset, rows, gradient);
    }

    /**
     * {@link #lossAndGradient(float[], float[], int, float[], int, int, float[])} from offset 0.
     *
     * @param parameters every weight and bias; not modified
     * @param x          the inputs from index 0, row-major; not modified
     * @param y          the targets from index 0, row-major; not modified
     * @param rows       how many examples, n; in [0, {@link #capacity()}]
     * @param gradient   receives ∂(objective)/∂θ; fully overwritten
     * @return the objective: J, or J/n + λ/2 Σ W² with an L2 penalty
     * @throws IllegalArgumentException  if rows is outside [0, capacity], or an array is too short for a product
     */
    public double lossAndGradient(float[] parameters, float[] x, float[] y, int rows, float[] gradient) {
        return lossAndGradient(parameters, x, 0, y, 0, rows, gradient);
    }

    /**
     * {@link Backpropagation#loss(double[], double[], int, double[], int, int)} in float32: the objective, forward
     * pass only, without dropout.
     *
     * @param parameters every weight and bias; not modified
     * @param x          the inputs, row-major; not modified
     * @param xOffset    index in x of the first row's first input
     * @param y          the targets, row-major; not modified
     * @param yOffset    index in y of the first row's first target
     * @param rows       how many examples, n; in [0, {@link #capacity()}]
     * @return the objective: J, or J/n + λ/2 Σ W² with an L2 penalty; NaN if an input, target or parameter is
     * @throws IllegalArgumentException if rows is outside [0, capacity]
     */
    public double loss(float[] parameters, float[] x, int xOffset, float[] y, int yOffset, int rows) {
        return loss(parameters, x, xOffset, y, yOffset, null, 0, rows);
    }

    /**
     * {@link #loss(float[], float[], int, float[], int, int)} of the weighted loss.
     *
     * @param parameters   every weight and bias; not modified
     * @param x            the inputs, row-major; not modified
     * @param xOffset      index in x of the first row's first input
     * @param y            the targets, row-major; not modified
     * @param yOffset      index in y of the first row's first target
     * @param weights      each row's weight from {@code weightOffset}, or null for the unweighted loss
     * @param weightOffset index in {@code weights} of the first row's weight
     * @param rows         how many examples, n; in [0, {@link #capacity()}]
     * @return the objective: J_w, or J_w/n + λ/2 Σ W² with an L2 penalty
     * @throws IllegalArgumentException if rows is outside [0, capacity]
     */
    public double loss(float[] parameters, float[] x, int xOffset, float[] y, int yOffset, float[] weights,
                       int weightOffset, int rows) {
        return pass.loss(parameters, x, xOffset, y, yOffset, weights, weightOffset, rows);
    }

    /**
     * Copies, widened to double (exactly), of every layer's z⁽ˡ⁾, a⁽ˡ⁾ and δ⁽ˡ⁾ as the last calls left them.
     *
     * @return a new trace of the rows of the last call; its δ are meaningless if no {@link #lossAndGradient} call
     *         came since the last forward pass
     */
    public PassTrace trace() {
        return pass.trace();
    }
}
