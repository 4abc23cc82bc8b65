package dev.backprop.train;

import dev.backprop.linalg.FloatArrays;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.FloatBackpropagation;
import dev.backprop.nn.PassTrace;
import dev.backprop.nn.Network;
import dev.backprop.nn.Regularization;

import java.util.stream.IntStream;

/**
 * Checks backpropagation against numerical differentiation: for every parameter θ_i, a difference quotient of J
 * along e_i (see {@link Stencil}); by default the central difference (J(θ + ε e_i) - J(θ - ε e_i)) / 2ε, whose error
 * is O(ε²). The relative error of each pair is |analytic - numerical| / max(|analytic|, |numerical|, 1e-8); the floor
 * keeps two gradients that are both essentially zero from reporting rounding noise as a large relative error.
 * Where J has a kink within the stencil's reach of θ_i (some pre-activation z of a relu or leaky-relu unit, for
 * any row, changes sign between the stencil's points), the quotient is not a derivative and its error is large by
 * construction: such comparisons are marked ({@link GradientCheckResult#straddlesKink()}) so that a verdict can
 * leave them out, as careful gradient checkers do.
 *
 * <p>A float32 network ({@link Network#precision()}) has its analytic gradient computed in float32
 * ({@link FloatBackpropagation}, on the inputs and targets rounded to float) and compared with float64 differences at
 * the same point: the relative errors then measure float32's rounding, about 1e-7 to 1e-4 rather than 1e-10.
 */
public final class GradientCheck {
    /** The default ε. */
    public static final double DEFAULT_EPSILON = 1e-4;

    /** How the numerical derivative is taken. Rounding adds about 1e-16 |J| / ε to either. */
    public enum Stencil {
        /** (J(θ + ε e_i) - J(θ - ε e_i)) / 2ε, truncation error O(ε²): the seed-era check, 2 passes per parameter. */
        CENTRAL,
        /**
         * [8 (J(θ + ε e_i) - J(θ - ε e_i)) - (J(θ + 2ε e_i) - J(θ - 2ε e_i))] / 12ε, truncation error O(ε⁴), 4 passes
         * per parameter: accurate enough to confirm a relative error of 1e-6 on the small gradients of deep layers,
         * which the central difference cannot.
         */
        FIVE_POINT
    }

    private GradientCheck() {
    }

    /**
     * Compares the gradients on {@code rows} examples (x and y row-major, already scaled as the network expects)
     * with the central difference.
     *
     * @param network the network, whose weights are the point checked; not modified
     * @param x       inputs, rows x network inputs, row-major; not modified
     * @param y       targets, rows x network outputs, row-major; not modified
     * @param rows    number of examples, ≥ 1
     * @param epsilon ε, the finite-difference step, finite and &gt; 0 (1e-6 is typical)
     * @return both gradients and their errors
     * @throws IllegalArgumentException if ε is not finite and &gt; 0, or the arrays are too short
     */
    public static GradientCheckResult check(Network network, double[] x, double[] y, int rows, double epsilon) {
        return check(network, x, y, rows, epsilon, 0.0, Stencil.CENTRAL);
    }

    /**
     * Compares the gradients of the L2-penalised objective J/n + λ/2 Σ W² (see {@link Regularization}) with the
     * central difference; λ = 0 is {@link #check(Network, double[], double[], int, double)}.
     *
     * @param network the network, whose weights are the point checked; not modified
     * @param x       inputs, rows x network inputs, row-major; not modified
     * @param y       targets, rows x network outputs, row-major; not modified
     * @param rows    number of examples, ≥ 1
     * @param epsilon ε, the finite-difference step, finite and &gt; 0
     * @param l2      λ, finite and ≥ 0
     * @return both gradients and their errors
     * @throws IllegalArgumentException if ε is not finite and &gt; 0, λ is negative or not finite, or the arrays are
     *                                  too short
     */
    public static GradientCheckResult check(Network network, double[] x, double[] y, int rows, double epsilon,
                                            double l2) {
        return check(network, x, y, rows, epsilon, l2, Stencil.CENTRAL);
    }

