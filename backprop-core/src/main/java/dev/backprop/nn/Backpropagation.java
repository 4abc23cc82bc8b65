package dev.backprop.nn;

import java.util.random.RandomGenerator;

/**
 * A network's forward pass and backpropagation for a batch of up to {@code capacity} rows, in float64: a loop over its
 * layers ({@link DenseLayerPass}, where each layer's formulas are), with every buffer allocated once here so training
 * loops allocate nothing. {@link FloatBackpropagation} is the same pass in float32.
 *
 * <p>The seed's formulas, generalised to L layers (layer l = 1..L, a⁽⁰⁾ = X):
 * <pre>
 *   z⁽ˡ⁾ = a⁽ˡ⁻¹⁾ W⁽ˡ⁾ + b⁽ˡ⁾          a⁽ˡ⁾ = f(z⁽ˡ⁾)          ŷ = a⁽ᴸ⁾
 *   δ⁽ᴸ⁾ = ∂J/∂z⁽ᴸ⁾                    (for SSE: -(y - ŷ) ∘ f'(z⁽ᴸ⁾); for the cross-entropies: (ŷ - y)/n)
 *   ∂J/∂W⁽ˡ⁾ = (a⁽ˡ⁻¹⁾)ᵀ δ⁽ˡ⁾          ∂J/∂b⁽ˡ⁾ = column sums of δ⁽ˡ⁾
 *   δ⁽ˡ⁻¹⁾ = δ⁽ˡ⁾ (W⁽ˡ⁾)ᵀ ∘ f'(z⁽ˡ⁻¹⁾)
 * </pre>
 * (The seed numbers layers from the input: its z⁽²⁾, a⁽²⁾ are this class's layer 0 and its z⁽³⁾ is layer 1.) δ⁽ᴸ⁾
 * comes from {@link Loss#outputDelta}.
 *
 * <p>With a {@link Regularization}, {@link #lossAndGradient} trains: it returns the objective J/n + λ/2 Σ W² (J
 * itself when λ = 0) and its gradient, and drops hidden units with fresh inverted-dropout masks (a⁽ˡ⁾ ← m ∘ a⁽ˡ⁾
 * going forward, δ ← m ∘ δ coming back). {@link #forward} and {@link #loss} never drop units: they are the network
 * as it predicts. Not thread-safe: one instance per thread.
 */
public final class Backpropagation {
    private final NetworkPass<double[]> pass;

    /**
     * Without regularization: {@link #lossAndGradient} is plain J and ∂J/∂θ.
     *
     * @param architecture the layers, loss and parameter layout of the network to train
     * @param capacity     the most rows one call will pass; {@code > 0}. Buffers of capacity x (outputs of each
     *                     layer) doubles are allocated here, once
     * @throws IllegalArgumentException if capacity is not positive
     * @throws dev.backprop.linalg.TooLargeException if the workspaces would not fit the heap or one array
     */
    public Backpropagation(Architecture architecture, int capacity) {
        this(architecture, capacity, Regularization.NONE, null);
    }

