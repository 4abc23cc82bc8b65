package dev.backprop.train;

import dev.backprop.linalg.FloatArrays;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.FloatBackpropagation;

/**
 * A block's J_b and ∂J_b/∂θ in the run's precision, for {@link BlockSum}: θ and the block's rows arrive as doubles
 * (the cluster broadcasts θ and caches rows as doubles); a float32 pass rounds them to floats into buffers of its own
 * and computes in float32 ({@link FloatBackpropagation}), as a float32 run in one JVM computes, and hands back its
 * gradient widened to doubles for the sum over blocks. Its buffers are allocated once, for {@code capacity} rows.
 */
abstract class BlockPass {
    private final int capacity;

    private BlockPass(int capacity) {
        this.capacity = capacity;
    }

    static BlockPass of(Precision precision, Architecture architecture, int capacity) {
        return precision == Precision.FLOAT32 ? new Float32(architecture, capacity) : new Float64(architecture, capacity);
    }

    /** The most rows a call may pass. */
    final int capacity() {
        return capacity;
    }

    /** The network the pass computes. */
    abstract Architecture architecture();

    /** J_b of {@code n} rows (weights {@code w}, or null). */
    abstract double loss(double[] parameters, double[] x, double[] y, double[] w, int n);

    /** J_b of {@code n} rows, ∂J_b/∂θ into {@code gradient} (fully overwritten). */
    abstract double lossAndGradient(double[] parameters, double[] x, double[] y, double[] w, int n,
                                    double[] gradient);

    private static final class Float64 extends BlockPass {
        private final Backpropagation backprop;

        Float64(Architecture architecture, int capacity) {
            super(capacity);
            this.backprop = new Backpropagation(architecture, capacity);
        }

        @Override
        Architecture architecture() {
            return backprop.architecture();
        }

        @Override
        double loss(double[] parameters, double[] x, double[] y, double[] w, int n) {
            return backprop.loss(parameters, x, 0, y, 0, w, 0, n);
        }

        @Override
        double lossAndGradient(double[] parameters, double[] x, double[] y, double[] w, int n, double[] gradient) {
            return backprop.lossAndGradient(parameters, x, 0, y, 0, w, 0, n, gradient);
        }
    }

    private static final class Float32 extends BlockPass {
        private final FloatBackpropagation backprop;
        private final float[] theta;
        private final float[] gradient;
        private final float[] x;
        private final float[] y;
        private final float[] w;

        Float32(Architecture architecture, int capacity) {
            super(capacity);
            this.backprop = new FloatBackpropagation(architecture, capacity);
            this.theta = new float[architecture.parameterCount()];
            this.gradient = new float[theta.length];
            this.x = new float[capacity * architecture.inputs()];
            this.y = new float[capacity * architecture.outputs()];
            this.w = new float[capacity];
        }

        @Override
        Architecture architecture() {
            return backprop.architecture();
        }

        @Override
        double loss(double[] parameters, double[] x, double[] y, double[] w, int n) {
            return backprop.loss(narrow(parameters), rows(x, n), 0, targets(y, n), 0, weights(w, n), 0, n);
        }

        @Override
        double lossAndGradient(double[] parameters, double[] x, double[] y, double[] w, int n, double[] out) {
            double j = backprop.lossAndGradient(narrow(parameters), rows(x, n), 0, targets(y, n), 0, weights(w, n), 0,
                    n, gradient);
            FloatArrays.widen(gradient, out, out.length);
            return j;
        }

        private float[] narrow(double[] parameters) {
            return FloatArrays.round(parameters, 0, theta, theta.length);
        }

        private float[] rows(double[] values, int n) {
            return FloatArrays.round(values, 0, x, n * backprop.architecture().inputs());
        }

        private float[] targets(double[] values, int n) {
            return FloatArrays.round(values, 0, y, n * backprop.architecture().outputs());
        }

        private float[] weights(double[] values, int n) {
            return values == null ? null : FloatArrays.round(values, 0, w, n);
        }
    }
}