    /**
     * Compares the gradients of the objective with L2 penalty λ (0 for none), taking numerical derivatives with
     * {@code stencil}.
     *
     * @param network the network, whose weights are the point checked; not modified
     * @param x       inputs, rows x network inputs, row-major; not modified
     * @param y       targets, rows x network outputs, row-major; not modified
     * @param rows    number of examples, ≥ 1
     * @param epsilon ε, the finite-difference step, finite and &gt; 0
     * @param l2      λ, finite and ≥ 0
     * @param stencil the finite-difference formula
     * @return both gradients and their errors
     * @throws IllegalArgumentException if ε is not finite and &gt; 0, λ is negative or not finite, or the arrays are
     *                                  too short
     */
    public static GradientCheckResult check(Network network, double[] x, double[] y, int rows, double epsilon,
                                            double l2, Stencil stencil) {
        Regularization regularization = Regularization.l2(l2);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be > 0 and finite but was " + epsilon);
        }
        Architecture architecture = network.architecture();
        if (x.length < (long) rows * architecture.inputs() || y.length < (long) rows * architecture.outputs()) {
            throw new IllegalArgumentException("x and y hold fewer than " + rows + " rows");
        }
        Backpropagation backprop = new Backpropagation(architecture, Math.max(1, rows), regularization, null);
        double[] theta = network.parameters();
        double[] analytic = new double[theta.length];
        double loss;
        if (network.precision() == Precision.FLOAT32) {
            // The float32 gradient against float64 differences at the same point: the data rounded to float once.
            float[] x32 = FloatArrays.round(x, 0, new float[rows * architecture.inputs()], rows * architecture.inputs());
            float[] y32 = FloatArrays.round(y, 0, new float[rows * architecture.outputs()], rows * architecture.outputs());
            x = FloatArrays.widened(x32);
            y = FloatArrays.widened(y32);
            float[] gradient = new float[theta.length];
            loss = new FloatBackpropagation(architecture, Math.max(1, rows), regularization, null)
                    .lossAndGradient(FloatArrays.rounded(theta), x32, y32, rows, gradient);
            for (int i = 0; i < theta.length; i++) {
                analytic[i] = gradient[i];
            }
        } else {
            loss = backprop.lossAndGradient(theta, x, y, rows, analytic);
        }
        double[] numerical = new double[theta.length];
        boolean[] straddlesKink = new boolean[theta.length];
        double maxRelativeError = 0.0;
        KinkSigns signs = new KinkSigns(architecture);
        for (int i = 0; i < theta.length; i++) {
            double saved = theta[i];
            double plus = lossAt(backprop, theta, i, saved + epsilon, x, y, rows);
            signs.remember(backprop);
            double minus = lossAt(backprop, theta, i, saved - epsilon, x, y, rows);
            boolean kink = signs.changed(backprop);
            if (stencil == Stencil.CENTRAL) {
                numerical[i] = (plus - minus) / (2 * epsilon);
            } else {
                double plus2 = lossAt(backprop, theta, i, saved + 2 * epsilon, x, y, rows);
                kink |= signs.changed(backprop);
                double minus2 = lossAt(backprop, theta, i, saved - 2 * epsilon, x, y, rows);
                kink |= signs.changed(backprop);
                numerical[i] = (8 * (plus - minus) - (plus2 - minus2)) / (12 * epsilon);
            }
            theta[i] = saved;
            straddlesKink[i] = kink;
            maxRelativeError = Math.max(maxRelativeError, relativeError(analytic[i], numerical[i]));
        }
        return new GradientCheckResult(architecture, loss, analytic, numerical, maxRelativeError, straddlesKink);
    }

    /**
     * The signs (z &gt; 0) of every pre-activation of the layers whose activation has a kink at z = 0 (relu,
     * leaky-relu), at one point of the stencil, to compare with another point's.
     */
    private static final class KinkSigns {
        private final int[] kinkedLayers;
        private final boolean[][] positive;

        KinkSigns(Architecture architecture) {
            kinkedLayers = IntStream.range(0, architecture.depth())
                    .filter(l -> hasKink(architecture.layer(l).activation())).toArray();
            positive = new boolean[kinkedLayers.length][];
        }

        private static boolean hasKink(Activation activation) {
            return activation == Activation.RELU || activation == Activation.LEAKY_RELU;
        }

        /** Keeps the signs of the last forward pass. */
        void remember(Backpropagation backprop) {
            if (kinkedLayers.length == 0) {
                return; // no kinks: nothing to copy out of the pass
            }
            PassTrace trace = backprop.trace();
            for (int k = 0; k < kinkedLayers.length; k++) {
                double[] z = trace.z().get(kinkedLayers[k]).toArray();
                positive[k] = new boolean[z.length];
                for (int j = 0; j < z.length; j++) {
                    positive[k][j] = z[j] > 0;
                }
            }
        }

        /** Whether any sign of the last forward pass differs from the remembered ones. */
        boolean changed(Backpropagation backprop) {
            if (kinkedLayers.length == 0) {
                return false;
            }
            PassTrace trace = backprop.trace();
            for (int k = 0; k < kinkedLayers.length; k++) {
                double[] z = trace.z().get(kinkedLayers[k]).toArray();
                for (int j = 0; j < z.length; j++) {
                    if (z[j] > 0 != positive[k][j]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** J with θ_i set to {@code value} (left there). */
    private static double lossAt(Backpropagation backprop, double[] theta, int i, double value, double[] x,
                                 double[] y, int rows) {
        theta[i] = value;
        return backprop.loss(theta, x, 0, y, 0, rows);
    }

    static double relativeError(double analytic, double numerical) {
        double scale = Math.max(Math.max(Math.abs(analytic), Math.abs(numerical)), 1e-8);
        return Math.abs(analytic - numerical) / scale;
    }
}
