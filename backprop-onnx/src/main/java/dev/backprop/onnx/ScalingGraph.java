package dev.backprop.onnx;

import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;

import java.util.Arrays;
import java.util.List;

/**
 * A fitted {@link Scaling} as graph nodes, computing exactly what {@link Scaling#apply} and {@link Scaling#invert}
 * compute, operation for operation, so the results agree to the bit. Per column j, with offset o, divisor d and
 * pre-factor s:
 * <ul>
 *   <li>apply: x' = (x s − o) / d;</li>
 *   <li>invert: x = (x' d + o) / s.</li>
 * </ul>
 * Usually s = 1, o = min (minmax), mean (standard) or 0, and d = max − min, max, sd or 1 (1 also for a constant
 * column). A column whose
 * min-max range overflows a double is scaled on halved values, x' = (x/2 − min/2) / (max/2 − min/2), as the core
 * does: there s = 1/2, o = min/2, d = max/2 − min/2 (x · 0.5 and x / 2 are the same double). A step whose constants
 * are all neutral (s = 1, o = 0, d = 1) is left out.
 */
final class ScalingGraph {
    private final double[] s;
    private final double[] o;
    private final double[] d;

    private ScalingGraph(double[] s, double[] o, double[] d) {
        this.s = s;
        this.o = o;
        this.d = d;
    }

    /** The constants of {@code scaling}, column by column, as the core's Scaling computes them. */
    static ScalingGraph of(Scaling scaling) {
        int m = scaling.columns();
        double[] min = scaling.min();
        double[] max = scaling.max();
        double[] mean = scaling.mean();
        double[] sd = scaling.standardDeviation();
        double[] s = new double[m];
        double[] o = new double[m];
        double[] d = new double[m];
        for (int j = 0; j < m; j++) {
            boolean halved = scaling.method() == ScalingMethod.MINMAX && Double.isInfinite(max[j] - min[j]);
            if (halved) {
                s[j] = 0.5;
                o[j] = min[j] / 2;
                d[j] = max[j] / 2 - min[j] / 2;
                continue;
            }
            s[j] = 1.0;
            o[j] = switch (scaling.method()) {
                case MINMAX -> min[j];
                case STANDARD -> mean[j];
                case MAX, NONE -> 0.0;
            };
            double divisor = switch (scaling.method()) {
                case MINMAX -> max[j] - min[j];
                case MAX -> max[j];
                case STANDARD -> sd[j];
                case NONE -> 1.0;
            };
            d[j] = divisor == 0.0 ? 1.0 : divisor;
        }
        return new ScalingGraph(s, o, d);
    }

    /** Appends x' = (x s − o) / d to {@code graph}; returns the name of x'. */
    String apply(GraphBuilder graph, String x) {
        String t = step(graph, "Mul", x, s, 1.0, "scale_factor");
        t = step(graph, "Sub", t, o, 0.0, "scale_offset");
        return step(graph, "Div", t, d, 1.0, "scale_divisor");
    }

    /** Appends x = (x' d + o) / s to {@code graph}; returns the name of x. */
    String invert(GraphBuilder graph, String scaled) {
        String t = step(graph, "Mul", scaled, d, 1.0, "unscale_divisor");
        t = step(graph, "Add", t, o, 0.0, "unscale_offset");
        return step(graph, "Div", t, s, 1.0, "unscale_factor");
    }

    /** {@code op}(x, c) with c broadcast over the rows, or x itself when every c_j is {@code neutral}. */
    private static String step(GraphBuilder graph, String op, String x, double[] c, double neutral, String hint) {
        if (Arrays.stream(c).allMatch(v -> v == neutral)) {
            return x;
        }
        return graph.node(op, List.of(x, graph.doubles(hint, c, 1, c.length)));
    }
}
