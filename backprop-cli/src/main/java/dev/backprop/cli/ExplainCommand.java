package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.CommonOptions;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.model.Model;
import dev.backprop.nn.Architecture;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingSettings;
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

    @Option(names = {"--learning-rate", "--eta"}, paramLabel = "ETA",
            description = "eta of the gradient steps shown (> 0). Default: the learning rate the --model was "
                    + "trained with (as its file records it), else 1.")
    Double learningRateOption;

    /** eta of the steps shown: --learning-rate, the model's recorded one, or 1. */
    private double learningRate;
    /** The explained network's format; a float32 model's steps are computed, and said to be, in float32. */
    private Precision precision = Precision.FLOAT64;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1",
            description = "How many gradient steps to follow, 1 to 100. Default: ${DEFAULT-VALUE}.")
    int stepCount;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the fresh weights when no --model is given. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--full", description = "Print every row and column of large matrices (by default a matrix "
            + "larger than " + (2 * EDGE + 1) + " x " + (2 * EDGE + 1) + " shows its first and last " + EDGE
            + " rows and columns; --format json always has everything).")
    boolean full;

    @Mixin
    CommonOptions common;

    /** The rows and columns a large matrix shows at each end without --full. */
    static final int EDGE = 3;

    @Override
    public Integer call() throws IOException {
        Model given = model != null ? Inputs.modelForData(model) : null;
        learningRate = learningRateOption != null ? learningRateOption : recordedLearningRate(given);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new UserException(learningRateOption != null
                    ? "--learning-rate must be > 0 and finite but was " + learningRate
                    : model + ": its training record gives the learning rate as " + learningRate
                            + ", which is not > 0 and finite: give eta with --learning-rate");
        }
        if (stepCount < 1 || stepCount > 100) {
            throw new UserException("--steps must be 1 to 100 but was " + stepCount);
        }
        Frame frame = model != null ? Inputs.modelFrame(data, dataOptions) : Inputs.frame(data, dataOptions);
        Model explained = given != null ? given : freshSeedModel(frame);
        Matrix[] scaled = ModelData.scaled(explained,
                ModelData.labelled(explained, frame, "explain", spec.commandLine().getErr()));
        Architecture architecture = explained.network().architecture();
        precision = explained.network().precision();
        double[] theta = explained.network().parameters();
        List<GradientWalk.Step> steps = new ArrayList<>();
        for (int s = 1; s <= stepCount; s++) {
            steps.add(GradientWalk.step(s, architecture, theta, scaled[0], scaled[1], learningRate,
                    precision));
        }
        String lossFormula = architecture.loss().id().equals("sse") ? "J = sum 1/2 (y - yhat)^2"
                : architecture.loss().id().equals("mse") ? "J = sum 1/2 (y - yhat)^2 / n"
                : "J = " + architecture.loss().id();
        String text = switch (common.format()) {
            case JSON -> json(architecture, scaled[0].rows(), lossFormula, steps);
            case MARKDOWN -> Walkthrough.markdown(architecture.toString(), scaled[0].rows(), learningRate,
                    latexLoss(architecture), markdownSteps(steps), full ? Integer.MAX_VALUE : Walkthrough.SHOWN);
            case TEXT -> text(architecture, scaled[0].rows(), lossFormula, steps);
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The learning rate {@code trained}'s history records, or 1 for a model without one (or no model). */
    static double recordedLearningRate(Model trained) {
        String recorded = trained == null || trained.history() == null ? null
                : trained.history().settings().get(TrainingSettings.LEARNING_RATE.name());
        if (recorded != null) {
            try {
                return Double.parseDouble(recorded);
            } catch (NumberFormatException e) {
                // A history written by hand: fall back to the seed's eta.
            }
        }
        return 1.0;
    }

    private Model freshSeedModel(Frame frame) {
        Preprocessor preprocessor = Preprocessor.fit(frame,
                PreprocessConfig.of(frame.names().get(frame.names().size() - 1)));
        Dataset dataset = preprocessor.apply(frame).dataset();
        return Trainer.of(TrainerConfig.builder().seed(seed).build()).initialModel(dataset)
                .withPreprocessor(preprocessor);
    }

    private String json(Architecture architecture, int rows, String lossFormula, List<GradientWalk.Step> steps) {
        ObjectNode json = Json.object();
        json.put("architecture", architecture.toString());
        json.put("rows", rows);
        json.put("learningRate", learningRate);
        if (precision == Precision.FLOAT32) {
            json.put("precision", precision.id());
        }
        json.put("lossFormula", lossFormula);
        ArrayNode stepsNode = json.putArray("steps");
        for (GradientWalk.Step step : steps) {
            ObjectNode node = stepsNode.addObject();
            node.put("step", step.number());
            node.put("loss", step.loss());
            node.put("lossAfterStep", step.lossAfter());
            putMatrices(node, step);
        }
        return Json.write(json) + System.lineSeparator();
    }

    private String text(Architecture architecture, int rows, String lossFormula, List<GradientWalk.Step> steps) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Backpropagation on %s, %d rows, eta = %s, %d step%s%s.%n", architecture, rows,
                Text.number(learningRate), steps.size(), steps.size() == 1 ? "" : "s",
                precision == Precision.FLOAT32 ? ", in float32 arithmetic" : ""));
        sb.append("Layers are numbered as in the seed: layer 1 is the input, so W(1) feeds z(2).\n");
        for (GradientWalk.Step step : steps) {
            if (steps.size() > 1) {
                sb.append(String.format("%n=== step %d ===%n", step.number()));
            }
            boolean lossShown = false;
            for (GradientWalk.Entry entry : step.entries()) {
                if (!lossShown && entry.name().startsWith("delta")) {
                    sb.append(String.format("%n%s = %s%n", lossFormula, Text.number(step.loss())));
                    lossShown = true;
                }
                sb.append(String.format("%n%s = %s   (%s)%n%s", entry.name(), entry.formula(), entry.value().shape(),
                        Text.matrix(entry.value(), full ? Integer.MAX_VALUE : EDGE)));
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

    private static List<Walkthrough.Step> markdownSteps(List<GradientWalk.Step> steps) {
        List<Walkthrough.Step> out = new ArrayList<>();
        for (GradientWalk.Step step : steps) {
            List<Walkthrough.Equation> equations = new ArrayList<>();
            for (GradientWalk.Entry entry : step.entries()) {
                equations.add(new Walkthrough.Equation(entry.name(), entry.latex(), entry.value()));
            }
            out.add(new Walkthrough.Step(step.number(), step.loss(), step.lossAfter(), equations));
        }
        return out;
    }

    /** The step's matrices as {@code "matrices": [{name, formula, value}, ...]} in {@code node}. */
    static void putMatrices(ObjectNode node, GradientWalk.Step step) {
        ArrayNode matrices = node.putArray("matrices");
        for (GradientWalk.Entry entry : step.entries()) {
            ObjectNode m = matrices.addObject();
            m.put("name", entry.name());
            m.put("formula", entry.formula());
            m.set("value", Json.matrix(entry.value()));
        }
    }
}
