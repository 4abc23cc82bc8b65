package dev.backprop.nn;

import dev.backprop.linalg.Gemm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layers wide enough that the element-wise passes (bias, activation, derivative) and the one-output products are
 * shared among threads: the loss and gradient keep their bits whatever the thread count, and still agree with
 * central differences.
 */
class BackpropagationThreadsTest {
    private static final int ROWS = 300;

    @AfterAll
    static void restoreThreads() {
        Gemm.setThreads(Runtime.getRuntime().availableProcessors());
    }

    private static Architecture wide(Activation output, Loss loss, int outputs) {
        return new Architecture(List.of(
                new LayerSpec(40, 160, Activation.SIGMOID, true),
                new LayerSpec(160, 120, Activation.TANH, true),
                new LayerSpec(120, outputs, output, true)), loss);
    }

    @Test
    void lossAndGradientAreBitIdenticalForOneTwoAndThreeThreads() {
        for (Architecture architecture : new Architecture[] {
                wide(Activation.SIGMOID, Loss.SSE, 1), wide(Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY, 3)}) {
            SplittableRandom random = new SplittableRandom(3);
            double[] theta = Initializer.initialParameters(architecture, random);
            double[] x = uniform(ROWS * 40, random);
            double[] y = targets(architecture.outputs(), random);
            double referenceLoss = Double.NaN;
            double[] referenceGradient = null;
            for (int threads : new int[] {1, 2, 3}) {
                Gemm.setThreads(threads);
                Backpropagation backprop = new Backpropagation(architecture, ROWS);
                double[] gradient = new double[theta.length];
                double loss = backprop.lossAndGradient(theta, x, y, ROWS, gradient);
                if (referenceGradient == null) {
                    referenceLoss = loss;
                    referenceGradient = gradient;
                } else {
                    assertThat(loss).as("threads " + threads).isEqualTo(referenceLoss);
                    assertThat(Arrays.equals(gradient, referenceGradient)).as("threads " + threads).isTrue();
                }
            }
        }
    }

    @Test
    void sharedPassesStillGiveTheTrueGradient() {
        Gemm.setThreads(2);
        Architecture architecture = wide(Activation.SIGMOID, Loss.SSE, 1);
        SplittableRandom random = new SplittableRandom(4);
        double[] theta = Initializer.initialParameters(architecture, random);
        double[] x = uniform(ROWS * 40, random);
        double[] y = targets(1, random);
        Backpropagation backprop = new Backpropagation(architecture, ROWS);
        double[] gradient = new double[theta.length];
        backprop.lossAndGradient(theta, x, y, ROWS, gradient);
        // weights and biases of every layer: first and last weight, first bias
        for (int l = 0; l < architecture.depth(); l++) {
            int weights = architecture.weightOffset(l);
            int count = architecture.layer(l).inputs() * architecture.layer(l).outputs();
            for (int i : new int[] {weights, weights + count - 1, architecture.biasOffset(l)}) {
                double h = 1e-5;
                double saved = theta[i];
                theta[i] = saved + h;
                double plus = backprop.loss(theta, x, 0, y, 0, ROWS);
                theta[i] = saved - h;
                double minus = backprop.loss(theta, x, 0, y, 0, ROWS);
                theta[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                assertThat(Math.abs(numeric - gradient[i]))
                        .as("parameter " + i + ": numeric " + numeric + ", backprop " + gradient[i])
                        .isLessThan(1e-6 * Math.max(1.0, Math.abs(numeric)));
            }
        }
    }

    private static double[] uniform(int length, SplittableRandom random) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextDouble();
        }
        return values;
    }

    /** One-hot rows for several outputs, values in [0, 1] for one. */
    private static double[] targets(int outputs, SplittableRandom random) {
        double[] y = new double[ROWS * outputs];
        for (int i = 0; i < ROWS; i++) {
            if (outputs == 1) {
                y[i] = random.nextDouble();
            } else {
                y[i * outputs + random.nextInt(outputs)] = 1.0;
            }
        }
        return y;
    }
}
