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
 * @param straddlesKink     per parameter: whether its difference quotient straddles a kink (a relu or leaky-relu
 *                          pre-activation changed sign between the stencil's points), so is not a derivative
 */
public record GradientCheckResult(Architecture architecture, double loss, double[] analytic, double[] numerical,
                                  double maxRelativeError, boolean[] straddlesKink) {
    /**
     * The relative error up to which {@link #passes} accepts a comparison by default: 1e-4. Correct gradients agree
     * far better where they are large, but rounding in J(θ ± ε), about 1e-16 |J| / ε, becomes a relative error near
     * 1e-5 for gradients near the 1e-8 floor; a wrong gradient is off by far more (a missing factor, 0.3 or so).
     */
    public static final double DEFAULT_THRESHOLD = 1e-4;

    /**
     * Copies the gradient arrays.
     *
     * @param architecture     the checked network's structure
     * @param loss             J at the checked weights
     * @param analytic         ∂J/∂θ by backpropagation, length P; copied
     * @param numerical        ∂J/∂θ by finite differences, length P; copied
     * @param maxRelativeError the largest element-wise relative error
     * @param straddlesKink    per parameter, whether its quotient straddles a kink, length P; copied
     */
    public GradientCheckResult {
        analytic = analytic.clone();
        numerical = numerical.clone();
        straddlesKink = straddlesKink.clone();
    }

    /**
     * Per parameter, whether its difference quotient straddles a kink, in the flat parameter layout.
     *
     * @return a new array of P flags
     */
    @Override
    public boolean[] straddlesKink() {
        return straddlesKink.clone();
    }

    /**
     * How many comparisons straddle a kink.
     *
     * @return the count, in [0, P]
     */
    public int kinkCount() {
        int count = 0;
        for (boolean kink : straddlesKink) {
            count += kink ? 1 : 0;
        }
        return count;
    }

    /**
     * The largest element-wise relative error over the comparisons that do not straddle a kink.
     *
     * @return the error, ≥ 0; 0 when every comparison straddles a kink; NaN if such a gradient holds NaN (Math.max
     *         keeps a NaN)
     */
    public double maxRelativeErrorAwayFromKinks() {
        double max = 0.0;
        for (int i = 0; i < analytic.length; i++) {
            if (!straddlesKink[i]) {
                max = Math.max(max, GradientCheck.relativeError(analytic[i], numerical[i]));
            }
        }
        return max;
    }

    /**
     * The verdict: whether at least one comparison does not straddle a kink and every such comparison has a relative
     * error of at most {@code threshold} (see {@link #DEFAULT_THRESHOLD}).
     *
     * @param threshold the largest relative error accepted, ≥ 0
     * @return true if the gradients pass; false if one fails, holds NaN, or no comparison is away from a kink
     */
    public boolean passes(double threshold) {
        return kinkCount() < analytic.length && maxRelativeErrorAwayFromKinks() <= threshold;
    }

    /**
     * ∂J/∂θ by backpropagation, in the flat parameter layout.
     *
     * @return a new array of P values
     */
    @Override
    public double[] analytic() {
        return analytic.clone();
    }

    /**
     * ∂J/∂θ by finite differences, in the flat parameter layout.
     *
     * @return a new array of P values
     */
    @Override
    public double[] numerical() {
        return numerical.clone();
    }

    /**
     * The norm-wise relative error ‖analytic - numerical‖₂ / max(‖analytic‖₂, ‖numerical‖₂, 1e-8): how far the whole
     * gradient is off, unaffected by entries so small that their own relative error is rounding noise.
     *
     * @return the error, ≥ 0; about 1e-7 or less for a correct gradient with ε = 1e-6; NaN if a gradient holds NaN
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

    /**
     * ∂J/∂W of layer l by backpropagation, inputs x outputs.
     *
     * @param l layer index in [0, depth)
     * @return a new inputs x outputs matrix
     */
    public Matrix weightGradient(int l) {
        return weights(analytic, l);
    }

    /**
     * ∂J/∂W of layer l by central differences.
     *
     * @param l layer index in [0, depth)
     * @return a new inputs x outputs matrix
     */
    public Matrix numericalWeightGradient(int l) {
        return weights(numerical, l);
    }

    /**
     * ∂J/∂b of layer l by backpropagation, or {@code null} if the layer has no bias.
     *
     * @param l layer index in [0, depth)
     * @return a new array of the layer's outputs, or {@code null}
     */
    public double[] biasGradient(int l) {
        return bias(analytic, l);
    }

    /**
     * ∂J/∂b of layer l by central differences, or {@code null}.
     *
     * @param l layer index in [0, depth)
     * @return a new array of the layer's outputs, or {@code null}
     */
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
