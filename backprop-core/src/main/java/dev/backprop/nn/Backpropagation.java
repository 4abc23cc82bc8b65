package dev.backprop.nn;

import dev.backprop.linalg.Gemm;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.Parallel;
import dev.backprop.linalg.RangeLoop;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The forward pass and backpropagation for a batch of up to {@code capacity} rows, with every buffer allocated once
 * here so training loops allocate nothing.
 *
 * <p>The seed's formulas, generalised to L layers (layer l = 1..L, a⁽⁰⁾ = X):
 * <pre>
 *   z⁽ˡ⁾ = a⁽ˡ⁻¹⁾ W⁽ˡ⁾ + b⁽ˡ⁾          a⁽ˡ⁾ = f(z⁽ˡ⁾)          ŷ = a⁽ᴸ⁾
 *   δ⁽ᴸ⁾ = ∂J/∂z⁽ᴸ⁾                    (for SSE: -(y - ŷ) ∘ f'(z⁽ᴸ⁾); for the cross-entropies: (ŷ - y)/n)
 *   ∂J/∂W⁽ˡ⁾ = (a⁽ˡ⁻¹⁾)ᵀ δ⁽ˡ⁾          ∂J/∂b⁽ˡ⁾ = column sums of δ⁽ˡ⁾
 *   δ⁽ˡ⁻¹⁾ = δ⁽ˡ⁾ (W⁽ˡ⁾)ᵀ ∘ f'(z⁽ˡ⁻¹⁾)
 * </pre>
 * (The seed numbers layers from the input: its z⁽²⁾, a⁽²⁾ are this class's layer 0 and its z⁽³⁾ is layer 1.) All three
 * products go through {@link Gemm#gemm}; δ⁽ᴸ⁾ comes from {@link Loss#outputDelta}.
 *
 * <p>With a {@link Regularization}, {@link #lossAndGradient} trains: it returns the objective J/n + λ/2 Σ W² (J
 * itself when λ = 0) and its gradient, and drops hidden units with fresh inverted-dropout masks (a⁽ˡ⁾ ← m ∘ a⁽ˡ⁾
 * going forward, δ ← m ∘ δ coming back). {@link #forward} and {@link #loss} never drop units: they are the network
 * as it predicts. Not thread-safe: one instance per thread.
 */
public final class Backpropagation {
    private final Architecture architecture;
    private final int capacity;
    private final Regularization regularization;
    private final double[][] z;
    private final double[][] a;
    private final double[][] delta;
    /** Per layer: inverted dropout on its activations, or null (always null for the output layer). */
    private final Dropout[] dropout;
    /** Per layer with dropout: m ∘ a⁽ˡ⁾, what the next layer reads while training; otherwise null. */
    private final double[][] dropped;
    /** capacity ones: a bias gradient is the product 1ᵀ δ. */
    private final double[] ones;
    private final ActivationPass activationPass = new ActivationPass();
    private int rows;

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
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0 but was " + capacity);
        }
        this.architecture = architecture;
        this.capacity = capacity;
        this.regularization = Objects.requireNonNull(regularization, "regularization");
        int depth = architecture.depth();
        requireWorkspace(architecture, capacity, regularization.dropout() > 0);
        z = new double[depth][];
        a = new double[depth][];
        delta = new double[depth][];
        dropout = new Dropout[depth];
        dropped = new double[depth][];
        ones = new double[capacity];
        Arrays.fill(ones, 1.0);
        for (int l = 0; l < depth; l++) {
            int size = capacity * architecture.layer(l).outputs();
            z[l] = new double[size];
            a[l] = new double[size];
            delta[l] = new double[size];
            if (regularization.dropout() > 0 && l < depth - 1) {
                Objects.requireNonNull(random, "dropout needs a random source");
                dropout[l] = new Dropout(regularization.dropout(), size, random);
                dropped[l] = new double[size];
            }
        }
    }

    /**
     * Refuses workspaces that would not fit the heap or one array: z, a and δ per layer (two more per hidden layer
     * with dropout), capacity x the layer's units each.
     */
    private static void requireWorkspace(Architecture architecture, int capacity, boolean dropout) {
        long doubles = capacity;
        for (int l = 0; l < architecture.depth(); l++) {
            long size = MemoryBudget.times(capacity, architecture.layer(l).outputs());
            MemoryBudget.arrayLength(size, "layer " + (l + 1) + "'s workspace for " + MemoryBudget.count(capacity)
                    + " rows x " + MemoryBudget.count(architecture.layer(l).outputs()) + " units");
            doubles = MemoryBudget.plus(doubles, MemoryBudget.times(size, dropout && l < architecture.depth() - 1
                    ? 5 : 3));
        }
        MemoryBudget.heap().require(MemoryBudget.doubles(doubles), "the workspace for " + MemoryBudget.count(capacity)
                + " rows through " + architecture.inputs() + " inputs and " + architecture.depth() + " layers", "",
                "use fewer rows at a time or smaller layers");
    }

    /**
     * The network this object computes.
     *
     * @return the architecture given to the constructor
     */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * The most rows one call may pass.
     *
     * @return the capacity given to the constructor, {@code > 0}
     */
    public int capacity() {
        return capacity;
    }

    /**
     * The L2 penalty and dropout rate {@link #lossAndGradient} uses.
     *
     * @return the regularization given to the constructor ({@link Regularization#NONE} for the two-argument one)
     */
    public Regularization regularization() {
        return regularization;
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
        return forward(parameters, x, xOffset, rows, false);
    }

    /**
     * {@link #forward(double[], double[], int, int)} from offset 0.
     *
     * @param parameters every weight and bias, laid out as {@link Architecture} defines; not modified
     * @param x          the inputs from index 0, row-major with {@code architecture().inputs()} columns; not
     *                   modified
     * @param rows       how many rows (examples); in [0, {@link #capacity()}]
     * @return this object's output buffer, whose first rows x outputs values are ŷ; overwritten by the next call
     * @throws IllegalArgumentException  if rows is outside [0, capacity], or an array is too short for a product
     * @throws IndexOutOfBoundsException if an array is too short elsewhere (arrays are checked only where used)
     */
    public double[] forward(double[] parameters, double[] x, int rows) {
        return forward(parameters, x, 0, rows);
    }

    /** The forward pass; while {@code training}, hidden activations are multiplied by the current dropout masks. */
    private double[] forward(double[] parameters, double[] x, int xOffset, int rows, boolean training) {
        checkRows(rows);
        this.rows = rows;
        double[] input = x;
        int inputOffset = xOffset;
        for (int l = 0; l < architecture.depth(); l++) {
            LayerSpec spec = architecture.layer(l);
            int out = spec.outputs();
            int weightOffset = architecture.weightOffset(l);
            int biasOffset = architecture.biasOffset(l);
            boolean biasAdded = biasOffset >= 0 && Gemm.gemmPlusBias(rows, out, spec.inputs(), input, inputOffset,
                    parameters, weightOffset, parameters, biasOffset, z[l], 0);
            if (!biasAdded) {
                Gemm.gemm(false, false, rows, out, spec.inputs(), input, inputOffset, parameters, weightOffset, 0.0,
                        z[l], 0);
            }
            activationPass.forward(l, biasOffset >= 0 && !biasAdded ? parameters : null, rows);
            input = a[l];
            if (training && dropout[l] != null) {
                dropout[l].apply(a[l], dropped[l], rows * out);
                input = dropped[l];
            }
            inputOffset = 0;
        }
        return a[architecture.depth() - 1];
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
        drawMasks(rows);
        return lossAndGradientWithMasks(parameters, x, xOffset, y, yOffset, rows, gradient);
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

    /** New dropout masks for {@code rows} rows (nothing without dropout). */
    void drawMasks(int rows) {
        checkRows(rows);
        for (int l = 0; l < dropout.length; l++) {
            if (dropout[l] != null) {
                dropout[l].drawMask(rows * architecture.layer(l).outputs());
            }
        }
    }

    /** The training objective and its gradient with the current dropout masks. */
    double lossAndGradientWithMasks(double[] parameters, double[] x, int xOffset, double[] y, int yOffset, int rows,
                                    double[] gradient) {
        int last = architecture.depth() - 1;
        int outputs = architecture.outputs();
        double[] yhat = forward(parameters, x, xOffset, rows, true);
        Loss loss = architecture.loss();
        double dataScale = dataScale(rows);
        double j = objective(parameters, yhat, y, yOffset, rows, dataScale);
        loss.outputDelta(architecture.layer(last).activation(), z[last], yhat, y, yOffset, rows, outputs,
                delta[last]);
        if (dataScale != 1.0) {
            for (int i = 0, len = rows * outputs; i < len; i++) {
                delta[last][i] *= dataScale;
            }
        }
        for (int l = last; l >= 0; l--) {
            LayerSpec spec = architecture.layer(l);
            int in = spec.inputs();
            int out = spec.outputs();
            if (l < last) {
                if (dropout[l] != null) {
                    dropout[l].backward(delta[l], rows * out);
                }
                activationPass.backward(l, rows);
            }
            double[] input = l == 0 ? x : dropout[l - 1] != null ? dropped[l - 1] : a[l - 1];
            int inputOffset = l == 0 ? xOffset : 0;
            Gemm.gemm(true, false, in, out, rows, input, inputOffset, delta[l], 0, 0.0,
                    gradient, architecture.weightOffset(l));
            int biasOffset = architecture.biasOffset(l);
            if (biasOffset >= 0) {
                Gemm.gemm(false, false, 1, out, rows, ones, 0, delta[l], 0, 0.0, gradient, biasOffset);
            }
            if (l > 0) {
                Gemm.gemm(false, true, rows, in, out, delta[l], 0, parameters, architecture.weightOffset(l), 0.0,
                        delta[l - 1], 0);
            }
        }
        regularization.addPenaltyGradient(architecture, parameters, gradient);
        return j;
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
        double[] yhat = forward(parameters, x, xOffset, rows, false);
        return objective(parameters, yhat, y, yOffset, rows, dataScale(rows));
    }

    /** The training objective with the current dropout masks, forward pass only: for checking gradients. */
    double lossWithMasks(double[] parameters, double[] x, int xOffset, double[] y, int yOffset, int rows) {
        double[] yhat = forward(parameters, x, xOffset, rows, true);
        return objective(parameters, yhat, y, yOffset, rows, dataScale(rows));
    }

    /** 1/n when an L2 penalty turns the summed SSE into the mean J/n; otherwise 1. */
    private double dataScale(int rows) {
        boolean toMean = regularization.l2() > 0 && !architecture.loss().meanOverRows() && rows > 0;
        return toMean ? 1.0 / rows : 1.0;
    }

    private double objective(double[] parameters, double[] yhat, double[] y, int yOffset, int rows,
                             double dataScale) {
        int last = architecture.depth() - 1;
        double j = architecture.loss().valueFromLogits(z[last], yhat, y, yOffset, rows, architecture.outputs());
        if (regularization.l2() == 0.0) {
            return j;
        }
        return j * dataScale + regularization.penalty(architecture, parameters);
    }

    /**
     * Going forward, z⁽ˡ⁾ += b⁽ˡ⁾ (each row) when the product left the bias out, then a⁽ˡ⁾ = f(z⁽ˡ⁾); coming back,
     * δ⁽ˡ⁾ ← δ⁽ˡ⁾ ∘ f'(z⁽ˡ⁾). Element-wise passes on whole rows (softmax row by row) that {@link Parallel} shares among
     * the threads the products use. Small products add the bias as they store z ({@link Gemm#gemmPlusBias}); for
     * large ones, adding it here, after the product, is numpy's order (a W + b) too and saves a pass over z. One
     * instance, reused.
     */
    private final class ActivationPass implements RangeLoop {
        private int layer;
        private boolean backward;
        /** The parameters whose bias the forward pass adds, or null when z already holds it (or there is none). */
        private double[] parameters;

        void forward(int l, double[] parameters, int rows) {
            this.parameters = parameters;
            run(l, false, rows);
            this.parameters = null;
        }

        void backward(int l, int rows) {
            run(l, true, rows);
        }

        private void run(int l, boolean derivative, int rows) {
            layer = l;
            backward = derivative;
            int out = architecture.layer(l).outputs();
            if (Parallel.wouldSplit(rows * out)) {
                Parallel.forRanges(rows * out, out, this);
            } else {
                run(0, rows * out); // a direct call: the seed's tiny network must not pay for an interface dispatch
            }
        }

        @Override
        public void run(int from, int to) {
            LayerSpec spec = architecture.layer(layer);
            if (backward) {
                spec.activation().multiplyByDerivative(z[layer], a[layer], delta[layer], from, to);
                return;
            }
            int out = spec.outputs();
            int biasOffset = architecture.biasOffset(layer);
            if (parameters != null) {
                // z += 1 bᵀ on these rows: a vectorised axpy per row, z_ij + 1·b_j rounded once, as z_ij + b_j
                Gemm.gemm(false, false, (to - from) / out, out, 1, ones, 0, parameters, biasOffset, 1.0, z[layer], from);
            }
            spec.activation().applyRows(z[layer], a[layer], from / out, to / out, out);
        }
    }

    /** m_i of layer l's current dropout mask (1 when the layer has no dropout), for tests. */
    double dropoutMask(int l, int i) {
        return dropout[l] == null ? 1.0 : dropout[l].mask(i);
    }

    private void checkRows(int rows) {
        if (rows < 0 || rows > capacity) {
            throw new IllegalArgumentException("rows must be in [0, " + capacity + "] but was " + rows);
        }
    }

    /**
     * z⁽ˡ⁾ = a⁽ˡ⁻¹⁾ W⁽ˡ⁾ + b⁽ˡ⁾ of the last forward pass (by any of the public methods), as a copy.
     *
     * @param l the layer, 0-based: in [0, {@code architecture().depth()})
     * @return a new rows x (outputs of layer l) matrix, rows being those of the last call
     * @throws IndexOutOfBoundsException if l is not a layer
     */
    public Matrix z(int l) {
        return slice(z[l], l);
    }

    /**
     * a⁽ˡ⁾ = f(z⁽ˡ⁾) of the last forward pass, as a copy (before any dropout mask).
     *
     * @param l the layer, 0-based: in [0, {@code architecture().depth()})
     * @return a new rows x (outputs of layer l) matrix; for the last layer, ŷ
     * @throws IndexOutOfBoundsException if l is not a layer
     */
    public Matrix a(int l) {
        return slice(a[l], l);
    }

    /**
     * δ⁽ˡ⁾ = ∂J/∂z⁽ˡ⁾ of the last {@link #lossAndGradient} call, as a copy.
     *
     * @param l the layer, 0-based: in [0, {@code architecture().depth()})
     * @return a new rows x (outputs of layer l) matrix; meaningless (stale or zero) if no
     *         {@link #lossAndGradient} call came since the last forward pass
     * @throws IndexOutOfBoundsException if l is not a layer
     */
    public Matrix delta(int l) {
        return slice(delta[l], l);
    }

    private Matrix slice(double[] buffer, int l) {
        int out = architecture.layer(l).outputs();
        return Matrix.wrap(rows, out, Arrays.copyOf(buffer, rows * out));
    }
}
