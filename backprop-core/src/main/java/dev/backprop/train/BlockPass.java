package dev.backprop.train;

import dev.backprop.linalg.FloatArrays;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.FloatBackpropagation;

import java.util.SplittableRandom;

/**
 * A block's J_b and ∂J_b/∂θ in the run's precision, for {@link BlockSum}: {@link #load} takes the block's rows (those
 * a sample selects, copied to the front of buffers of its own; all of them in place when it can), then {@link #loss}
 * or {@link #lossAndGradient} computes at θ. θ arrives as doubles (the cluster broadcasts it so); a float32 pass
 * rounds it, and the rows of a double {@link RowBlock}, to floats into its own buffers and computes in float32
 * ({@link FloatBackpropagation}), as a float32 run in one JVM computes; a {@link FloatRowBlock}'s rows are floats
 * already. It hands back its gradient widened to doubles for the sum over blocks. Buffers are allocated once, for
 * {@code capacity} rows.
 */
abstract class BlockPass {
    private final int capacity;
    private final int[] chosen;
    final int m;
    final int k;

    private BlockPass(Architecture architecture, int capacity) {
        this.capacity = capacity;
        this.chosen = new int[capacity];
        this.m = architecture.inputs();
        this.k = architecture.outputs();
    }

    static BlockPass of(Precision precision, Architecture architecture, int capacity) {
        return precision == Precision.FLOAT32 ? new Float32(architecture, capacity) : new Float64(architecture, capacity);
    }

    /** The most rows a block may hold. */
    final int capacity() {
        return capacity;
    }

    /** The network the pass computes. */
    abstract Architecture architecture();

    /**
     * Takes the rows of {@code block} that {@code sample} selects, for the next {@link #loss} or
     * {@link #lossAndGradient}.
     *
     * @return n, the rows taken (0 if the sample selects none)
     * @throws IllegalArgumentException if a float64 pass is given float rows
     */
    final int load(Block block, RowSample sample) {
        if (sample.all()) {
            take(block, null, block.rows());
            return block.rows();
        }
        SplittableRandom random = sample.random(block.id());
        int n = 0;
        for (int i = 0; i < block.rows(); i++) {
            if (random.nextDouble() < sample.fraction()) {
                chosen[n++] = i;
            }
        }
        take(block, chosen, n);
        return n;
    }

    /** Takes the rows {@code rows[0, n)} of {@code block} (all n of them, in order, when {@code rows} is null). */
    abstract void take(Block block, int[] rows, int n);

    /**
     * Rows {@code rows[0, n)} of {@code values} ({@code width} values each) copied to the front of {@code buffer}, or
     * {@code values} itself when {@code rows} is null (all rows, in place). For either precision's arrays.
     */
    static <A> A selected(A values, int width, int[] rows, int n, A buffer) {
        if (rows == null) {
            return values;
        }
        for (int r = 0; r < n; r++) {
            System.arraycopy(values, rows[r] * width, buffer, r * width, width);
        }
        return buffer;
    }

    /** J_b of the {@code n} rows taken. */
    abstract double loss(double[] parameters, int n);

    /** J_b of the {@code n} rows taken, ∂J_b/∂θ into {@code gradient} (fully overwritten). */
    abstract double lossAndGradient(double[] parameters, int n, double[] gradient);

    private static final class Float64 extends BlockPass {
        private final Backpropagation backprop;
        private final double[] sampleX;
        private final double[] sampleY;
        private final double[] sampleW;
        private double[] x;
        private double[] y;
        private double[] w;

        Float64(Architecture architecture, int capacity) {
            super(architecture, capacity);
            this.backprop = new Backpropagation(architecture, capacity);
            this.sampleX = new double[capacity * m];
            this.sampleY = new double[capacity * k];
            this.sampleW = new double[capacity];
        }

        @Override
        Architecture architecture() {
            return backprop.architecture();
        }

        @Override
        void take(Block block, int[] rows, int n) {
            if (!(block instanceof RowBlock doubles)) {
                throw new IllegalArgumentException("block " + block.id() + " holds float32 rows, which a float64 run "
                        + "would compute with at float precision; pack the rows for float64");
            }
            x = selected(doubles.x(), m, rows, n, sampleX);
            y = selected(doubles.y(), k, rows, n, sampleY);
            w = doubles.w() == null ? null : selected(doubles.w(), 1, rows, n, sampleW);
        }

        @Override
        double loss(double[] parameters, int n) {
            return backprop.loss(parameters, x, 0, y, 0, w, 0, n);
        }

        @Override
        double lossAndGradient(double[] parameters, int n, double[] gradient) {
            return backprop.lossAndGradient(parameters, x, 0, y, 0, w, 0, n, gradient);
        }
    }

    private static final class Float32 extends BlockPass {
        private final FloatBackpropagation backprop;
        private final float[] theta;
        private final float[] gradient;
        private final float[] bufferX;
        private final float[] bufferY;
        private final float[] bufferW;
        private float[] x;
        private float[] y;
        private float[] w;

        Float32(Architecture architecture, int capacity) {
            super(architecture, capacity);
            this.backprop = new FloatBackpropagation(architecture, capacity);
            this.theta = new float[architecture.parameterCount()];
            this.gradient = new float[theta.length];
            this.bufferX = new float[capacity * m];
            this.bufferY = new float[capacity * k];
            this.bufferW = new float[capacity];
        }

        @Override
        Architecture architecture() {
            return backprop.architecture();
        }

        @Override
        void take(Block block, int[] rows, int n) {
            if (block instanceof FloatRowBlock floats) {
                takeFloats(floats, rows, n);
                return;
            }
            RowBlock doubles = (RowBlock) block;
            x = rounded(doubles.x(), m, rows, n, bufferX);
            y = rounded(doubles.y(), k, rows, n, bufferY);
            w = doubles.w() == null ? null : rounded(doubles.w(), 1, rows, n, bufferW);
        }

        /** Rows {@code rows[0, n)} (or the first n) of {@code values}, {@code width} values each, rounded into out. */
        private static float[] rounded(double[] values, int width, int[] rows, int n, float[] out) {
            if (rows == null) {
                return FloatArrays.round(values, 0, out, n * width);
            }
            for (int r = 0; r < n; r++) {
                for (int j = 0, from = rows[r] * width; j < width; j++) {
                    out[r * width + j] = (float) values[from + j];
                }
            }
            return out;
        }

        private void takeFloats(FloatRowBlock block, int[] rows, int n) {
            x = selected(block.x(), m, rows, n, bufferX);
            y = selected(block.y(), k, rows, n, bufferY);
            w = block.w() == null ? null : selected(block.w(), 1, rows, n, bufferW);
        }

        @Override
        double loss(double[] parameters, int n) {
            return backprop.loss(narrow(parameters), x, 0, y, 0, w, 0, n);
        }

        @Override
        double lossAndGradient(double[] parameters, int n, double[] out) {
            double j = backprop.lossAndGradient(narrow(parameters), x, 0, y, 0, w, 0, n, gradient);
            FloatArrays.widen(gradient, out, out.length);
            return j;
        }

        private float[] narrow(double[] parameters) {
            return FloatArrays.round(parameters, 0, theta, theta.length);
        }
    }
}
