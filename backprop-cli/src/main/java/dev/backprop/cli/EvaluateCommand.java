package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.Table;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.RegressionMetrics;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code backprop evaluate}: how well a model fits a labelled data file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a model on labelled data: the training loss J (on scaled data, as training computes it),",
                "and MSE, RMSE, MAE and R^2 in the target's own units."},
        footer = {"", "Example:", "  backprop evaluate --model model.json test.csv"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The trained model.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "Labelled rows (CSV with a header).")
    Path data;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @Override
    public Integer call() throws IOException {
        Model trained = Inputs.model(model);
        Table table = Inputs.table(data);
        Matrix x = ModelData.inputs(trained, table);
        Matrix y = ModelData.targets(trained, table, "evaluate");
        RegressionMetrics metrics = RegressionMetrics.of(trained.predict(x), y);
        double loss = scaledLoss(trained, x, y);
        PrintWriter stdout = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("rows", x.rows());
            json.put("lossFunction", trained.network().loss().id());
            json.put("loss", loss);
            json.put("mse", metrics.mse());
            json.put("rmse", metrics.rmse());
            json.put("mae", metrics.mae());
            json.put("r2", metrics.r2());
            stdout.println(Json.write(json));
            return 0;
        }
        stdout.printf("rows  %d%n", x.rows());
        stdout.printf("loss  %s (%s, on scaled data)%n", Text.number(loss), trained.network().loss().id());
        stdout.printf("MSE   %s%n", Text.number(metrics.mse()));
        stdout.printf("RMSE  %s%n", Text.number(metrics.rmse()));
        stdout.printf("MAE   %s%n", Text.number(metrics.mae()));
        stdout.printf("R^2   %s%n", Text.number(metrics.r2()));
        return 0;
    }

    /** J as training computes it: the model's loss on the scaled inputs and targets. */
    static double scaledLoss(Model model, Matrix x, Matrix y) {
        double[] xs = model.inputScaling().apply(x).toArray();
        double[] ys = model.outputScaling().apply(y).toArray();
        Backpropagation pass = new Backpropagation(model.network().architecture(), Math.max(1, x.rows()));
        return pass.loss(model.network().parameters(), xs, 0, ys, 0, x.rows());
    }
}
