package dev.backprop;

import dev.backprop.nn.Activation;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Network;
import dev.backprop.train.GradientCheck;
import dev.backprop.train.GradientCheckResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Backpropagation agrees with central differences for the depths, bias settings and losses of the foundation. */
class GradientAgreementTest {
    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (int hidden = 1; hidden <= 3; hidden++) {
            for (boolean bias : new boolean[] {false, true}) {
                for (Loss loss : new Loss[] {Loss.SSE, Loss.MSE}) {
                    cases.add(Arguments.of(hidden, bias, loss));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} hidden layers, bias {1}, {2}")
    @MethodSource("networks")
    void numericalAndAnalyticGradientsAgree(int hiddenLayers, boolean bias, Loss loss) {
        SplittableRandom random = new SplittableRandom(hiddenLayers * 10L + (bias ? 1 : 0));
        int[] widths = {3, 4, 5, 3, 2};
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l <= hiddenLayers; l++) {
            int out = l == hiddenLayers ? 2 : widths[l + 1];
            layers.add(new LayerSpec(widths[l], out, Activation.SIGMOID, bias));
        }
        Architecture architecture = new Architecture(layers, loss);
        double[] theta = Initializer.initialParameters(architecture, random);
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= 3; // larger weights than the initialiser's reach the sigmoid's curved region
        }
        int rows = 7;
        double[] x = new double[rows * 3];
        double[] y = new double[rows * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextDouble();
        }

        GradientCheckResult result = GradientCheck.check(Network.of(architecture, theta), x, y, rows, 1e-4);

        assertThat(result.maxRelativeError()).isLessThan(1e-7);
        assertThat(result.analytic()).hasSize(architecture.parameterCount());
        assertThat(result.biasGradient(0) != null).isEqualTo(bias);
        double largest = 0;
        for (double g : result.analytic()) {
            largest = Math.max(largest, Math.abs(g));
        }
        assertThat(largest).as("the check compared real gradients, not zeros").isGreaterThan(1e-3);
    }

    @org.junit.jupiter.api.Test
    void theNetworksLossInChunksEqualsTheTrainingLoss() {
        for (Loss loss : new Loss[] {Loss.SSE, Loss.MSE}) {
            Architecture architecture = new Architecture(List.of(new LayerSpec(3, 4, Activation.SIGMOID, true),
                    new LayerSpec(4, 2, Activation.SIGMOID, true)), loss);
            SplittableRandom random = new SplittableRandom(9);
            double[] theta = Initializer.initialParameters(architecture, random);
            int rows = 2500; // three chunks of prediction's 1024 rows
            double[] x = random.doubles(rows * 3L).toArray();
            double[] y = random.doubles(rows * 2L).toArray();
            double onePass = new dev.backprop.nn.Backpropagation(architecture, rows).loss(theta, x, 0, y, 0, rows);
            double chunked = Network.of(architecture, theta).loss(dev.backprop.linalg.Matrix.of(rows, 3, x),
                    dev.backprop.linalg.Matrix.of(rows, 2, y));
            assertThat(chunked).isCloseTo(onePass, org.assertj.core.api.Assertions.within(1e-12 * Math.abs(onePass)));
            assertThat(chunked).isPositive();
        }
    }
}