    /**
     * With an L2 penalty and/or dropout on the hidden layers.
     *
     * @param architecture   the layers, loss and parameter layout of the network to train
     * @param capacity       the most rows one call will pass; {@code > 0}
     * @param regularization the L2 penalty and dropout rate used by {@link #lossAndGradient}
     * @param random         the source of dropout masks (advanced by each training call); may be null when there is
     *                       no dropout
     * @throws IllegalArgumentException if capacity is not positive
     * @throws dev.backprop.linalg.TooLargeException if the workspaces would not fit the heap or one array
     * @throws NullPointerException     if dropout is asked for without a random source
     */
    public Backpropagation(Architecture architecture, int capacity, Regularization regularization,
                           RandomGenerator random) {
        pass = new NetworkPass<>(Arithmetic.FLOAT64, architecture, capacity, regularization, random, Double.BYTES);
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
     * Runs the forward pass on {@code rows} rows of x starting at {@code x[xOffset]} (row-major, one column per
     * input) and returns the array whose first rows x outputs values are ŷ. No dropout. The returned array is this
     * object's workspace: valid until the next call. NaN in x or the parameters propagates into ŷ.
     *
     * @param parameters every weight and bias, laid out as {@link Architecture} defines; not modified
     * @param x          the inputs, row-major with {@code architecture().inputs()} columns; not modified
     * @param xOffset    index in x of the first row's first input; {@code >= 0}
     * @param rows       how many rows (examples); in [0, {@link #capacity()}]
     * @return this object's output buffer: element i * outputs + j, for i &lt; rows, is ŷ_ij. Overwritten by the
     *         next call; copy it to keep it
     * @throws IllegalArgumentException  if rows is outside [0, capacity], or an array is too short for a product
     * @throws IndexOutOfBoundsException if an array is too short elsewhere (arrays are checked only where used)
     */
    public double[] forward(double[] parameters, double[] x, int xOffset, int rows) {
        return pass.forward(parameters, x, xOffset, rows, false);
    }

    /**
     * Computes the training objective on {@code rows} examples and writes its gradient with respect to every
     * parameter θ into {@code gradient} (same layout as the parameters; fully overwritten). Without regularization
     * that is J and ∂J/∂θ; with it, J/n + λ/2 Σ W² on a network whose hidden units are dropped by fresh masks.
     * x and y are row-major and start at the given offsets. Only {@code gradient} and this object's workspace
     * (and the dropout random source) are modified. NaN in the inputs, targets or parameters propagates into the
     * objective and the gradient.
     *
     * @param parameters every weight and bias, laid out as {@link Architecture} defines; not modified
     * @param x          the inputs, row-major with {@code architecture().inputs()} columns; not modified
     * @param xOffset    index in x of the first row's first input; {@code >= 0}
     * @param y          the targets, row-major with {@code architecture().outputs()} columns, encoded as the loss
     *                   expects; not modified
     * @param yOffset    index in y of the first row's first target; {@code >= 0}
     * @param rows       how many examples, n; in [0, {@link #capacity()}]
     * @param gradient   receives ∂(objective)/∂θ, same length and layout as {@code parameters}; fully overwritten
     * @return the objective: J, or J/n + λ/2 Σ W² with an L2 penalty
     * @throws IllegalArgumentException  if rows is outside [0, capacity], or an array is too short for a product
     * @throws IndexOutOfBoundsException if an array is too short elsewhere (arrays are checked only where used)
     */
    public double lossAndGradient(double[] parameters, double[] x, int xOffset, double[] y, int yOffset, int rows,
                                  double[] gradient) {
        return lossAndGradient(parameters, x, xOffset, y, yOffset, null, 0, rows, gradient);
    }

    /**
     * {@link #lossAndGradient(double[], double[], int, double[], int, int, double[])} of the weighted loss
     * J_w = s Σᵢ wᵢ ℓᵢ, where ℓᵢ is row i's term of {@link Loss#value}: row i's term counts wᵢ times, so the only
     * change to backpropagation is δ⁽ᴸ⁾'s row i multiplied by wᵢ.
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
    public double lossAndGradient(double[] parameters, double[] x, int xOffset, double[] y, int yOffset,
                                  double[] weights, int weightOffset, int rows, double[] gradient) {
        return pass.lossAndGradient(parameters, x, xOffset, y, yOffset, weights, weightOffset, rows, gradient);
    }

    /**
     * {@link #lossAndGradient(double[], double[], int, double[], int, int, double[])} from offset 0.
     *
     * @param parameters every weight and bias, laid out as {@link Architecture} defines; not modified
     * @param x          the inputs from index 0, row-major; not modified
     * @param y          the targets from index 0, row-major; not modified
     * @param rows       how many examples, n; in [0, {@link #capacity()}]
     * @param gradient   receives ∂(objective)/∂θ, same layout as {@code parameters}; fully overwritten
     * @return the objective: J, or J/n + λ/2 Σ W² with an L2 penalty
     * @throws IllegalArgumentException  if rows is outside [0, capacity], or an array is too short for a product
     * @throws IndexOutOfBoundsException if an array is too short elsewhere (arrays are checked only where used)
     */
    public double lossAndGradient(double[] parameters, double[] x, double[] y, int rows, double[] gradient) {
        return lossAndGradient(parameters, x, 0, y, 0, rows, gradient);
    }

    /**
     * The objective of {@link #lossAndGradient} (J, or J/n + λ/2 Σ W² with an L2 penalty) on {@code rows}
     * examples, forward pass only and without dropout. Modifies only this object's workspace.
     *
     * @param parameters every weight and bias, laid out as {@link Architecture} defines; not modified
     * @param x          the inputs, row-major with {@code architecture().inputs()} columns; not modified
     * @param xOffset    index in x of the first row's first input; {@code >= 0}
     * @param y          the targets, row-major with {@code architecture().outputs()} columns; not modified
     * @param yOffset    index in y of the first row's first target; {@code >= 0}
     * @param rows       how many examples, n; in [0, {@link #capacity()}]
     * @return the objective: J, or J/n + λ/2 Σ W² with an L2 penalty; NaN if an input, target or parameter is
     * @throws IllegalArgumentException  if rows is outside [0, capacity], or an array is too short for a product
     * @throws IndexOutOfBoundsException if an array is too short elsewhere (arrays are checked only where used)
     */
    public double loss(double[] parameters, double[] x, int xOffset, double[] y, int yOffset, int rows) {
        return loss(parameters, x, xOffset, y, yOffset, null, 0, rows);
    }

    /**
     * {@link #loss(double[], double[], int, double[], int, int)} of the weighted loss, as
     * {@link #lossAndGradient(double[], double[], int, double[], int, double[], int, int, double[])} computes it.
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
    public double loss(double[] parameters, double[] x, int xOffset, double[] y, int yOffset, double[] weights,
                       int weightOffset, int rows) {
        return pass.loss(parameters, x, xOffset, y, yOffset, weights, weightOffset, rows);
    }

    /**
     * Copies of every layer's z⁽ˡ⁾, a⁽ˡ⁾ and δ⁽ˡ⁾ as the last calls left them, for showing a step.
     *
     * @return a new trace of the rows of the last call; its δ are meaningless (stale or zero) if no
     *         {@link #lossAndGradient} call came since the last forward pass
     */
    public PassTrace trace() {
        return pass.trace();
    }
}
