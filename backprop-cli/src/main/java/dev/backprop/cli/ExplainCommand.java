package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.CommonOptions;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code backprop explain}: the seed's walkthrough with real numbers. Every matrix of each gradient-descent step, in
 * the seed's notation, where layer 1 is the input: W(1) feeds z(2) = X W(1), a(2) = f(z(2)), and so on up to ŷ.
 */
@Command(name = "explain", header = "Walk through backpropagation with real numbers, as the seed does.",
        description = {"Walk through backpropagation with real numbers, in the seed's notation:",
                "X, W(1), z(2), a(2), W(2), z(3), yhat, J, delta(3), dJ/dW(2), delta(2), dJ/dW(1) and the weights",
                "after the gradient step (the same for every layer of a deeper network), for --steps steps.",
                "--format markdown writes it as a document: the seed's equations with the real matrices.",
                "Without --model, uses the seed's network with fresh weights (--seed); without DATA, the bundled example."},
        footer = {"", "Examples:", "  backprop explain", "  backprop explain --steps 3 --format markdown > walkthrough.md",
                "  backprop explain --model model.json data.csv --learning-rate 0.5"})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, paramLabel = "MODEL.json",
            description = "The network to explain. Default: the seed's 2-3-1 network with fresh weights.")
    Path model;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
            description = "Labelled rows (CSV/TSV with a header, or ARFF). Default: the bundled example.")
    Path data;

    @Mixin
    DataOptions dataOptions;

    @Option(names = {"--learning-rate", "--eta"}, paramLabel = "ETA", defaultValue = "1.0",
            description = "eta of the gradient steps shown (> 0). Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1",
            description = "How many gradient steps to follow, 1 to 100. Default: ${DEFAULT-VALUE}.")
    int stepCount;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the fresh weights when no --model is given. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    CommonOptions common;

    /** explain alone can also write markdown. */

    /**
     * One labelled matrix of the walkthrough.
     *
     * @param name    as printed: "z(2)"
     * @param formula in plain text: "X W(1)"
     * @param latex   the same equation in the seed's notation: "z^{(2)} = X W^{(1)}"
     */
    private record Entry(String name, String formula, String latex, Matrix value) {
    }

    /** Everything shown for one gradient step. */
    private record Step(int number, double loss, double lossAfter, List<Entry> entries) {
    }

    @Override
    public Integer call() throws IOException {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new UserException("--learning-rate must be > 0 and finite but was " + learningRate);
        }
        if (stepCount < 1 || stepCount > 100) {
            throw new UserException("--steps must be 1 to 100 but was " + stepCount);
        }
        Frame frame = model != null ? Inputs.modelFrame(data, dataOptions) : Inputs.frame(data, dataOptions);
        Model explained = model != null ? Inputs.model(model) : freshSeedModel(frame);
        Matrix[] scaled = ModelData.scaled(explained,
                ModelData.labelled(explained, frame, "explain", spec.commandLine().getErr()));
        Architecture architecture = explained.network().architecture();
        double[] theta = explained.network().parameters();
        List<Step> steps = new ArrayList<>();
        for (int s = 1; s <= stepCount; s++) {
            steps.add(step(s, architecture, theta, scaled[0], scaled[1]));
        }
        String lossFormula = architecture.loss().id().equals("sse") ? "J = sum 1/2 (y - yhat)^2"
                : architecture.loss().id().equals("mse") ? "J = sum 1/2 (y - yhat)^2 / n"
                : "J = " + architecture.loss().id();
        String text = switch (common.format()) {
            case JSON -> json(architecture, scaled[0].rows(), lossFormula, steps);
            case MARKDOWN -> Walkthrough.markdown(architecture.toString(), scaled[0].rows(), learningRate,
                    latexLoss(architecture), markdownSteps(steps));
            case TEXT -> text(architecture, scaled[0].rows(), lossFormula, steps);
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Model freshSeedModel(Frame frame) {
        Preprocessor preprocessor = Preprocessor.fit(frame,
                PreprocessConfig.of(frame.names().get(frame.names().size() - 1)));
        Dataset dataset = preprocessor.apply(frame).dataset();
        return Trainer.of(TrainerConfig.builder().seed(seed).build()).initialModel(dataset)
                .withPreprocessor(preprocessor);
    }

    /** One gradient step on theta (updated in place), with every matrix it computes. */
    private Step step(int number, Architecture architecture, double[] theta, Matrix x, Matrix y) {
        int depth = architecture.depth();
        int n = x.rows();
        double[] gradient = new double[theta.length];
        Backpropagation backprop = new Backpropagation(architecture, Math.max(1, n));
        double loss = backprop.lossAndGradient(theta, x.toArray(), y.toArray(), n, gradient);
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
                    backprop.z(l)));
            String f = architecture.layer(l).activation().id();
            boolean last = l == depth - 1;
            entries.add(new Entry(last ? "yhat" : "a(" + a + ")", "f(z(" + a + ")), f = " + f,
                    (last ? "\\hat{y}" : "a^{(" + a + ")}") + " = f(z^{(" + a + ")})", backprop.a(l)));
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
            entries.add(new Entry("delta(" + d + ")", formula, latex, backprop.delta(l)));
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
        for (int i = 0; i < theta.length; i++) {
            theta[i] -= learningRate * gradient[i];
        }
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
        double lossAfter = backprop.loss(theta, x.toArray(), 0, y.toArray(), 0, n);
        return new Step(number, loss, lossAfter, entries);
    }

    private String json(Architecture architecture, int rows, String lossFormula, List<Step> steps) {
        ObjectNode json = Json.object();
        json.put("architecture", architecture.toString());
        json.put("rows", rows);
        json.put("learningRate", learningRate);
        json.put("lossFormula", lossFormula);
        ArrayNode stepsNode = json.putArray("steps");
        for (Step step : steps) {
            ObjectNode node = stepsNode.addObject();
            node.put("step", step.number());
            node.put("loss", step.loss());
            node.put("lossAfterStep", step.lossAfter());
            ArrayNode matrices = node.putArray("matrices");
            for (Entry entry : step.entries()) {
                ObjectNode m = matrices.addObject();
                m.put("name", entry.name());
                m.put("formula", entry.formula());
                m.set("value", Json.matrix(entry.value()));
            }
        }
        return Json.write(json) + System.lineSeparator();
    }

    private String text(Architecture architecture, int rows, String lossFormula, List<Step> steps) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Backpropagation on %s, %d rows, eta = %s, %d step%s.%n", architecture, rows,
                Text.number(learningRate), steps.size(), steps.size() == 1 ? "" : "s"));
        sb.append("Layers are numbered as in the seed: layer 1 is the input, so W(1) feeds z(2).\n");
        for (Step step : steps) {
            if (steps.size() > 1) {
                sb.append(String.format("%n=== step %d ===%n", step.number()));
            }
            boolean lossShown = false;
            for (Entry entry : step.entries()) {
                if (!lossShown && entry.name().startsWith("delta")) {
                    sb.append(String.format("%n%s = %s%n", lossFormula, Text.number(step.loss())));
                    lossShown = true;
                }
                sb.append(String.format("%n%s = %s   (%s)%n%s", entry.name(), entry.formula(), entry.value().shape(),
                        Text.matrix(entry.value())));
            }
            sb.append(String.format("%nJ after the step = %s (was %s)%n", Text.number(step.lossAfter()),
                    Text.number(step.loss())));
        }
        return sb.toString();
    }

    private static String latexLoss(Architecture architecture) {
        return switch (architecture.loss()) {
            case SSE -> "J = \\sum_{i=1}^n \\frac{1}{2}(y_i - \\hat{y}_i)^2";
            case MSE -> "J = \\frac{1}{n} \\sum_{i=1}^n \\frac{1}{2}(y_i - \\hat{y}_i)^2";
            case BINARY_CROSS_ENTROPY ->
                    "J = -\\frac{1}{n} \\sum_i [y_i \\log \\hat{y}_i + (1 - y_i) \\log(1 - \\hat{y}_i)]";
            case CATEGORICAL_CROSS_ENTROPY -> "J = -\\frac{1}{n} \\sum_i \\sum_k y_{ik} \\log \\hat{y}_{ik}";
        };
    }

    private static List<Walkthrough.Step> markdownSteps(List<Step> steps) {
        List<Walkthrough.Step> out = new ArrayList<>();
        for (Step step : steps) {
            List<Walkthrough.Equation> equations = new ArrayList<>();
            for (Entry entry : step.entries()) {
                equations.add(new Walkthrough.Equation(entry.name(), entry.latex(), entry.value()));
            }
            out.add(new Walkthrough.Step(step.number(), step.loss(), step.lossAfter(), equations));
        }
        return out;
    }

    private static Matrix weights(Architecture architecture, double[] flat, int l) {
        int offset = architecture.weightOffset(l);
        int in = architecture.layer(l).inputs();
        int out = architecture.layer(l).outputs();
        return Matrix.of(in, out, java.util.Arrays.copyOfRange(flat, offset, offset + in * out));
    }

    private static Matrix bias(Architecture architecture, double[] flat, int l) {
        int offset = architecture.biasOffset(l);
        double[] b = java.util.Arrays.copyOfRange(flat, offset, offset + architecture.layer(l).outputs());
        return Matrix.of(1, b.length, b);
    }
}
