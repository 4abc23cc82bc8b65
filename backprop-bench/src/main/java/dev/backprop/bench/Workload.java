package dev.backprop.bench;

import dev.backprop.nn.Activation;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.LayerSpec;
import dev.backprop.nn.Loss;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the shared benchmark workloads W1, W2, W3 ({@code shared/bench/peers/WORKLOADS.md}), generated bit-identically
 * to the peers' {@code common/workloads.py}: every number comes from SplitMix64 streams, matrices filled row-major.
 *
 * <p>The k-th value (k = 1, 2, ...) of stream s is mix(s + k·0x9E3779B97F4A7C15) and u = (z &gt;&gt;&gt; 11)·2⁻⁵³.
 * Data (W2 base 2000, W3 base 3000): X = u(base+1) n x m; A = (2u-1)·2·√(3/m) from u(base+2) m x 16;
 * b = (2u-1)·2·√(3/16) from u(base+3); y = sigmoid(tanh(X A) b). Initial weights of layer l (fan_in x fan_out):
 * (2u-1)·√(6/(fan_in+fan_out)) from stream base+10+l (W1 base 1000); biases 0.
 *
 * @param name         W1, W2 or W3
 * @param rows         n
 * @param features     m
 * @param x            n x m, row-major
 * @param y            n targets
 * @param sizes        layer widths from the input to the output
 * @param bias         whether every layer has a bias
 * @param learningRate η as the peers apply it: on the summed loss (W1) or on the batch mean (W2, W3)
 * @param epochs       epochs (W1: full-batch iterations)
 * @param batch        rows per mini-batch (W1: all 3)
 * @param meanLoss     true when each batch's loss is (1/B) Σ ½ (y - ŷ)², false for Σ ½ (y - ŷ)² (W1)
 */
public record Workload(String name, int rows, int features, double[] x, double[] y, int[] sizes, boolean bias,
                       double learningRate, int epochs, int batch, boolean meanLoss) {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    /**
     * The workload called {@code name} with its defined number of rows.
     *
     * @throws IllegalArgumentException for a name other than W1, W2, W3
     */
    public static Workload of(String name) {
        return switch (name) {
            case "W1" -> w1();
            case "W2" -> of(name, 200_000);
            case "W3" -> of(name, 50_000);
            default -> throw new IllegalArgumentException("unknown workload '" + name + "' (allowed: W1, W2, W3)");
        };
    }

    /**
     * W2 or W3 with {@code rows} rows instead of the defined number (for the scaling table); the first rows are the
     * same as the full workload's.
     */
    public static Workload of(String name, int rows) {
        return switch (name) {
            case "W2" -> tabular(name, 2000, rows, 32, new int[]{32, 64, 1}, 0.1, 5, 256);
            case "W3" -> tabular(name, 3000, rows, 256, new int[]{256, 512, 512, 1}, 0.05, 2, 1024);
            default -> throw new IllegalArgumentException("workload '" + name + "' has no row count to choose");
        };
    }

    /** {@code count} uniforms in [0, 1) from SplitMix64 stream {@code seed}. */
    static double[] uniform(long seed, int count) {
        double[] u = new double[count];
        for (int k = 0; k < count; k++) {
            long z = seed + (k + 1L) * GAMMA;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            u[k] = (z >>> 11) * 0x1.0p-53;
        }
        return u;
    }

    private static Workload w1() {
        double[] x = {3, 5, 5, 1, 10, 2};
        double[] max = {10, 5};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                x[i * 2 + j] /= max[j];
            }
        }
        double[] y = {0.75, 0.82, 0.93};
        return new Workload("W1", 3, 2, x, y, new int[]{2, 3, 1}, false, 1.0, 10_000, 3, false);
    }

    private static Workload tabular(String name, int base, int n, int m, int[] sizes, double learningRate,
                                    int epochs, int batch) {
        double[] x = uniform(base + 1, Math.multiplyExact(n, m));
        double[] a = uniform(base + 2, m * 16);
        double sa = 2.0 * Math.sqrt(3.0 / m);
        for (int i = 0; i < a.length; i++) {
            a[i] = (2.0 * a[i] - 1.0) * sa;
        }
        double[] b = uniform(base + 3, 16);
        double sb = 2.0 * Math.sqrt(3.0 / 16);
        for (int i = 0; i < b.length; i++) {
            b[i] = (2.0 * b[i] - 1.0) * sb;
        }
        double[] y = new double[n];
        double[] h = new double[16];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(h, 0.0);
            for (int p = 0; p < m; p++) {
                double xip = x[i * m + p];
                for (int j = 0; j < 16; j++) {
                    h[j] += xip * a[p * 16 + j];
                }
            }
            double s = 0;
            for (int j = 0; j < 16; j++) {
                s += Math.tanh(h[j]) * b[j];
            }
            y[i] = 1.0 / (1.0 + Math.exp(-s));
        }
        return new Workload(name, n, m, x, y, sizes, true, learningRate, epochs, batch, true);
    }

    /** Sigmoid layers of the given widths, with or without bias, and the summed loss Σ ½ (y - ŷ)². */
    public Architecture architecture() {
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            layers.add(new LayerSpec(sizes[l], sizes[l + 1], Activation.SIGMOID, bias));
        }
        return new Architecture(layers, Loss.SSE);
    }

    /** The fixed initial parameters, laid out as {@link Architecture} says (weights from the streams, biases 0). */
    public double[] initialParameters() {
        Architecture architecture = architecture();
        double[] parameters = new double[architecture.parameterCount()];
        int base = switch (name) {
            case "W1" -> 1000;
            case "W2" -> 2000;
            default -> 3000;
        };
        for (int l = 0; l + 1 < sizes.length; l++) {
            int fanIn = sizes[l];
            int fanOut = sizes[l + 1];
            double[] u = uniform(base + 10 + l, fanIn * fanOut);
            double r = Math.sqrt(6.0 / (fanIn + fanOut));
            int offset = architecture.weightOffset(l);
            for (int i = 0; i < u.length; i++) {
                parameters[offset + i] = (2.0 * u[i] - 1.0) * r;
            }
        }
        return parameters;
    }

    /** Multiply-adds times 6 per epoch (W1: per iteration): 6 n Σ fan_in·fan_out, as WORKLOADS.md defines. */
    public double flopsPerEpoch() {
        double weights = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            weights += (double) sizes[l] * sizes[l + 1];
        }
        return 6.0 * rows * weights;
    }

    /** Rows of the untimed warm-up run: min(n, 20 batches, 8192). */
    public int warmupRows() {
        return Math.min(rows, Math.min(20 * batch, 8192));
    }
}
