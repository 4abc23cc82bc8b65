package dev.backprop.cli;

import dev.backprop.linalg.Elementwise;
import dev.backprop.linalg.FloatArrays;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.FloatBackpropagation;
import dev.backprop.nn.PassTrace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The seed's walkthrough of one gradient step with real numbers, every matrix labelled as the seed labels it (layer 1
 * is the input, so W(1) feeds z(2)). {@code explain} prints these steps and {@code studio} shows them, so both show
 * the same numbers for the same weights and data.
 */
final class GradientWalk {
    private GradientWalk() {
    }

    /**
     * One labelled matrix of the walkthrough.
     *
     * @param name    as printed: "z(2)"
     * @param formula in plain text: "X W(1)"
     * @param latex   the same equation in the seed's notation: "z^{(2)} = X W^{(1)}"
     */
    record Entry(String name, String formula, String latex, Matrix value) {
    }

    /** Everything shown for one gradient step: J before and after it, and its matrices in order. */
    record Step(int number, double loss, double lossAfter, List<Entry> entries) {
    }

    /**
     * One gradient-descent step θ ← θ − η ∇J on all rows of x and y, with every matrix it computes.
     *
     * @param number       1-based; the first step also lists X and y
     * @param theta        the parameters, updated in place
     * @param x            inputs, scaled as the network sees them
     * @param y            targets, scaled
     * @param learningRate η
     * @param precision    the format the network computes in: a float32 model's step is shown in float32 arithmetic,
     *                     as training takes it
     */
    static Step step(int number, Architecture architecture, double[] theta, Matrix x, Matrix y,
                     double learningRate, Precision precision) {
        int depth = architecture.depth();
        Pass pass = precision == Precision.FLOAT32 ? new FloatPass(architecture, theta, x, y)
                : new DoublePass(architecture, theta, x, y);
        double[] gradient = new double[theta.length];
        double loss = pass.lossAndGradient(gradient);
        PassTrace trace = pass.trace();
        List<Entry> entries = new ArrayList<>();
        if (number == 1) {
            entries.add(new Entry("X", "inputs, scaled", "X", x));
            entries.add(new Entry("y", "targets, scaled", "y", y));
        }
        for (int l = 0; l < depth; l++) {
            int w = l + 1;
            int a = l + 2;
            String below = l == 0 ? "X" : "a(" + (l + 1) + ")";
            String belowLatex = l == 0 ? "X" : "a^{(" + (l + 1) + ")}";
            boolean bias = architecture.layer(l).bias();
            entries.add(new Entry("W(" + w + ")", "weights from layer " + w + " to layer " + a,
                    "W^{(" + w + ")}", weights(architecture, theta, l)));
            if (bias) {
                entries.add(new Entry("b(" + w + ")", "bias of layer " + a, "b^{(" + w + ")}",
                        bias(architecture, theta, l)));
            }
            entries.add(new Entry("z(" + a + ")", below + " W(" + w + ")" + (bias ? " + b(" + w + ")" : ""),
                    "z^{(" + a + ")} = " + belowLatex + " W^{(" + w + ")}" + (bias ? " + b^{(" + w + ")}" : ""),
                    trace.z().get(l)));
            String f = architecture.layer(l).activation().id();
            boolean last = l == depth - 1;
            entries.add(new Entry(last ? "yhat" : "a(" + a + ")", "f(z(" + a + ")), f = " + f,
                    (last ? "\\hat{y}" : "a^{(" + a + ")}") + " = f(z^{(" + a + ")})", trace.a().get(l)));
        }
        boolean crossEntropy = architecture.loss().crossEntropy();
        String perRow = architecture.loss().meanOverRows() ? " / n" : "";
        for (int l = depth - 1; l >= 0; l--) {
            int d = l + 2;
            String formula;
            String latex;
            if (l == depth - 1) {
                formula = crossEntropy ? "(yhat - y) / n" : "-(y - yhat)" + perRow + " * f'(z(" + d + "))";
                latex = crossEntropy ? "\\delta^{(" + d + ")} = (\\hat{y} - y) / n"
                        : "\\delta^{(" + d + ")} = -(y - \\hat{y})" + perRow + " \\odot f'(z^{(" + d + ")})";
            } else {
                formula = "delta(" + (d + 1) + ") W(" + d + ")^T * f'(z(" + d + "))";
                latex = "\\delta^{(" + d + ")} = \\delta^{(" + (d + 1) + ")} (W^{(" + d + ")})^T \\odot f'(z^{(" + d
                        + ")})";
            }
            entries.add(new Entry("delta(" + d + ")", formula, latex, trace.delta().get(l)));
            String below = l == 0 ? "X" : "a(" + (l + 1) + ")";
            String belowLatex = l == 0 ? "X" : "a^{(" + (l + 1) + ")}";
            entries.add(new Entry("dJ/dW(" + (l + 1) + ")", below + "^T delta(" + d + ")",
                    "\\frac{\\partial J}{\\partial W^{(" + (l + 1) + ")}} = (" + belowLatex + ")^T \\delta^{(" + d + ")}",
                    weights(architecture, gradient, l)));
            if (architecture.layer(l).bias()) {
                entries.add(new Entry("dJ/db(" + (l + 1) + ")", "column sums of delta(" + d + ")",
                        "\\frac{\\partial J}{\\partial b^{(" + (l + 1) + ")}} = \\mathbf{1}^T \\delta^{(" + d + ")}",
                        bias(architecture, gradient, l)));
            }
        }
        pass.descend(learningRate, theta);
        for (int l = 0; l < depth; l++) {
            int w = l + 1;
            entries.add(new Entry("W(" + w + ") after", "W(" + w + ") - eta dJ/dW(" + w + ")",
                    "W^{(" + w + ")} \\leftarrow W^{(" + w + ")} - \\eta \\frac{\\partial J}{\\partial W^{(" + w + ")}}",
                    weights(architecture, theta, l)));
            if (architecture.layer(l).bias()) {
                entries.add(new Entry("b(" + w + ") after", "b(" + w + ") - eta dJ/db(" + w + ")",
                        "b^{(" + w + ")} \\leftarrow b^{(" + w + ")} - \\eta \\frac{\\partial J}{\\partial b^{(" + w
                                + ")}}", bias(architecture, theta, l)));
            }
        }
        return new Step(number, loss, pass.loss(), entries);
    }

