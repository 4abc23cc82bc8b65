package dev.backprop.nn;

import dev.backprop.linalg.Gemm;
import dev.backprop.linalg.Parallel;
import dev.backprop.linalg.RangeLoop;

/**
 * One dense layer at work: its forward pass and its backward pass over a batch of up to {@code capacity} rows, on
 * weights W and bias b read where they sit in the flat parameter vector θ, with z, a and δ allocated once here.
 *
 * <p>The seed's two layers, in its notation (X the inputs, ŷ the output layer's a):
 * <pre>
 *   {@link #forward}:            z⁽²⁾ = X W⁽¹⁾           a⁽²⁾ = f(z⁽²⁾)      z⁽³⁾ = a⁽²⁾ W⁽²⁾     ŷ = f(z⁽³⁾)
 *   {@link #outputDelta}:        δ⁽³⁾ = -(y - ŷ) f'(z⁽³⁾)
 *   {@link #backward}:           ∂J/∂W⁽²⁾ = (a⁽²⁾)ᵀ δ⁽³⁾   and the product δ⁽³⁾ (W⁽²⁾)ᵀ sent down;   ∂J/∂W⁽¹⁾ = Xᵀ δ⁽²⁾
 *   {@link #multiplyByDerivative}: δ⁽²⁾ = [δ⁽³⁾ (W⁽²⁾)ᵀ] f'(z⁽²⁾)
 * </pre>
 * A layer with a bias adds b to each row of z going forward and gets ∂J/∂b = 1ᵀ δ (δ's column sums) coming back.
 * Every product is a named {@link Gemm} entry point. The element-wise passes (f, f') are shared among the threads the
 * products use ({@link Parallel}); each element is computed the same way whichever thread takes it. Not thread-safe.
 *
 * <p>Written once for both formats: A is double[] or float[], and every product and element-wise pass goes through the
 * format's {@link Arithmetic}, so a float32 layer makes the same calls on float arrays.
 *
 * @param <A> the array type of the format
 */
final class DenseLayerPass<A> {
    private final Arithmetic<A> arithmetic;
    private final LayerSpec spec;
    private final int weightOffset;
    /** Index of b in θ, or -1 for a layer without bias. */
    private final int biasOffset;
    /** capacity ones, shared by the layers: adding b to each row is 1 bᵀ, and ∂J/∂b is 1ᵀ δ. */
    private final A ones;
    /** z = a⁽ˡ⁻¹⁾ W + b, rows x outputs. */
    final A z;
    /** a = f(z), rows x outputs; for the output layer, ŷ. */
    final A a;
    /**
     * δ = ∂J/∂z, rows x outputs; it holds ∂J/∂a from the layer above's {@link #backward} until
     * {@link #multiplyByDerivative}.
     */
    final A delta;
    private final RangeLoop activate = this::activate;
    private final RangeLoop differentiate = this::differentiate;
    /** θ while {@link #forward} still has to add b to z (the product left it out); otherwise null. */
    private A biasSource;

    /**
     * @param arithmetic   the format the layer computes in
     * @param architecture the network; this is its layer {@code l}
     * @param l            the layer, 0-based
     * @param ones         at least {@code capacity} ones, shared and never modified
     * @param capacity     the most rows a call passes; the buffers hold capacity x outputs values
     */
    DenseLayerPass(Arithmetic<A> arithmetic, Architecture architecture, int l, A ones, int capacity) {
        this.arithmetic = arithmetic;
        this.spec = architecture.layer(l);
        this.weightOffset = architecture.weightOffset(l);
        this.biasOffset = architecture.biasOffset(l);
        this.ones = ones;
        int size = Math.multiplyExact(capacity, spec.outputs());
        z = arithmetic.allocate(size);
        a = arithmetic.allocate(size);
        delta = arithmetic.allocate(size);
    }

