package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.Frame;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Model;
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
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        header = "Check backpropagation's gradients against central differences.",
        description = {"Check backpropagation against numerical differentiation: for every weight, dJ/dW by the chain",
                "rule beside (J(W + eps) - J(W - eps)) / 2 eps, on the model's scaled data, and the largest relative error."},
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

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @Override
    public Integer call() throws IOException {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new UserException("--epsilon must be > 0 and finite but was " + epsilon);
        }
        Model checked = Inputs.model(model);
        Frame frame = Inputs.frame(data, dataOptions);
        Matrix[] scaled = ModelData.scaled(checked,
                ModelData.labelled(checked, frame, "gradcheck", spec.commandLine().getErr()));
        Matrix x = scaled[0];
        Matrix y = scaled[1];
        GradientCheckResult result = GradientCheck.check(checked.network(), x.toArray(), y.toArray(), x.rows(),
                epsilon);
        PrintWriter stdout = spec.commandLine().getOut();
        int depth = checked.network().depth();
        if (format == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("loss", result.loss());
            json.put("maxRelativeError", result.maxRelativeError());
            json.put("epsilon", epsilon);
            ArrayNode layers = json.putArray("layers");
            for (int l = 0; l < depth; l++) {
                ObjectNode layer = layers.addObject();
                layer.set("weightGradient", Json.matrix(result.weightGradient(l)));
                layer.set("numericalWeightGradient", Json.matrix(result.numericalWeightGradient(l)));
                layer.set("biasGradient", Json.vector(result.biasGradient(l)));
                layer.set("numericalBiasGradient", Json.vector(result.numericalBiasGradient(l)));
            }
            stdout.println(Json.write(json));
            return 0;
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
        stdout.printf("%nlargest relative error: %s%n", Text.number(result.maxRelativeError()));
        return 0;
    }
}
