package dev.backprop.nn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LossTest {
    @Test
    void squaredErrorsAreTheSeedsSumAndItsMean() {
        double[] yhat = {0.5, 0.25, 1.0, 0.0};
        double[] y = {1.0, 0.0, 0.5, 0.5};
        // ½ (0.25 + 0.0625 + 0.25 + 0.25) = 0.40625 over n = 2 rows of 2 outputs
        // a linear output: z = ŷ and f' = 1, so δ = ∂J/∂ŷ
        assertThat(Loss.SSE.value(yhat, yhat, y, 0, 2, 2)).isEqualTo(0.40625);
        assertThat(Loss.MSE.value(yhat, yhat, y, 0, 2, 2)).isEqualTo(0.40625 / 2);
        double[] g = new double[4];
        Loss.SSE.outputDelta(Activation.LINEAR, yhat, yhat, y, 0, 2, 2, g);
        assertThat(g).containsExactly(-0.5, 0.25, 0.5, -0.5);
        Loss.MSE.outputDelta(Activation.LINEAR, yhat, yhat, y, 0, 2, 2, g);
        assertThat(g).containsExactly(-0.25, 0.125, 0.25, -0.25);
        assertThat(Loss.SSE.meanOverRows()).isFalse();
        assertThat(Loss.MSE.meanOverRows()).isTrue();
    }

    @Test
    void binaryCrossEntropyFromLogitsMatchesTheDefinition() {
        double[] z = {-2.0, 0.5, 3.0, -0.1};
        double[] y = {0.0, 1.0, 1.0, 0.3};
        double[] yhat = sigmoid(z);
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected -= y[i] * Math.log(yhat[i]) + (1 - y[i]) * Math.log(1 - yhat[i]);
        }
        expected /= 2; // 2 rows of 2 outputs: mean over rows
        Loss bce = Loss.BINARY_CROSS_ENTROPY;
        assertThat(bce.value(z, yhat, y, 0, 2, 2)).isCloseTo(expected, within(1e-14));
    }

    @Test
    void binaryCrossEntropyIsFiniteWhereTheSigmoidSaturates() {
        double[] z = {1000.0, -1000.0, 40.0};
        double[] y = {0.0, 1.0, 0.0};
        double[] yhat = sigmoid(z);
        assertThat(yhat[0]).isEqualTo(1.0);
        double j = Loss.BINARY_CROSS_ENTROPY.value(z, yhat, y, 0, 3, 1);
        assertThat(j).isCloseTo((1000.0 + 1000.0 + 40.0) / 3, within(1e-9));
        double[] delta = new double[3];
        Loss.BINARY_CROSS_ENTROPY.outputDelta(Activation.SIGMOID, z, yhat, y, 0, 3, 1, delta);
        assertThat(delta).containsExactly(1.0 / 3, -1.0 / 3, yhat[2] / 3);
    }

    @Test
    void categoricalCrossEntropyFromLogitsMatchesTheDefinition() {
        double[] z = {0.2, -1.0, 2.0, 5.0, 5.0, -3.0};
        double[] y = {0, 0, 1, 1, 0, 0};
        double[] yhat = new double[6];
        Activation.SOFTMAX.applyRows(z, yhat, 0, 2, 3);
        double expected = -(Math.log(yhat[2]) + Math.log(yhat[3])) / 2;
        Loss cce = Loss.CATEGORICAL_CROSS_ENTROPY;
        assertThat(cce.value(z, yhat, y, 0, 2, 3)).isCloseTo(expected, within(1e-14));
        double[] delta = new double[6];
        cce.outputDelta(Activation.SOFTMAX, z, yhat, y, 0, 2, 3, delta);
        for (int i = 0; i < 6; i++) {
            assertThat(delta[i]).isCloseTo((yhat[i] - y[i]) / 2, within(1e-16));
        }
    }

    @Test
    void categoricalCrossEntropyIsFiniteForHugeLogits() {
        double[] z = {1000.0, -1000.0, 0.0};
        double[] y = {0, 1, 0};
        double[] yhat = new double[3];
        Activation.SOFTMAX.applyRows(z, yhat, 0, 1, 3);
        assertThat(yhat[1]).isEqualTo(0.0);
        assertThat(Loss.CATEGORICAL_CROSS_ENTROPY.value(z, yhat, y, 0, 1, 3)).isEqualTo(2000.0);
    }

    /** δ = ∂J/∂z for every loss with its output activation, by central differences of J(z). */
    @Test
    void outputDeltaIsTheDerivativeOfTheLossInTheLogits() {
        double[] z = {0.3, -0.7, 1.1, -0.2, 0.4, 0.9};
        double[] oneHot = {0, 1, 0, 1, 0, 0};
        double[] soft = {0.2, 0.7, 0.0, 0.5, 1.0, 0.25};
        check(Loss.SSE, Activation.SIGMOID, z, soft);
        check(Loss.MSE, Activation.TANH, z, soft);
        check(Loss.MSE, Activation.LINEAR, z, soft);
        check(Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID, z, soft);
        check(Loss.CATEGORICAL_CROSS_ENTROPY, Activation.SOFTMAX, z, oneHot);
        check(Loss.CATEGORICAL_CROSS_ENTROPY, Activation.SOFTMAX, z, new double[]{0.2, 0.3, 0.5, 0.1, 0.1, 0.8});
    }

    private static void check(Loss loss, Activation f, double[] z, double[] y) {
        int n = 2;
        int outputs = 3;
        double[] yhat = new double[6];
        f.applyRows(z, yhat, 0, n, outputs);
        double[] delta = new double[6];
        loss.outputDelta(f, z, yhat, y, 0, n, outputs, delta);
        double h = 1e-6;
        for (int i = 0; i < 6; i++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[i] += h;
            minus[i] -= h;
            double numerical = (j(loss, f, plus, y) - j(loss, f, minus, y)) / (2 * h);
            assertThat(delta[i]).as("%s with %s, z[%d]", loss.id(), f.id(), i).isCloseTo(numerical, within(1e-8));
        }
    }

    private static double j(Loss loss, Activation f, double[] z, double[] y) {
        double[] yhat = new double[z.length];
        f.applyRows(z, yhat, 0, 2, 3);
        return loss.value(z, yhat, y, 0, 2, 3);
    }

    @Test
    void idsAndAliases() {
        for (Loss l : Loss.values()) {
            assertThat(Loss.fromId(l.id())).isSameAs(l);
        }
        assertThat(Loss.fromId("BCE")).isSameAs(Loss.BINARY_CROSS_ENTROPY);
        assertThat(Loss.fromId("cce")).isSameAs(Loss.CATEGORICAL_CROSS_ENTROPY);
        assertThat(Loss.fromId("categorical_cross_entropy")).isSameAs(Loss.CATEGORICAL_CROSS_ENTROPY);
        assertThatThrownBy(() -> Loss.fromId("hinge")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown loss 'hinge'").hasMessageContaining("binary-cross-entropy");
    }

    @Test
    void lossesAcceptOnlyTheirOutputs() {
        assertThatThrownBy(() -> Loss.BINARY_CROSS_ENTROPY.checkOutput(Activation.LINEAR, 1))
                .hasMessage("binary-cross-entropy needs a sigmoid output layer but it is linear"
                        + " (softmax outputs use categorical-cross-entropy)");
        assertThatThrownBy(() -> Loss.CATEGORICAL_CROSS_ENTROPY.checkOutput(Activation.SIGMOID, 3))
                .hasMessageContaining("categorical-cross-entropy needs a softmax output layer but it is sigmoid");
        assertThatThrownBy(() -> Loss.CATEGORICAL_CROSS_ENTROPY.checkOutput(Activation.SOFTMAX, 1))
                .hasMessageContaining("at least 2 outputs");
        assertThatThrownBy(() -> Loss.SSE.checkOutput(Activation.SOFTMAX, 3))
                .hasMessage("a softmax output needs the loss categorical-cross-entropy, not sse");
        Loss.MSE.checkOutput(Activation.LINEAR, 1);
        Loss.SSE.checkOutput(Activation.TANH, 1);
    }

    @Test
    void architectureValidatesTheCombination() {
        assertThatThrownBy(() -> new Architecture(List.of(new LayerSpec(2, 3, Activation.SOFTMAX, true),
                new LayerSpec(3, 2, Activation.SOFTMAX, true)), Loss.CATEGORICAL_CROSS_ENTROPY))
                .hasMessage("softmax is an output activation but layer 1 of 2 uses it");
        assertThatThrownBy(() -> new Architecture(List.of(new LayerSpec(2, 1, Activation.LINEAR, true)),
                Loss.BINARY_CROSS_ENTROPY)).hasMessageContaining("needs a sigmoid output layer");
        Architecture ok = new Architecture(List.of(new LayerSpec(2, 4, Activation.RELU, true),
                new LayerSpec(4, 3, Activation.SOFTMAX, true)), Loss.CATEGORICAL_CROSS_ENTROPY);
        assertThat(ok.toString()).isEqualTo("2 -> 4 relu+b -> 3 softmax+b, loss categorical-cross-entropy");
    }

    private static double[] sigmoid(double[] z) {
        double[] a = new double[z.length];
        Activation.SIGMOID.apply(z, a, 0, z.length);
        return a;
    }
}
