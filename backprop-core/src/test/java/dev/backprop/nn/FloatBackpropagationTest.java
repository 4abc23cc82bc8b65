package dev.backprop.nn;

import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
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

/**
 * The float32 pass against float64 arithmetic: its gradient against central differences of the float64 objective at
 * the same point (every float is a double, so both see the same θ, inputs, targets and row weights), and its forward
 * pass against the float64 forward pass, within bounds that follow from float's unit roundoff u = 2⁻²⁴.
 *
 * <p>The bound: each value of a pass is a sum of at most k = max(rows, widest layer) products, computed through d
 * layers forward and d back; rounding each operation to float perturbs a result by at most about (k + c) u times the
 * magnitude of its terms (Higham, Accuracy and Stability of Numerical Algorithms, §3.1), so the error of every
 * gradient component is bounded by a small multiple of 2 d (k + c) u times the gradient's scale. A wrong formula
 * (a missing factor, a wrong derivative, a mask not applied) errs by the order of the gradient itself, about 10⁵
 * times more.
 */
class FloatBackpropagationTest {
    private static final double U = 0x1p-24;
    private static final int ROWS = 6;
    private static final int INPUTS = 3;
    private static final double[] WEIGHTS = {0.5, 1, 2, 1.5, 0.25, 3};
    private static final long MASK_SEED = 17;

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        Object[][] outputs = {
                {Activation.SIGMOID, Loss.SSE, 2}, {Activation.LINEAR, Loss.MSE, 2},
                {Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 2}, {Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY, 3}};
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.LEAKY_RELU, Activation.LINEAR}) {
            for (Object[] output : outputs) {
                for (Regularization regularization : new Regularization[] {Regularization.NONE,
                        new Regularization(0.1, 0.3)}) {
                    for (boolean weighted : new boolean[] {false, true}) {
                        all.add(Arguments.of(hidden, output[0], output[1], output[2], regularization, weighted));
                    }
                }
            }
        }
        return all.stream();
    }

    private static Architecture network(Activation hidden, Activation output, Loss loss, int outputs) {
        return new Architecture(List.of(new LayerSpec(INPUTS, 5, hidden, true), new LayerSpec(5, 4, hidden, true),
                new LayerSpec(4, outputs, output, true)), loss);
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}, {4}, weighted {5}")
    @MethodSource("combinations")
    void gradientMatchesFloat64FiniteDifferences(Activation hidden, Activation output, Loss loss, int outputs,
                                                 Regularization regularization, boolean weighted) {
        Architecture architecture = network(hidden, output, loss, outputs);
        SplittableRandom random = new SplittableRandom(5);
        float[] theta = floats(random, architecture.parameterCount(), 1.0);
        float[] x = floats(random, ROWS * INPUTS, 2.0);
        float[] y = targets(loss, outputs, random);
        float[] w = weighted ? toFloats(WEIGHTS) : null;

        float[] gradient = new float[theta.length];
        double objective32 = new FloatBackpropagation(architecture, ROWS, regularization,
                new SplittableRandom(MASK_SEED)).lossAndGradient(theta, x, 0, y, 0, w, 0, ROWS, gradient);

        double[] theta64 = toDoubles(theta);
        double[] x64 = toDoubles(x);
        double[] y64 = toDoubles(y);
        double[] w64 = w == null ? null : toDoubles(w);
        double[] analytic64 = new double[theta.length];
        double objective64 = objective(architecture, regularization, theta64, x64, y64, w64, analytic64);
        double scale = 1.0;
        for (double g : analytic64) {
            scale = Math.max(scale, Math.abs(g));
        }
        double bound = 2 * architecture.depth() * (ROWS + 5 + 4) * U * scale;
        double h = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta64.clone();
            double[] minus = theta64.clone();
            plus[i] += h;
            minus[i] -= h;
            double difference = (objective(architecture, regularization, plus, x64, y64, w64, null)
                    - objective(architecture, regularization, minus, x64, y64, w64, null)) / (2 * h);
            assertThat(Math.abs(gradient[i] - difference)).as("∂J/∂θ_%d: float32 %s, float64 differences %s", i,
                    gradient[i], difference).isLessThanOrEqualTo(bound);
        }
        assertThat(Math.abs(objective32 - objective64)).isLessThanOrEqualTo(
                2 * architecture.depth() * (ROWS + 5 + 4) * U * Math.max(1.0, Math.abs(objective64)));
        assertThat(toDoubles(gradient)).as("computed in float, not double").isNotEqualTo(analytic64);
    }

    /** The float64 objective with the masks the float32 pass drew (the same seed draws the same masks). */
    private static double objective(Architecture architecture, Regularization regularization, double[] theta,
                                    double[] x, double[] y, double[] w, double[] gradientOut) {
        double[] gradient = gradientOut != null ? gradientOut : new double[theta.length];
        return new Backpropagation(architecture, ROWS, regularization, new SplittableRandom(MASK_SEED))
                .lossAndGradient(theta, x, 0, y, 0, w, 0, ROWS, gradient);
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("combinations")
    void forwardIsWithinFloatRoundingOfFloat64(Activation hidden, Activation output, Loss loss, int outputs,
                                               Regularization regularization, boolean weighted) {
        Architecture architecture = network(hidden, output, loss, outputs);
        SplittableRandom random = new SplittableRandom(9);
        float[] theta = floats(random, architecture.parameterCount(), 1.0);
        float[] x = floats(random, ROWS * INPUTS, 2.0);
        float[] yhat32 = new FloatBackpropagation(architecture, ROWS).forward(theta, x, 0, ROWS);
        double[] yhat64 = new Backpropagation(architecture, ROWS).forward(toDoubles(theta), toDoubles(x), 0, ROWS);
        double largest = 1.0;
        for (int i = 0; i < ROWS * outputs; i++) {
            largest = Math.max(largest, Math.abs(yhat64[i]));
        }
        for (int i = 0; i < ROWS * outputs; i++) {
            assertThat(Math.abs(yhat32[i] - yhat64[i])).as("ŷ_%d", i)
                    .isLessThanOrEqualTo(architecture.depth() * (INPUTS + 5 + 4) * U * largest);
        }
    }

    @Test
    void aFloat32NetworkPredictsAndScoresInFloat32() {
        Architecture architecture = network(Activation.TANH, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 2);
        SplittableRandom random = new SplittableRandom(3);
        double[] parameters = new double[architecture.parameterCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = random.nextDouble(-1, 1);
        }
        Network network = Network.of(architecture, parameters, Precision.FLOAT32);
        for (double p : network.parameters()) {
            assertThat((double) (float) p).isEqualTo(p);
        }
        double[][] rows = new double[ROWS][INPUTS];
        double[][] targets = new double[ROWS][2];
        float[] x = new float[ROWS * INPUTS];
        float[] y = new float[ROWS * 2];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < INPUTS; j++) {
                rows[i][j] = random.nextDouble(-2, 2);
                x[i * INPUTS + j] = (float) rows[i][j];
            }
            for (int o = 0; o < 2; o++) {
                targets[i][o] = random.nextInt(2);
                y[i * 2 + o] = (float) targets[i][o];
            }
        }
        float[] theta = toFloats(network.parameters());
        FloatBackpropagation pass = new FloatBackpropagation(architecture, ROWS);
        float[] expected = pass.forward(theta, x, 0, ROWS).clone();
        double[] predicted = network.predict(Matrix.of(rows)).toArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat(predicted[i]).as("ŷ_%d, bit for bit", i).isEqualTo((double) expected[i]);
        }
        assertThat(network.loss(Matrix.of(rows), Matrix.of(targets)))
                .isEqualTo(pass.loss(theta, x, 0, y, 0, ROWS));
    }

    @Test
    void aFloat32NetworkPredictsManyRowsChunkByChunk() {
        Architecture architecture = network(Activation.RELU, Activation.LINEAR, Loss.MSE, 2);
        SplittableRandom random = new SplittableRandom(13);
        double[] parameters = new double[architecture.parameterCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = random.nextDouble(-1, 1);
        }
        Network network = Network.of(architecture, parameters, Precision.FLOAT32);
        double[][] rows = new double[2500][INPUTS];
        for (double[] row : rows) {
            for (int j = 0; j < INPUTS; j++) {
                row[j] = random.nextDouble(-3, 3);
            }
        }
        double[] all = network.predict(Matrix.of(rows)).toArray();
        // The chunks of 1,024 rows, predicted on their own, give the same bits: the reused chunk buffer is refilled.
        for (int start = 0; start < rows.length; start += 1024) {
            double[][] chunk = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + 1024));
            double[] alone = network.predict(Matrix.of(chunk)).toArray();
            assertThat(Arrays.copyOfRange(all, start * 2, start * 2 + alone.length)).as("rows from %d", start)
                    .containsExactly(alone);
        }
    }

    private static float[] targets(Loss loss, int outputs, SplittableRandom random) {
        float[] y = new float[ROWS * outputs];
        for (int i = 0; i < ROWS; i++) {
            if (loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
                y[i * outputs + random.nextInt(outputs)] = 1;
            } else {
                for (int o = 0; o < outputs; o++) {
                    y[i * outputs + o] = (float) random.nextDouble();
                }
            }
        }
        return y;
    }

    private static float[] floats(SplittableRandom random, int n, double range) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(-range, range);
        }
        return values;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
