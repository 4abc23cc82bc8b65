package dev.backprop.train;

import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.LayerSpec;

import java.util.Arrays;

/**
 * Analytic and numerical gradients side by side, in the flat parameter layout of {@link Architecture}. Immutable.
 *
 * @param architecture      the checked network's structure
 * @param loss              J at the checked weights
 * @param analytic          ∂J/∂θ by backpropagation
 * @param numerical         ∂J/∂θ by central differences
 * @param maxRelativeError  the largest relative error over all parameters, each relative to the larger of its two
 *                          values (see {@link GradientCheck}); {@link #relativeError()} is the norm-wise one
 */
public record GradientCheckResult(Architecture architecture, double loss, double[] analytic, double[] numerical,
                                  double maxRelativeError) {
    public GradientCheckResult {
        analytic = analytic.clone();
        numerical = numerical.clone();
    }

    @Override
    public double[] analytic() {
        return analytic.clone();
    }

    @Override
    public double[] numerical() {
        return numerical.clone();
    }

    /**
     * The norm-wise relative error ‖analytic - numerical‖₂ / max(‖analytic‖₂, ‖numerical‖₂, 1e-8): how far the whole
     * gradient is off, unaffected by entries so small that their own relative error is rounding noise.
     */
    public double relativeError() {
        double difference = 0.0;
        double a = 0.0;
        double n = 0.0;
        for (int i = 0; i < analytic.length; i++) {
            double d = analytic[i] - numerical[i];
            difference += d * d;
            a += analytic[i] * analytic[i];
            n += numerical[i] * numerical[i];
        }
        return Math.sqrt(difference) / Math.max(Math.sqrt(Math.max(a, n)), 1e-8);
    }

    /** ∂J/∂W of layer l by backpropagation, inputs x outputs. */
    public Matrix weightGradient(int l) {
        return weights(analytic, l);
    }

    /** ∂J/∂W of layer l by central differences. */
    public Matrix numericalWeightGradient(int l) {
        return weights(numerical, l);
    }

    /** ∂J/∂b of layer l by backpropagation, or {@code null} if the layer has no bias. */
    public double[] biasGradient(int l) {
        return bias(analytic, l);
    }

    /** ∂J/∂b of layer l by central differences, or {@code null}. */
    public double[] numericalBiasGradient(int l) {
        return bias(numerical, l);
    }

    private Matrix weights(double[] flat, int l) {
        LayerSpec spec = architecture.layer(l);
        int offset = architecture.weightOffset(l);
        return Matrix.of(spec.inputs(), spec.outputs(),
                Arrays.copyOfRange(flat, offset, offset + spec.inputs() * spec.outputs()));
    }

    private double[] bias(double[] flat, int l) {
        int offset = architecture.biasOffset(l);
        return offset < 0 ? null : Arrays.copyOfRange(flat, offset, offset + architecture.layer(l).outputs());
    }
}
