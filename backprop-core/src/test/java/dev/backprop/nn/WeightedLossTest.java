package dev.backprop.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The weighted loss J_w = s Σᵢ wᵢ ℓᵢ and its gradient: against central finite differences for every loss, against a
 * closed form on a one-weight network, against duplicated rows, and bit for bit against the unweighted loss when no
 * weights are given.
 */
class WeightedLossTest {
    private static final int ROWS = 5;

    private static Architecture architecture(Loss loss) {
        Activation output = switch (loss) {
            case SSE, MSE -> Activation.TANH;
            case BINARY_CROSS_ENTROPY -> Activation.SIGMOID;
            case CATEGORICAL_CROSS_ENTROPY -> Activation.SOFTMAX;
        };
        int outputs = loss == Loss.BINARY_CROSS_ENTROPY ? 2 : 3;
        return new Architecture(List.of(new LayerSpec(3, 4, Activation.TANH, true),
                new LayerSpec(4, outputs, output, true)), loss);
    }

    private static double[] targets(Loss loss, int outputs, SplittableRandom r) {
        double[] y = new double[ROWS * outputs];
        for (int i = 0; i < ROWS; i++) {
            if (loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
                y[i * outputs + r.nextInt(outputs)] = 1;
            } else {
                for (int o = 0; o < outputs; o++) {
                    y[i * outputs + o] = loss == Loss.BINARY_CROSS_ENTROPY ? r.nextInt(2) : r.nextDouble() - 0.5;
                }
            }
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gradientMatchesFiniteDifferences(Loss loss) {
        Architecture architecture = architecture(loss);
        SplittableRandom r = new SplittableRandom(7);
        double[] theta = new double[architecture.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = r.nextDouble() - 0.5;
        }
        double[] x = new double[ROWS * 3];
        for (int k = 0; k < x.length; k++) {
            x[k] = r.nextDouble() * 2 - 1;
        }
        double[] y = targets(loss, architecture.outputs(), r);
        double[] w = {0.5, 3.0, 0.0, 1.0, 7.25};
        Backpropagation backprop = new Backpropagation(architecture, ROWS);
        double[] gradient = new double[theta.length];
        double j = backprop.lossAndGradient(theta, x, 0, y, 0, w, 0, ROWS, gradient);
        assertThat(j).isEqualTo(backprop.loss(theta, x, 0, y, 0, w, 0, ROWS));
        double eps = 1e-6;
        for (int p = 0; p < theta.length; p++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[p] += eps;
            minus[p] -= eps;
            double numeric = (backprop.loss(plus, x, 0, y, 0, w, 0, ROWS) - backprop.loss(minus, x, 0, y, 0, w, 0, ROWS))
                    / (2 * eps);
            assertThat(gradient[p]).as("%s parameter %d", loss, p).isCloseTo(numeric, within(1e-7));
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void withoutWeightsTheLossAndGradientAreTheUnweightedOnesBitForBit(Loss loss) {
        Architecture architecture = architecture(loss);
        SplittableRandom r = new SplittableRandom(3);
        double[] theta = new double[architecture.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = r.nextDouble() - 0.5;
        }
        double[] x = new double[ROWS * 3];
        for (int k = 0; k < x.length; k++) {
            x[k] = r.nextDouble();
        }
        double[] y = targets(loss, architecture.outputs(), r);
        Backpropagation backprop = new Backpropagation(architecture, ROWS);
        double[] plain = new double[theta.length];
        double[] ones = new double[theta.length];
        double j = backprop.lossAndGradient(theta, x, 0, y, 0, ROWS, plain);
        double jOnes = backprop.lossAndGradient(theta, x, 0, y, 0, new double[] {1, 1, 1, 1, 1}, 0, ROWS, ones);
        // Weights of 1 multiply exactly, and the unweighted path is the one every model file was trained on.
        assertThat(ones).containsExactly(plain);
        assertThat(jOnes).isCloseTo(j, within(1e-15));
    }

    @Test
    void oneWeightNetworkMatchesTheClosedForm() {
        // ŷ = θ x, mse with n = 2, x = (1, 2), y = (0, 0), w = (1, 3):
        // J = (1/2)(1 · ½ θ² + 3 · ½ (2θ)²) = 3.25 θ², dJ/dθ = 6.5 θ.
        Architecture architecture = new Architecture(List.of(new LayerSpec(1, 1, Activation.LINEAR, false)), Loss.MSE);
        Backpropagation backprop = new Backpropagation(architecture, 2);
        double[] gradient = new double[1];
        double j = backprop.lossAndGradient(new double[] {0.5}, new double[] {1, 2}, 0, new double[] {0, 0}, 0,
                new double[] {1, 3}, 0, 2, gradient);
        assertThat(j).isCloseTo(3.25 * 0.25, within(1e-15));
        assertThat(gradient[0]).isCloseTo(6.5 * 0.5, within(1e-15));
    }

    @Test
    void aWeightOfTwoOnTheSummedLossIsTheRowTwice() {
        Architecture architecture = new Architecture(List.of(new LayerSpec(2, 3, Activation.SIGMOID, false),
                new LayerSpec(3, 1, Activation.SIGMOID, false)), Loss.SSE);
        SplittableRandom r = new SplittableRandom(1);
        double[] theta = new double[architecture.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = r.nextDouble() - 0.5;
        }
        double[] x = {0.1, 0.9, 0.4, 0.3, 0.8, 0.2};
        double[] y = {0.7, 0.2, 0.5};
        double[] twice = {0.1, 0.9, 0.1, 0.9, 0.4, 0.3, 0.8, 0.2};
        double[] yTwice = {0.7, 0.7, 0.2, 0.5};
        Backpropagation backprop = new Backpropagation(architecture, 4);
        double[] weighted = new double[theta.length];
        double[] duplicated = new double[theta.length];
        double jw = backprop.lossAndGradient(theta, x, 0, y, 0, new double[] {2, 1, 1}, 0, 3, weighted);
        double jd = backprop.lossAndGradient(theta, twice, 0, yTwice, 0, 4, duplicated);
        assertThat(jw).isCloseTo(jd, within(1e-15));
        for (int p = 0; p < theta.length; p++) {
            assertThat(weighted[p]).isCloseTo(duplicated[p], within(1e-15));
        }
    }
}
