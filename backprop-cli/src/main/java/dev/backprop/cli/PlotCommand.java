package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.cli.plot.Charts;
import dev.backprop.cli.plot.Picture;
import dev.backprop.data.Table;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Model;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code backprop plot}: pictures of how a model fits labelled data. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Plot how a model fits labelled data: predicted against actual values with the identity line;",
                "or, with --kind surface for a model with exactly two inputs, the learned surface over the input plane",
                "with the data points on top. PNG or SVG, by --out's extension."},
        footer = {"", "Examples:", "  backprop plot --model model.json data.csv --out fit.png",
                "  backprop plot --model model.json data.csv --kind surface --out surface.svg"})
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The trained model.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "Labelled rows (CSV with a header).")
    Path data;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", defaultValue = "plot.png",
            description = "Where to write the picture: .png or .svg. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "auto",
            description = "fit (predicted against actual), surface (two-input models), or auto: surface when the "
                    + "model has two inputs, fit otherwise. Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "800", description = "Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "600", description = "Default: ${DEFAULT-VALUE}.")
    int height;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        Pictures.checkSize(width, height);
        Picture.format(out);
        Model plotted = Inputs.model(model);
        Table table = Inputs.table(data);
        Matrix x = ModelData.inputs(plotted, table);
        Matrix y = ModelData.targets(plotted, table, "plot");
        String chosen = kind.equals("auto") ? (plotted.inputs().size() == 2 ? "surface" : "fit") : kind;
        JFreeChart chart = switch (chosen) {
            case "fit" -> Charts.predictedVsActual(column(y), column(plotted.predict(x)), plotted.outputs().get(0));
            case "surface" -> {
                if (plotted.inputs().size() != 2) {
                    throw new UserException("--kind surface needs a model with exactly two inputs but this one has "
                            + plotted.inputs().size());
                }
                yield Charts.surface(plotted, x, y, 0);
            }
            default -> throw new UserException("unknown --kind '" + kind + "' (allowed: auto, fit, surface)");
        };
        Picture.of(chart, width, height).write(out);
        if (format == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("kind", chosen);
            json.put("out", out.toString());
            spec.commandLine().getOut().println(Json.write(json));
        } else {
            spec.commandLine().getOut().printf("%s plot written to %s%n", chosen, out);
        }
        return 0;
    }

    private static double[] column(Matrix m) {
        double[] values = new double[m.rows()];
        for (int i = 0; i < values.length; i++) {
            values[i] = m.get(i, 0);
        }
        return values;
    }
}
