package dev.backprop.nn;

import dev.backprop.linalg.Elementwise;
import dev.backprop.linalg.Gemm;
import dev.backprop.linalg.Matrix;

import java.util.Arrays;

/**
 * The forward pass and backpropagation for a batch of up to {@code capacity} rows, with every buffer allocated once
 * here so training loops allocate nothing.
 *
 * <p>The seed's formulas, generalised to L layers (layer l = 1..L, a⁽⁰⁾ = X):
 * <pre>
 *   z⁽ˡ⁾ = a⁽ˡ⁻¹⁾ W⁽ˡ⁾ + b⁽ˡ⁾          a⁽ˡ⁾ = f(z⁽ˡ⁾)          ŷ = a⁽ᴸ⁾
 *   δ⁽ᴸ⁾ = ∂J/∂ŷ ∘ f'(z⁽ᴸ⁾)            (for SSE: -(y - ŷ) ∘ f'(z⁽ᴸ⁾))
 *   ∂J/∂W⁽ˡ⁾ = (a⁽ˡ⁻¹⁾)ᵀ δ⁽ˡ⁾          ∂J/∂b⁽ˡ⁾ = column sums of δ⁽ˡ⁾
 *   δ⁽ˡ⁻¹⁾ = δ⁽ˡ⁾ (W⁽ˡ⁾)ᵀ ∘ f'(z⁽ˡ⁻¹⁾)
 * </pre>
 * (The seed numbers layers from the input: its z⁽²⁾, a⁽²⁾ are this class's layer 0 and its z⁽³⁾ is layer 1.) All three
 * products go through {@link Gemm#gemm}. Not thread-safe: one instance per thread.
 */
public final class Backpropagation {
    private final Architecture architecture;
    private final int capacity;
    private final double[][] z;
    private final double[][] a;
    private final double[][] delta;
    /** capacity ones: a bias gradient is the product 1ᵀ δ. */
    private final double[] ones;
    private int rows;

    /**
     * @param capacity the most rows one call will pass
     */
    public Backpropagation(Architecture architecture, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0 but was " + capacity);
        }
        this.architecture = architecture;
        this.capacity = capacity;
        int depth = architecture.depth();
        z = new double[depth][];
        a = new double[depth][];
        delta = new double[depth][];
        ones = new double[capacity];
        Arrays.fill(ones, 1.0);
        for (int l = 0; l < depth; l++) {
            int size = Math.multiplyExact(capacity, architecture.layer(l).outputs());
            z[l] = new double[size];
            a[l] = new double[size];
            delta[l] = new double[size];
        }
    }

    public Architecture architecture() {
        return architecture;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Runs the forward pass on {@code rows} rows of x starting at {@code x[xOffset]} (row-major, one column per
     * input) and returns the array whose first rows x outputs values are ŷ. The returned array is this object's
     * workspace: valid until the next call.
     */
    public double[] forward(double[] parameters, double[] x, int xOffset, int rows) {
        checkRows(rows);
        this.rows = rows;
        double[] input = x;
        int inputOffset = xOffset;
        for (int l = 0; l < architecture.depth(); l++) {
            LayerSpec spec = architecture.layer(l);
            int out = spec.outputs();
            int biasOffset = architecture.biasOffset(l);
            if (biasOffset >= 0) {
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(parameters, biasOffset, z[l], i * out, out);
                }
            }
            Gemm.gemm(false, false, rows, out, spec.inputs(), input, inputOffset,
                    parameters, architecture.weightOffset(l), biasOffset >= 0 ? 1.0 : 0.0, z[l], 0);
            activate(spec.activation(), z[l], a[l], rows * out);
            input = a[l];
            inputOffset = 0;
        }
        return a[architecture.depth() - 1];
    }

    /** Forward pass from offset 0. */
    public double[] forward(double[] parameters, double[] x, int rows) {
        return forward(parameters, x, 0, rows);
    }

    /**
     * Computes J on {@code rows} examples and writes ∂J/∂θ for every parameter θ into {@code gradient} (same layout as
     * the parameters; fully overwritten). x and y are row-major and start at the given offsets. Only
     * {@code gradient} and this object's workspace are modified.
     *
     * @return J
     */
    public double lossAndGradient(double[] parameters, double[] x, int xOffset, double[] y, int yOffset, int rows,
                                  double[] gradient) {
        int last = architecture.depth() - 1;
        int outputs = architecture.outputs();
        double[] yhat = forward(parameters, x, xOffset, rows);
        Loss loss = architecture.loss();
        double j = loss.value(yhat, y, yOffset, rows, outputs);
        loss.gradient(yhat, y, yOffset, rows, outputs, delta[last]);
        for (int l = last; l >= 0; l--) {
            LayerSpec spec = architecture.layer(l);
            int in = spec.inputs();
            int out = spec.outputs();
            spec.activation().multiplyByDerivative(z[l], a[l], delta[l], 0, rows * out);
            double[] input = l == 0 ? x : a[l - 1];
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
        return j;
    }

    /** {@link #lossAndGradient(double[], double[], int, double[], int, int, double[])} from offset 0. */
    public double lossAndGradient(double[] parameters, double[] x, double[] y, int rows, double[] gradient) {
        return lossAndGradient(parameters, x, 0, y, 0, rows, gradient);
    }

    /** J on {@code rows} examples, forward pass only. */
    public double loss(double[] parameters, double[] x, int xOffset, double[] y, int yOffset, int rows) {
        double[] yhat = forward(parameters, x, xOffset, rows);
        return architecture.loss().value(yhat, y, yOffset, rows, architecture.outputs());
    }

    /**
     * a = f(z) on a batch. The sigmoid goes through {@link Elementwise#logistic}, vectorised when the JDK Vector API is
     * present: a scalar {@code Math.exp} per element would cost more than all of a small network's products.
     */
    private static void activate(Activation f, double[] z, double[] a, int length) {
        if (f == Activation.SIGMOID) {
            Elementwise.logistic(z, a, 0, length);
        } else {
            f.apply(z, a, 0, length);
        }
    }

    private void checkRows(int rows) {
        if (rows < 0 || rows > capacity) {
            throw new IllegalArgumentException("rows must be in [0, " + capacity + "] but was " + rows);
        }
    }

    /** z⁽ˡ⁾ of the last call, rows x outputs of layer l (0-based), as a copy. */
    public Matrix z(int l) {
        return slice(z[l], l);
    }

    /** a⁽ˡ⁾ = f(z⁽ˡ⁾) of the last call, as a copy. */
    public Matrix a(int l) {
        return slice(a[l], l);
    }

    /** δ⁽ˡ⁾ = ∂J/∂z⁽ˡ⁾ of the last {@link #lossAndGradient} call, as a copy. */
    public Matrix delta(int l) {
        return slice(delta[l], l);
    }

    private Matrix slice(double[] buffer, int l) {
        int out = architecture.layer(l).outputs();
        return Matrix.wrap(rows, out, Arrays.copyOf(buffer, rows * out));
    }
}
