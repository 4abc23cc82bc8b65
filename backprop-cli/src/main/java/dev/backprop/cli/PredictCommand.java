package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.backprop.data.Table;
import dev.backprop.io.AtomicFiles;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code backprop predict}: the model's predictions for each row of a data file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a trained model. Columns are matched by name; a target column in DATA is ignored.",
                "Writes the input columns plus a predicted_<target> column, as CSV."},
        footer = {"", "Examples:", "  backprop predict --model model.json new.csv",
                "  backprop predict --model model.json new.csv --out predictions.csv"})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The trained model.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "Rows to predict (CSV with a header).")
    Path data;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE.csv", description = "Write the CSV here instead of stdout.")
    Path out;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
            description = "text (CSV) or json (one object with the predictions).")
    OutputFormat format;

    @Override
    public Integer call() throws IOException {
        Model trained = Inputs.model(model);
        Table table = Inputs.table(data);
        Matrix x = ModelData.inputs(trained, table);
        Matrix predicted = trained.predict(x);
        if (out != null) {
            AtomicFiles.write(out, stream -> {
                Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                writeCsv(trained, x, predicted, writer);
                writer.flush();
            });
        }
        if (format == OutputFormat.JSON) {
            ObjectNode json = Json.object();
            json.put("rows", x.rows());
            json.set("columns", Json.object().arrayNode().addAll(
                    trained.outputs().stream().map(n -> Json.object().textNode("predicted_" + n)).toList()));
            json.set("predictions", Json.matrix(predicted));
            json.put("out", out == null ? null : out.toString());
            spec.commandLine().getOut().println(Json.write(json));
        } else if (out == null) {
            StringWriter text = new StringWriter();
            writeCsv(trained, x, predicted, text);
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            spec.commandLine().getOut().printf("%d predictions written to %s%n", x.rows(), out);
        }
        return 0;
    }

    private static void writeCsv(Model model, Matrix x, Matrix predicted, Writer writer) throws IOException {
        CsvWriter csv = CsvWriter.builder().lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.LF).build(writer);
        List<String> header = new ArrayList<>(model.inputs());
        model.outputs().forEach(name -> header.add("predicted_" + name));
        csv.writeRecord(header);
        String[] row = new String[header.size()];
        for (int i = 0; i < x.rows(); i++) {
            int c = 0;
            for (int j = 0; j < x.cols(); j++) {
                row[c++] = plain(x.get(i, j));
            }
            for (int j = 0; j < predicted.cols(); j++) {
                row[c++] = Double.toString(predicted.get(i, j));
            }
            csv.writeRecord(row);
        }
        csv.flush();
    }

    /** An input value as it was most likely written: integers without ".0". */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
