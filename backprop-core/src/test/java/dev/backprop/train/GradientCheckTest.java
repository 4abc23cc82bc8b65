package dev.backprop.train;

import dev.backprop.linalg.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backpropagation against central differences for every hidden activation, every output activation with each loss
 * it accepts, with and without bias, 1 to 3 hidden layers, with and without an L2 penalty: 540 networks.
 */
class GradientCheckTest {
    private static final int ROWS = 5;
    private static final int INPUTS = 3;
    /** ‖analytic - numerical‖ / ‖analytic‖: observed ≤ 1e-10 on every case. */
    private static final double NORM_TOLERANCE = 1e-9;
    /**
     * The worst single component: a gradient entry 1e5 times smaller than the largest (down to 1e-7 in 3-hidden-layer
     * rectifier networks) is measured by differences of J near the rounding floor of about 1e-12 |J|, so a few reach
     * 2e-6; all others are below 1e-6.
     */
    private static final double COMPONENT_TOLERANCE = 1e-5;

    /** The output activations and the losses they go with. */
    private static final Object[][] OUTPUTS = {
            {Activation.SIGMOID, Loss.SSE}, {Activation.SIGMOID, Loss.MSE},
            {Activation.LINEAR, Loss.SSE}, {Activation.LINEAR, Loss.MSE},
            {Activation.TANH, Loss.MSE}, {Activation.RELU, Loss.SSE}, {Activation.LEAKY_RELU, Loss.MSE},
            {Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY},
            {Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY},
    };
    private static final Activation[] HIDDEN = {Activation.SIGMOID, Activation.TANH, Activation.RELU,
            Activation.LEAKY_RELU, Activation.LINEAR};

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (Activation hidden : HIDDEN) {
            for (Object[] output : OUTPUTS) {
                for (int depth = 1; depth <= 3; depth++) {
                    for (boolean bias : new boolean[]{false, true}) {
                        for (double l2 : new double[]{0.0, 0.05}) {
                            all.add(Arguments.of(hidden, output[0], output[1], depth, bias, l2));
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} x{3} -> {1} / {2}, bias {4}, l2 {5}")
    @MethodSource("combinations")
    void backpropagationMatchesCentralDifferences(Activation hidden, Activation output, Loss loss, int depth,
                                                  boolean bias, double l2) {
        int outputs = 3;
        List<LayerSpec> layers = new ArrayList<>();
        int previous = INPUTS;
        int[] widths = {4, 3, 5};
        for (int l = 0; l < depth; l++) {
            layers.add(new LayerSpec(previous, widths[l], hidden, bias));
            previous = widths[l];
        }
        layers.add(new LayerSpec(previous, outputs, output, bias));
        Architecture architecture = new Architecture(layers, loss);
        SplittableRandom random = new SplittableRandom(depth * 31L + (bias ? 7 : 0));
        double[] theta = Initializer.initialParameters(architecture, random);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.1 * (random.nextDouble() - 0.5); // non-zero biases too
        }
        double[] x = new double[ROWS * INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * random.nextDouble() - 1;
        }
        double[] y = targets(loss, outputs, random);
        GradientCheckResult result = GradientCheck.check(Network.of(architecture, theta), x, y, ROWS,
                GradientCheck.DEFAULT_EPSILON, l2, GradientCheck.Stencil.FIVE_POINT);
        assertThat(result.relativeError()).isLessThan(NORM_TOLERANCE);
        assertThat(result.maxRelativeError()).isLessThan(COMPONENT_TOLERANCE);
    }

    private static double[] targets(Loss loss, int outputs, SplittableRandom random) {
        double[] y = new double[ROWS * outputs];
        for (int i = 0; i < ROWS; i++) {
            if (loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
                y[i * outputs + random.nextInt(outputs)] = 1.0;
            } else {
                for (int o = 0; o < outputs; o++) {
                    y[i * outputs + o] = loss.crossEntropy() ? random.nextDouble() : 2 * random.nextDouble() - 0.5;
                }
            }
        }
        return y;
    }

    @Test
    void aFloat32NetworkIsCheckedInFloat32AgainstFloat64Differences() {
        Architecture architecture = new Architecture(List.of(new LayerSpec(3, 4, Activation.TANH, true),
                new LayerSpec(4, 2, Activation.SIGMOID, true)), Loss.BINARY_CROSS_ENTROPY);
        double[] theta = Initializer.initialParameters(architecture, new SplittableRandom(6));
        double[] x = {0.1, -0.7, 0.3, 0.9, 0.25, -0.4, -0.6, 0.8, 0.05};
        double[] y = {1, 0, 0, 1, 1, 1};
        GradientCheckResult wide = GradientCheck.check(Network.of(architecture, theta), x, y, 3, 1e-5);
        GradientCheckResult single = GradientCheck.check(Network.of(architecture, theta, Precision.FLOAT32), x, y,
                3, 1e-5);
        for (double g : single.analytic()) {
            assertThat((double) (float) g).as("a float32 gradient").isEqualTo(g);
        }
        // float rounding: about 2 layers x (3 rows + 4 units) roundings of u = 2^-24 relative to the gradient's scale
        double scale = Arrays.stream(single.numerical()).map(Math::abs).max().orElseThrow();
        for (int i = 0; i < theta.length; i++) {
            assertThat(Math.abs(single.analytic()[i] - single.numerical()[i])).as("parameter %d", i)
                    .isLessThanOrEqualTo(2 * 2 * 7 * 0x1p-24 * Math.max(1, scale));
        }
        assertThat(wide.relativeError()).isLessThan(1e-7);
        assertThat(single.analytic()).isNotEqualTo(wide.analytic());
    }

    @Test
    void l2AddsLambdaTimesTheWeightsToTheirGradient() {
        Architecture architecture = new Architecture(List.of(new LayerSpec(2, 2, Activation.TANH, true),
                new LayerSpec(2, 1, Activation.LINEAR, true)), Loss.MSE);
        double[] theta = Initializer.initialParameters(architecture, new SplittableRandom(4));
        Network network = Network.of(architecture, theta);
        double[] x = {0.1, 0.2, -0.3, 0.4};
        double[] y = {1, -1};
        double[] plain = GradientCheck.check(network, x, y, 2, 1e-5).analytic();
        double[] penalised = GradientCheck.check(network, x, y, 2, 1e-5, 0.5).analytic();
        for (int i = 0; i < theta.length; i++) {
            boolean bias = (i >= 4 && i < 6) || i == 8;
            assertThat(penalised[i] - plain[i]).as("parameter %d", i)
                    .isCloseTo(bias ? 0.0 : 0.5 * theta[i], org.assertj.core.api.Assertions.within(1e-15));
        }
    }

    @Test
    void theFivePointStencilIsTheMoreAccurateOneAndCentralIsTheDefault() {
        Architecture architecture = new Architecture(List.of(new LayerSpec(3, 4, Activation.TANH, true),
                new LayerSpec(4, 4, Activation.SIGMOID, true), new LayerSpec(4, 2, Activation.LINEAR, true)),
                Loss.MSE);
        Network network = Network.of(architecture, Initializer.initialParameters(architecture,
                new SplittableRandom(12)));
        double[] x = {0.5, -0.2, 0.9, -0.7, 0.3, 0.1};
        double[] y = {1.0, -0.5, 0.2, 0.4};
        GradientCheckResult byDefault = GradientCheck.check(network, x, y, 2, 1e-3);
        GradientCheckResult central = GradientCheck.check(network, x, y, 2, 1e-3, 0.0, GradientCheck.Stencil.CENTRAL);
        GradientCheckResult fivePoint = GradientCheck.check(network, x, y, 2, 1e-3, 0.0,
                GradientCheck.Stencil.FIVE_POINT);
        assertThat(byDefault.numerical()).isEqualTo(central.numerical());
        assertThat(fivePoint.relativeError()).isLessThan(central.relativeError() / 1000);
    }

    @Test
    void aComparisonStraddlingAReluKinkIsMarkedAndLeftOutOfTheVerdict() {
        // One input x = 1, one relu unit with w = 0 and no bias: z = 0 sits on the kink, so moving w by ±ε flips z's
        // sign and the difference (1/2 the slope) disagrees with backpropagation's relu'(0) = 0 by construction.
        Architecture architecture = new Architecture(List.of(new LayerSpec(1, 1, Activation.RELU, false),
                new LayerSpec(1, 1, Activation.LINEAR, false)), Loss.SSE);
        Network network = Network.of(architecture, new double[] {0.0, 0.7});
        GradientCheckResult result = GradientCheck.check(network, new double[] {1.0}, new double[] {1.0}, 1, 1e-4);
        assertThat(result.straddlesKink()).containsExactly(true, false);
        assertThat(result.kinkCount()).isEqualTo(1);
        assertThat(result.maxRelativeError()).isGreaterThan(0.5);
        assertThat(result.maxRelativeErrorAwayFromKinks()).isLessThan(1e-8);
        assertThat(result.passes(GradientCheckResult.DEFAULT_THRESHOLD)).isTrue();
        assertThat(result.passes(0.0)).isTrue();
    }

    @Test
    void everyComparisonOnAKinkGivesNoPass() {
        Architecture architecture = new Architecture(List.of(new LayerSpec(1, 1, Activation.LEAKY_RELU, false)),
                Loss.SSE);
        GradientCheckResult result = GradientCheck.check(Network.of(architecture, new double[] {0.0}),
                new double[] {1.0}, new double[] {1.0}, 1, 1e-4);
        assertThat(result.kinkCount()).isEqualTo(1);
        assertThat(result.passes(1.0)).isFalse();
    }

    @Test
    void argumentsAreChecked() {
        Network network = Network.of(new Architecture(List.of(new LayerSpec(1, 1, Activation.LINEAR, false)),
                Loss.SSE), new double[]{1});
        assertThatThrownBy(() -> GradientCheck.check(network, new double[1], new double[1], 1, 0))
                .hasMessageContaining("epsilon must be > 0");
        assertThatThrownBy(() -> GradientCheck.check(network, new double[1], new double[1], 1, 1e-4, -1))
                .hasMessageContaining("l2 must be >= 0");
    }
}