    /**
     * One precision's pass over all rows, on its own copy of θ: J and ∇J at θ, the matrices it computed, the step
     * θ ← θ − η ∇J (the change rounded, then subtracted, as {@link Elementwise#descend} and training take it), J after.
     */
    private interface Pass {
        /** J at θ; ∇J widened to doubles into {@code gradient}. */
        double lossAndGradient(double[] gradient);

        PassTrace trace();

        /** The step in this precision; θ after it, widened, into {@code theta}. */
        void descend(double learningRate, double[] theta);

        /** J at θ after {@link #descend}. */
        double loss();
    }

    private static final class DoublePass implements Pass {
        private final Backpropagation backprop;
        private final double[] theta;
        private final double[] x;
        private final double[] y;
        private final double[] gradient;
        private final int rows;

        DoublePass(Architecture architecture, double[] theta, Matrix x, Matrix y) {
            this.rows = x.rows();
            this.backprop = new Backpropagation(architecture, Math.max(1, rows));
            this.theta = theta.clone();
            this.x = x.toArray();
            this.y = y.toArray();
            this.gradient = new double[theta.length];
        }

        @Override
        public double lossAndGradient(double[] out) {
            double j = backprop.lossAndGradient(theta, x, y, rows, gradient);
            System.arraycopy(gradient, 0, out, 0, gradient.length);
            return j;
        }

        @Override
        public PassTrace trace() {
            return backprop.trace();
        }

        @Override
        public void descend(double learningRate, double[] out) {
            Elementwise.descend(theta, gradient, learningRate, 0, theta.length);
            System.arraycopy(theta, 0, out, 0, theta.length);
        }

        @Override
        public double loss() {
            return backprop.loss(theta, x, 0, y, 0, rows);
        }
    }

    private static final class FloatPass implements Pass {
        private final FloatBackpropagation backprop;
        private final float[] theta;
        private final float[] x;
        private final float[] y;
        private final float[] gradient;
        private final int rows;

        FloatPass(Architecture architecture, double[] theta, Matrix x, Matrix y) {
            this.rows = x.rows();
            this.backprop = new FloatBackpropagation(architecture, Math.max(1, rows));
            this.theta = FloatArrays.rounded(theta);
            this.x = FloatArrays.rounded(x.toArray());
            this.y = FloatArrays.rounded(y.toArray());
            this.gradient = new float[theta.length];
        }

        @Override
        public double lossAndGradient(double[] out) {
            double j = backprop.lossAndGradient(theta, x, y, rows, gradient);
            FloatArrays.widen(gradient, out, gradient.length);
            return j;
        }

        @Override
        public PassTrace trace() {
            return backprop.trace();
        }

        @Override
        public void descend(double learningRate, double[] out) {
            Elementwise.descend(theta, gradient, (float) learningRate, 0, theta.length);
            FloatArrays.widen(theta, out, theta.length);
        }

        @Override
        public double loss() {
            return backprop.loss(theta, x, 0, y, 0, rows);
        }
    }

    private static Matrix weights(Architecture architecture, double[] flat, int l) {
        int offset = architecture.weightOffset(l);
        int in = architecture.layer(l).inputs();
        int out = architecture.layer(l).outputs();
        return Matrix.of(in, out, Arrays.copyOfRange(flat, offset, offset + in * out));
    }

    private static Matrix bias(Architecture architecture, double[] flat, int l) {
        int offset = architecture.biasOffset(l);
        double[] b = Arrays.copyOfRange(flat, offset, offset + architecture.layer(l).outputs());
        return Matrix.of(1, b.length, b);
    }
}
