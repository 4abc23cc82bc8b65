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
 * @param maxRelativeError  the largest relative error over all parameters
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
