package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Model;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code backprop explain}: the seed's walkthrough with real numbers. Every matrix of one gradient-descent step, in
 * the seed's notation, where layer 1 is the input: W(1) feeds z(2) = X W(1), a(2) = f(z(2)), and so on up to ŷ.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Walk through one step of backpropagation with real numbers, in the seed's notation:",
                "X, W(1), z(2), a(2), W(2), z(3), yhat, J, delta(3), dJ/dW(2), delta(2), dJ/dW(1) and the weights",
                "after one gradient step (the same for every layer of a deeper network).",
                "Without --model, uses the seed's network with fresh weights (--seed); without DATA, the bundled example."},
        footer = {"", "Examples:", "  backprop explain", "  backprop explain --model model.json data.csv --learning-rate 0.5"})
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
            description = "eta of the gradient step shown (> 0). Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the fresh weights when no --model is given. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    private final List<Step> steps = new ArrayList<>();

    /** One labelled matrix of the walkthrough. */
    private record Step(String name, String formula, Matrix value) {
    }

    @Override
    public Integer call() throws IOException {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new UserException("--learning-rate must be > 0 and finite but was " + learningRate);
        }
        Frame frame = Inputs.frame(data, dataOptions);
        Model explained = model != null ? Inputs.model(model) : freshSeedModel(frame);
        Matrix[] scaled = ModelData.scaled(explained,
                ModelData.labelled(explained, frame, "explain", spec.commandLine().getErr()));
        walk(explained, scaled[0], scaled[1]);
        return 0;
    }

    private Model freshSeedModel(Frame frame) {
        Preprocessor preprocessor = Preprocessor.fit(frame,
                PreprocessConfig.of(frame.names().get(frame.names().size() - 1)));
        Dataset dataset = preprocessor.apply(frame).dataset();
        return Trainer.of(TrainerConfig.builder().seed(seed).build()).initialModel(dataset)
                .withPreprocessor(preprocessor);
    }

    private void walk(Model explained, Matrix x, Matrix y) {
        Architecture architecture = explained.network().architecture();
        int depth = architecture.depth();
        int n = x.rows();
        double[] theta = explained.network().parameters();
        double[] gradient = new double[theta.length];
        Backpropagation backprop = new Backpropagation(architecture, Math.max(1, n));
        double loss = backprop.lossAndGradient(theta, x.toArray(), y.toArray(), n, gradient);

        add("X", "inputs, scaled (" + explained.inputScaling().method().id() + ")", x);
        add("y", "targets, scaled (" + explained.outputScaling().method().id() + ")", y);
        for (int l = 0; l < depth; l++) {
            String below = l == 0 ? "X" : "a(" + (l + 1) + ")";
            String z = "z(" + (l + 2) + ")";
            boolean bias = architecture.layer(l).bias();
            add("W(" + (l + 1) + ")", "weights from layer " + (l + 1) + " to layer " + (l + 2),
                    explained.network().layer(l).weights());
            if (bias) {
                add("b(" + (l + 1) + ")", "bias of layer " + (l + 2), row(explained.network().layer(l).bias()));
            }
            add(z, below + " W(" + (l + 1) + ")" + (bias ? " + b(" + (l + 1) + ")" : ""), backprop.z(l));
            String f = architecture.layer(l).activation().id();
            add(l == depth - 1 ? "yhat" : "a(" + (l + 2) + ")", "f(" + z + "), f = " + f, backprop.a(l));
        }
        boolean mean = architecture.loss() == Loss.MSE;
        String perRow = mean ? " / n" : "";
        for (int l = depth - 1; l >= 0; l--) {
            String delta = "delta(" + (l + 2) + ")";
            String formula = l == depth - 1
                    ? "-(y - yhat)" + perRow + " * f'(z(" + (l + 2) + "))"
                    : "delta(" + (l + 3) + ") W(" + (l + 2) + ")^T * f'(z(" + (l + 2) + "))";
            add(delta, formula, backprop.delta(l));
            String below = l == 0 ? "X" : "a(" + (l + 1) + ")";
            add("dJ/dW(" + (l + 1) + ")", below + "^T " + delta, weights(architecture, gradient, l));
            if (architecture.layer(l).bias()) {
                add("dJ/db(" + (l + 1) + ")", "column sums of " + delta, bias(architecture, gradient, l));
            }
        }
        double[] after = theta.clone();
        for (int i = 0; i < after.length; i++) {
            after[i] -= learningRate * gradient[i];
        }
        for (int l = 0; l < depth; l++) {
            add("W(" + (l + 1) + ") after", "W(" + (l + 1) + ") - eta dJ/dW(" + (l + 1) + ")",
                    weights(architecture, after, l));
            if (architecture.layer(l).bias()) {
                add("b(" + (l + 1) + ") after", "b(" + (l + 1) + ") - eta dJ/db(" + (l + 1) + ")",
                        bias(architecture, after, l));
            }
        }
        double lossAfter = backprop.loss(after, x.toArray(), 0, y.toArray(), 0, n);
        print(explained, loss, lossAfter, mean ? "J = sum 1/2 (y - yhat)^2 / n" : "J = sum 1/2 (y - yhat)^2", n);
    }

    private void print(Model explained, double loss, double lossAfter, String lossFormula, int n) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("architecture", explained.network().architecture().toString());
            json.put("rows", n);
            json.put("learningRate", learningRate);
            json.put("loss", loss);
            json.put("lossFormula", lossFormula);
            json.put("lossAfterStep", lossAfter);
            ArrayNode matrices = json.putArray("matrices");
            for (Step step : steps) {
                ObjectNode node = matrices.addObject();
                node.put("name", step.name());
                node.put("formula", step.formula());
                node.set("value", Json.matrix(step.value()));
            }
            stdout.println(Json.write(json));
            return;
        }
        stdout.printf("One step of backpropagation on %s, %d rows, eta = %s.%n",
                explained.network().architecture(), n, Text.number(learningRate));
        stdout.println("Layers are numbered as in the seed: layer 1 is the input, so W(1) feeds z(2).");
        boolean lossShown = false;
        for (Step step : steps) {
            if (!lossShown && step.name().startsWith("delta")) {
                stdout.printf("%n%s = %s%n", lossFormula, Text.number(loss));
                lossShown = true;
            }
            stdout.printf("%n%s = %s   (%s)%n%s", step.name(), step.formula(), step.value().shape(),
                    Text.matrix(step.value()));
        }
        stdout.printf("%nJ after the step = %s (was %s)%n", Text.number(lossAfter), Text.number(loss));
    }

    private void add(String name, String formula, Matrix value) {
        steps.add(new Step(name, formula, value));
    }

    private static Matrix row(double[] v) {
        return Matrix.of(1, v.length, v);
    }

    private static Matrix weights(Architecture architecture, double[] flat, int l) {
        int offset = architecture.weightOffset(l);
        int in = architecture.layer(l).inputs();
        int out = architecture.layer(l).outputs();
        return Matrix.of(in, out, Arrays.copyOfRange(flat, offset, offset + in * out));
    }

    private static Matrix bias(Architecture architecture, double[] flat, int l) {
        int offset = architecture.biasOffset(l);
        return row(Arrays.copyOfRange(flat, offset, offset + architecture.layer(l).outputs()));
    }
}
