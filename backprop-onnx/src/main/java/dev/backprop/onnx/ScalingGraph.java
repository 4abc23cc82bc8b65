package dev.backprop.onnx;

import dev.backprop.data.Scaling;

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
 * The constants are the core's ({@link Scaling#factor}, {@link Scaling#offset}, {@link Scaling#divisor}). A step whose
 * constants are all neutral (s = 1, o = 0, d = 1) is left out.
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

    /** The constants of {@code scaling}, column by column ({@link Scaling#factor}, offset and divisor). */
    static ScalingGraph of(Scaling scaling) {
        int m = scaling.columns();
        double[] s = new double[m];
        double[] o = new double[m];
        double[] d = new double[m];
        for (int j = 0; j < m; j++) {
            s[j] = scaling.factor(j);
            o[j] = scaling.offset(j);
            d[j] = scaling.divisor(j);
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