    /**
     * z = input W + b, a = f(z) on {@code rows} rows of input starting at {@code inputOffset}. Small products add b as
     * they store z ({@link Gemm#gemmPlusBias}); large ones leave it to the activation pass, which adds it just before
     * f: numpy's order (a W + b) either way, and no pass over z of its own.
     */
    void forward(A theta, A input, int inputOffset, int rows) {
        int in = spec.inputs();
        int out = spec.outputs();
        boolean biasAdded = biasOffset >= 0 && arithmetic.gemmPlusBias(rows, out, in, input, inputOffset,
                theta, weightOffset, theta, biasOffset, z, 0);
        if (!biasAdded) {
            arithmetic.multiply(rows, out, in, input, inputOffset, theta, weightOffset, z, 0);
        }
        biasSource = biasOffset >= 0 && !biasAdded ? theta : null;
        overRows(activate, rows);
        biasSource = null;
    }

    /** J (J_w with weights, {@link WeightedLoss}) of the output layer's last forward pass against the targets y. */
    double outputLoss(Loss loss, A y, int yOffset, A weights, int weightOffset, int rows) {
        return arithmetic.loss(loss, z, a, y, yOffset, weights, weightOffset, rows, spec.outputs());
    }

    /**
     * δ = ∂J/∂z of the output layer, from the targets y ({@link Loss#outputDelta}): for the seed's sse
     * δ⁽³⁾ = -(y - ŷ) ∘ f'(z⁽³⁾); for a cross-entropy f' cancels against the log, leaving (ŷ - y)/n. Then row i is
     * multiplied by its weight wᵢ (unless {@code weights} is null) and every row by {@code dataScale} (unless 1), the
     * regularized objective's factor on J.
     */
    void outputDelta(Loss loss, A y, int yOffset, A weights, int weightOffset, int rows, double dataScale) {
        arithmetic.outputDelta(loss, spec.activation(), z, a, y, yOffset, weights, weightOffset, rows, spec.outputs(),
                dataScale, delta);
    }

    /** δ ← δ ∘ f'(z): the ∂J/∂a that the layer above sent down becomes this layer's δ = ∂J/∂z. */
    void multiplyByDerivative(int rows) {
        overRows(differentiate, rows);
    }

    /**
     * ∂J/∂W = inputᵀ δ and ∂J/∂b = 1ᵀ δ into their places in {@code gradient}; then, unless {@code deltaBelow} is
     * null (the first layer: nothing below needs it), ∂J/∂input = δ Wᵀ into deltaBelow, the layer below's ∂J/∂a.
     */
    void backward(A theta, A input, int inputOffset, int rows, A gradient, A deltaBelow) {
        int in = spec.inputs();
        int out = spec.outputs();
        arithmetic.multiplyTransposeA(in, out, rows, input, inputOffset, delta, 0, gradient, weightOffset);
        if (biasOffset >= 0) {
            arithmetic.multiply(1, out, rows, ones, 0, delta, 0, gradient, biasOffset);
        }
        if (deltaBelow != null) {
            arithmetic.multiplyTransposeB(rows, in, out, delta, 0, theta, weightOffset, deltaBelow, 0);
        }
    }

    /** Runs an element-wise pass over whole rows, shared among threads when the batch is large enough to pay. */
    private void overRows(RangeLoop pass, int rows) {
        int out = spec.outputs();
        if (Parallel.wouldSplit(rows * out)) {
            Parallel.forRanges(rows * out, out, pass);
        } else if (pass == activate) { // direct calls: the seed's tiny network must not pay for an interface dispatch
            activate(0, rows * out);
        } else {
            differentiate(0, rows * out);
        }
    }

    /** z += 1 bᵀ on these rows when the product left b out (z_ij + 1·b_j rounds as z_ij + b_j), then a = f(z). */
    private void activate(int from, int to) {
        int out = spec.outputs();
        if (biasSource != null) {
            arithmetic.multiplyAdd((to - from) / out, out, 1, ones, 0, biasSource, biasOffset, z, from);
        }
        arithmetic.activate(spec.activation(), z, a, from / out, to / out, out);
    }

    private void differentiate(int from, int to) {
        arithmetic.multiplyByDerivative(spec.activation(), z, a, delta, from, to);
    }
}
