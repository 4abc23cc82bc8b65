package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.Failures;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.Frame;
import dev.backprop.linalg.Matrix;
import dev.backprop.model.Model;
import dev.backprop.train.GradientCheck;
import dev.backprop.train.GradientCheckResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code backprop gradcheck}: backpropagation's gradients beside central differences, on real data. */
@Command(name = "gradcheck", header = "Check backpropagation's gradients against central differences.",
        description = {"Check backpropagation against numerical differentiation: for every weight, dJ/dW by the chain",
                "rule beside (J(W + eps) - J(W - eps)) / 2 eps, on the model's scaled data, and the largest relative error.",
                "A comparison straddles a kink when some relu/leaky-relu pre-activation z changes sign between",
                "W - eps and W + eps: its difference is not a derivative, so it is counted and left out of the verdict.",
                "Verdict: pass when every other comparison's relative error is at most --threshold.",
                "Exit code: 0 pass, 1 fail (or inconclusive: every comparison straddles a kink), 2 bad input."},
        footer = {"", "Example:", "  backprop gradcheck --model model.json data.csv --format json"})
final class GradcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The model to check.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATA", description = "Labelled rows (CSV/TSV with a header, or ARFF).")
    Path data;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--epsilon", paramLabel = "EPS", defaultValue = "1e-4",
            description = "Step of the central difference (> 0). Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "" + GradientCheckResult.DEFAULT_THRESHOLD,
            description = "The verdict passes when every comparison away from a kink has a relative error of at most "
                    + "T. Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new UserException("--epsilon must be > 0 and finite but was " + epsilon);
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new UserException("--threshold must be >= 0 and finite but was " + threshold);
        }
        Model checked = Inputs.modelForData(model);
        Frame frame = Inputs.modelFrame(data, dataOptions);
        Matrix[] scaled = ModelData.scaled(checked,
                ModelData.labelled(checked, frame, "gradcheck", spec.commandLine().getErr()));
        Matrix x = scaled[0];
        Matrix y = scaled[1];
        GradientCheckResult result = GradientCheck.check(checked.network(), x.toArray(), y.toArray(), x.rows(),
                epsilon);
        PrintWriter stdout = spec.commandLine().getOut();
        int depth = checked.network().depth();
        int comparisons = result.analytic().length;
        int kinks = result.kinkCount();
        boolean passes = result.passes(threshold);
        String verdict = kinks == comparisons ? "inconclusive" : passes ? "pass" : "fail";
        if (common.format() == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("loss", result.loss());
            json.put("maxRelativeError", result.maxRelativeError());
            json.put("epsilon", epsilon);
            json.put("comparisons", comparisons);
            json.put("kinkComparisons", kinks);
            json.put("maxRelativeErrorAwayFromKinks", result.maxRelativeErrorAwayFromKinks());
            json.put("threshold", threshold);
            json.put("verdict", verdict);
            ArrayNode layers = json.putArray("layers");
            for (int l = 0; l < depth; l++) {
                ObjectNode layer = layers.addObject();
                layer.set("weightGradient", Json.matrix(result.weightGradient(l)));
                layer.set("numericalWeightGradient", Json.matrix(result.numericalWeightGradient(l)));
                layer.set("biasGradient", Json.vector(result.biasGradient(l)));
                layer.set("numericalBiasGradient", Json.vector(result.numericalBiasGradient(l)));
            }
            stdout.println(Json.write(json));
            return passes ? 0 : Failures.FAILURE;
        }
        stdout.printf("J = %s on %d rows, epsilon = %s%n", Text.number(result.loss()), x.rows(), Text.number(epsilon));
        for (int l = 0; l < depth; l++) {
            stdout.printf("%ndJ/dW(%d) by backpropagation:%n%s", l + 1, Text.matrix(result.weightGradient(l)));
            stdout.printf("dJ/dW(%d) by central differences:%n%s", l + 1,
                    Text.matrix(result.numericalWeightGradient(l)));
            if (result.biasGradient(l) != null) {
                stdout.printf("dJ/db(%d) by backpropagation:%n%s", l + 1,
                        Text.matrix(Matrix.of(1, result.biasGradient(l).length, result.biasGradient(l))));
                stdout.printf("dJ/db(%d) by central differences:%n%s", l + 1,
                        Text.matrix(Matrix.of(1, result.numericalBiasGradient(l).length,
                                result.numericalBiasGradient(l))));
            }
        }
        stdout.printf("%nlargest relative error: %s over all %d comparisons%n",
                Text.number(result.maxRelativeError()), comparisons);
        stdout.printf("straddling a kink: %d of %d (a relu/leaky-relu z changes sign between W - eps and W + eps, "
                + "so the difference is not a derivative there; left out of the verdict)%n", kinks, comparisons);
        stdout.printf("largest relative error away from kinks: %s over %d comparisons%n",
                Text.number(result.maxRelativeErrorAwayFromKinks()), comparisons - kinks);
        stdout.printf("verdict: %s (threshold %s)%n", verdict, Text.number(threshold));
        if (kinks == comparisons) {
            stdout.printf("every comparison straddles a kink: try a smaller --epsilon%n");
        }
        return passes ? 0 : Failures.FAILURE;
    }
}