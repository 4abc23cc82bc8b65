package dev.backprop.cli;

import dev.backprop.linalg.Matrix;

import java.util.List;
import java.util.Locale;

/**
 * {@code explain --format markdown}: the walkthrough as a Markdown document, each of the seed's equations in LaTeX
 * with its real matrix beside it ({@code $$z^{(2)} = X W^{(1)} = \begin{bmatrix}...\end{bmatrix}$$}), which GitHub,
 * Jupyter and most Markdown viewers render.
 */
final class Walkthrough {
    /** Larger matrices are cut to their first rows and columns, with dots. */
    static final int SHOWN = 8;

    private Walkthrough() {
    }

    record Equation(String name, String latex, Matrix value) {
    }

    record Step(int number, double loss, double lossAfter, List<Equation> equations) {
    }

    static String markdown(String architecture, int rows, double learningRate, String lossLatex, List<Step> steps,
                           int shown) {
        StringBuilder md = new StringBuilder();
        md.append("# Backpropagation, step by step, with real numbers\n\n");
        md.append(String.format(Locale.ROOT, "Network: `%s`, %d training rows, learning rate $\\eta = %s$.%n%n",
                architecture, rows, Text.number(learningRate)));
        md.append("Layers are numbered as in the seed's walkthrough: layer 1 is the input, so $W^{(1)}$ feeds ")
                .append("$z^{(2)}$, and $f$ is each layer's activation. The loss is\n\n$$").append(lossLatex)
                .append("$$\n\n");
        for (Step step : steps) {
            md.append(String.format(Locale.ROOT, "## Step %d%n%n", step.number()));
            boolean backward = false;
            md.append("### Forward pass\n\n");
            for (Equation eq : step.equations()) {
                if (!backward && eq.name().startsWith("delta")) {
                    md.append(String.format(Locale.ROOT, "$$J = %s$$%n%n### Backward pass%n%n",
                            Text.number(step.loss())));
                    backward = true;
                }
                if (eq.name().endsWith(" after") && backward) {
                    md.append("### Gradient step\n\n");
                    backward = false;
                }
                md.append("$$").append(eq.latex()).append(" = ").append(bmatrix(eq.value(), shown)).append("$$\n\n");
            }
            md.append(String.format(Locale.ROOT, "After the step $J = %s$ (it was $%s$).%n%n",
                    Text.number(step.lossAfter()), Text.number(step.loss())));
        }
        return md.toString();
    }

    /** A LaTeX bmatrix of m, cut to its first {@code shown} rows and columns. */
    static String bmatrix(Matrix m, int shown) {
        StringBuilder sb = new StringBuilder("\\begin{bmatrix}");
        int rows = Math.min(m.rows(), shown);
        int cols = Math.min(m.cols(), shown);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sb.append(j == 0 ? "" : " & ").append(String.format(Locale.ROOT, "%.4f", m.get(i, j)));
            }
            if (cols < m.cols()) {
                sb.append(" & \\cdots");
            }
            sb.append(i == rows - 1 && rows == m.rows() ? "" : " \\\\ ");
        }
        if (rows < m.rows()) {
            sb.append("\\vdots");
        }
        return sb.append("\\end{bmatrix}").toString();
    }
}
