package dev.backprop.nn;

import dev.backprop.linalg.Matrix;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A network's forward pass and backpropagation over a batch of up to {@code capacity} rows, written once for both
 * formats: the loop over the layers ({@link DenseLayerPass}) with every buffer allocated here, in the array type A of
 * an {@link Arithmetic}. {@link Backpropagation} (double[]) and {@link FloatBackpropagation} (float[]) are its public
 * faces and carry the contracts. Not thread-safe.
 *
 * @param <A> the array type of the format
 */
final class NetworkPass<A> {
    private final Arithmetic<A> arithmetic;
    private final Architecture architecture;
    private final int capacity;
    private final Regularization regularization;
    private final DenseLayerPass<A>[] layers;
    /** Per layer: inverted dropout on its activations, or null (always null for the output layer). */
    private final Dropout<A>[] dropout;
    private int rows;

    @SuppressWarnings("unchecked")
    NetworkPass(Arithmetic<A> arithmetic, Architecture architecture, int capacity, Regularization regularization,
                RandomGenerator random, int bytesPerValue) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0 but was " + capacity);
        }
        this.arithmetic = arithmetic;
        this.architecture = architecture;
        this.capacity = capacity;
        this.regularization = Objects.requireNonNull(regularization, "regularization");
        int depth = architecture.depth();
        WorkspaceBudget.require(architecture, capacity, regularization.dropout() > 0, bytesPerValue);
        layers = new DenseLayerPass[depth];
        dropout = new Dropout[depth];
        A ones = arithmetic.ones(capacity);
        for (int l = 0; l < depth; l++) {
            layers[l] = new DenseLayerPass<>(arithmetic, architecture, l, ones, capacity);
            if (regularization.dropout() > 0 && l < depth - 1) {
                Objects.requireNonNull(random, "dropout needs a random source");
                dropout[l] = new Dropout<>(arithmetic, regularization.dropout(),
                        Math.multiplyExact(capacity, architecture.layer(l).outputs()), random);
            }
        }
    }

    Architecture architecture() {
        return architecture;
    }

    int capacity() {
        return capacity;
    }

    /** ŷ of the forward pass; while {@code training}, hidden activations are multiplied by the current masks. */
    A forward(A parameters, A x, int xOffset, int rows, boolean training) {
        checkRows(rows);
        this.rows = rows;
        A input = x;
        int inputOffset = xOffset;
        for (int l = 0; l < layers.length; l++) {
            layers[l].forward(parameters, input, inputOffset, rows);
            input = training && dropout[l] != null
                    ? dropout[l].forward(layers[l].a, rows * architecture.layer(l).outputs()) : layers[l].a;
            inputOffset = 0;
        }
        return layers[layers.length - 1].a;
    }

    /** The objective and its gradient, with fresh dropout masks ({@link Backpropagation#lossAndGradient}). */
    double lossAndGradient(A parameters, A x, int xOffset, A y, int yOffset, A weights, int weightOffset, int rows,
                           A gradient) {
        drawMasks(rows);
        int last = layers.length - 1;
        forward(parameters, x, xOffset, rows, true);
        double dataScale = regularization.dataScale(architecture.loss(), rows);
        double j = objective(layers[last].outputLoss(architecture.loss(), y, yOffset, weights, weightOffset, rows),
                dataScale, parameters);
        layers[last].outputDelta(architecture.loss(), y, yOffset, weights, weightOffset, rows, dataScale);
        for (int l = last; l >= 0; l--) {
            if (l < last) {
                if (dropout[l] != null) {
                    dropout[l].backward(layers[l].delta, rows * architecture.layer(l).outputs());
                }
                layers[l].multiplyByDerivative(rows);
            }
            A input = l == 0 ? x : dropout[l - 1] != null ? dropout[l - 1].dropped : layers[l - 1].a;
            layers[l].backward(parameters, input, l == 0 ? xOffset : 0, rows, gradient,
                    l > 0 ? layers[l - 1].delta : null);
        }
        if (regularization.l2() != 0.0) {
            arithmetic.addPenaltyGradient(regularization, architecture, parameters, gradient);
        }
        return j;
    }

    /** The objective without dropout, forward pass only ({@link Backpropagation#loss}). */
    double loss(A parameters, A x, int xOffset, A y, int yOffset, A weights, int weightOffset, int rows) {
        forward(parameters, x, xOffset, rows, false);
        double dataScale = regularization.dataScale(architecture.loss(), rows);
        return objective(layers[layers.length - 1].outputLoss(architecture.loss(), y, yOffset, weights,
                weightOffset, rows), dataScale, parameters);
    }

    /** The objective from the loss J: J itself when λ = 0, otherwise J · dataScale + λ/2 Σ W². */
    private double objective(double j, double dataScale, A parameters) {
        if (regularization.l2() == 0.0) {
            return j;
        }
        return j * dataScale + arithmetic.penalty(regularization, architecture, parameters);
    }

    /** New dropout masks for {@code rows} rows (nothing without dropout). */
    private void drawMasks(int rows) {
        checkRows(rows);
        for (int l = 0; l < dropout.length; l++) {
            if (dropout[l] != null) {
                dropout[l].drawMask(rows * architecture.layer(l).outputs());
            }
        }
    }

    private void checkRows(int rows) {
        if (rows < 0 || rows > capacity) {
            throw new IllegalArgumentException("rows must be in [0, " + capacity + "] but was " + rows);
        }
    }

    /** Copies (as doubles) of every layer's z, a and δ as the last calls left them. */
    PassTrace trace() {
        int depth = layers.length;
        Matrix[] z = new Matrix[depth];
        Matrix[] a = new Matrix[depth];
        Matrix[] delta = new Matrix[depth];
        for (int l = 0; l < depth; l++) {
            int out = architecture.layer(l).outputs();
            z[l] = Matrix.wrap(rows, out, arithmetic.widen(layers[l].z, rows * out));
            a[l] = Matrix.wrap(rows, out, arithmetic.widen(layers[l].a, rows * out));
            delta[l] = Matrix.wrap(rows, out, arithmetic.widen(layers[l].delta, rows * out));
        }
        return new PassTrace(List.of(z), List.of(a), List.of(delta));
    }
}
