package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.EncodedInputs;
import dev.backprop.data.Frame;
import dev.backprop.io.AtomicFiles;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code backprop predict}: the model's prediction for each row of a data file. */
@Command(name = "predict", header = "Predict each row of a data file with a trained model.",
        description = {"Predict with a trained model. Columns are matched by name; a target column in DATA is ignored.",
                "Writes the columns training ignored (ids, so the predictions can be joined back) that DATA has, the "
                        + "model's input columns, and predicted_<target> (a number, or a class name) as CSV;",
                "with --proba, also one probability column per class."},
        footer = {"", "Examples:", "  backprop predict --model model.json new.csv",
                "  backprop predict --model iris.json data/iris.csv --proba --out predictions.csv"})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The trained model.")
    Path model;

    @Parameters(index = "0", paramLabel = "DATA", description = "Rows to predict (CSV/TSV with a header, or ARFF).")
    Path data;

    @Mixin
    DataOptions dataOptions;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE.csv", description = "Write the CSV here instead of stdout.")
    Path out;

    @Option(names = "--drop-ignored", description = "Leave out the columns training ignored (--ignore, or left "
            + "out as identifiers); by default they are written first, as DATA has them.")
    boolean dropIgnored;

    @Option(names = "--proba", description = "Classification: add a probability column per class, proba_<class>.")
    boolean proba;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        new FileRoles().input("--model", model).input("DATA", data).output("--out", out).check();
        Model trained = Inputs.model(model);
        // The ignored columns are copied to the output as text, so a numeric id is not rewritten as a number.
        Frame frame = Inputs.frame(data, dataOptions.readOptions().withMixedColumns(true).withCategorical(
                trained.preprocessor() == null ? Set.of() : Set.copyOf(trained.preprocessor().ignored())));
        EncodedInputs inputs = trained.prepareInputs(frame);
        Inputs.warnUnseen(spec.commandLine().getErr(), inputs.unseenCategories());
        int skipped = frame.rows() - inputs.rows().length;
        if (skipped > 0) {
            spec.commandLine().getErr().printf("warning: %d row%s with missing values skipped (--missing drop)%n",
                    skipped, skipped == 1 ? "" : "s");
        }
        Matrix predicted = trained.predict(inputs.x());
        if (out != null) {
            AtomicFiles.write(out, stream -> {
                Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                writeCsv(trained, frame, inputs.rows(), predicted, writer);
                writer.flush();
            });
        }
        if (common.format() == OutputFormat.JSON) {
            spec.commandLine().getOut().println(Json.write(json(trained, inputs.rows(), predicted)));
        } else if (out == null) {
            StringWriter text = new StringWriter();
            writeCsv(trained, frame, inputs.rows(), predicted, text);
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            spec.commandLine().getOut().printf("%d predictions written to %s%n", inputs.rows().length, out);
        }
        return 0;
    }

    private ObjectNode json(Model trained, int[] rows, Matrix predicted) {
        ObjectNode json = Json.object();
        json.put("rows", rows.length);
        json.put("task", trained.task().id());
        json.put("target", trained.target());
        boolean several = trained.targets().size() > 1;
        if (several) {
            ArrayNode targets = json.putArray("targets");
            trained.targets().forEach(targets::add);
        }
        if (ModelData.classification(trained)) {
            ArrayNode classes = json.putArray("predictions");
            for (int i = 0; i < predicted.rows(); i++) {
                classes.add(trained.classes().get(ClassificationMetrics.argmax(predicted, i)));
            }
            ArrayNode names = json.putArray("classes");
            trained.classes().forEach(names::add);
            if (proba) {
                json.set("probabilities", Json.matrix(predicted));
            }
        } else {
            ArrayNode values = json.putArray("predictions");
            for (int i = 0; i < predicted.rows(); i++) {
                if (several) {
                    ArrayNode row = values.addArray();
                    for (int t = 0; t < predicted.cols(); t++) {
                        row.add(predicted.get(i, t));
                    }
                } else {
                    values.add(predicted.get(i, 0));
                }
            }
        }
        json.put("out", out == null ? null : out.toString());
        return json;
    }

    private void writeCsv(Model trained, Frame frame, int[] rows, Matrix predicted, Writer writer)
            throws IOException {
        boolean classify = ModelData.classification(trained);
        List<String> columns = new ArrayList<>();
        if (!dropIgnored && trained.preprocessor() != null) {
            trained.preprocessor().ignored().stream().filter(name -> frame.indexOf(name) >= 0)
                    .forEach(columns::add);
        }
        columns.addAll(trained.preparation().dates().sourceColumns(trained.preparation().features().columns()));
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(writer);
        List<String> header = new ArrayList<>(columns);
        trained.targets().forEach(target -> header.add("predicted_" + target));
        if (classify && proba) {
            trained.classes().forEach(name -> header.add("proba_" + name));
        }
        csv.writeRecord(header);
        String[] cells = new String[header.size()];
        for (int r = 0; r < rows.length; r++) {
            int c = 0;
            for (String name : columns) {
                cells[c++] = TrainReport.cell(frame.column(name), rows[r], "");
            }
            if (classify) {
                cells[c++] = trained.classes().get(ClassificationMetrics.argmax(predicted, r));
                for (int k = 0; proba && k < predicted.cols(); k++) {
                    cells[c++] = Double.toString(predicted.get(r, k));
                }
            } else {
                for (int t = 0; t < predicted.cols(); t++) {
                    cells[c++] = Double.toString(predicted.get(r, t));
                }
            }
            csv.writeRecord(cells);
        }
        csv.flush();
    }
}
