package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.OutputFormat;
import dev.backprop.data.Column;
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
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/** {@code backprop predict}: the model's prediction for each row of a data file. */
@Command(name = "predict", header = "Predict each row of a data file with a trained model.",
        description = {"Predict with a trained model. Columns are matched by name; a target column in DATA is ignored.",
                "Writes the model's input columns plus predicted_<target> (a number, or a class name) as CSV;",
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

    @Option(names = "--proba", description = "Classification: add a probability column per class, proba_<class>.")
    boolean proba;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        new FileRoles().input("--model", model).input("DATA", data).output("--out", out).check();
        Model trained = Inputs.model(model);
        Frame frame = Inputs.modelFrame(data, dataOptions);
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
                values.add(predicted.get(i, 0));
            }
        }
        json.put("out", out == null ? null : out.toString());
        return json;
    }

    /** Rows formatted as one piece of text, by one thread. */
    private static final int BLOCK_ROWS = 4096;
    /** Blocks formatted at once before they are written, which bounds the text held in memory. */
    private static final int BLOCKS_AT_ONCE = 16;

    /**
     * Writes the header and the rows as CSV. Formatting the numbers is most of the work, so blocks of rows are
     * formatted on every core (each with its own FastCSV writer, so the text is what one writer would give) and
     * written in order.
     */
    private void writeCsv(Model trained, Frame frame, int[] rows, Matrix predicted, Writer writer)
            throws IOException {
        boolean classify = ModelData.classification(trained);
        List<String> columns = trained.preparation().features().columns();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(writer);
        List<String> header = new ArrayList<>(columns);
        header.add("predicted_" + trained.target());
        if (classify && proba) {
            trained.classes().forEach(name -> header.add("proba_" + name));
        }
        csv.writeRecord(header);
        csv.flush();
        List<Column> inputs = columns.stream().map(frame::column).toList();
        int blocks = (rows.length + BLOCK_ROWS - 1) / BLOCK_ROWS;
        for (int first = 0; first < blocks; first += BLOCKS_AT_ONCE) {
            List<String> texts = IntStream.range(first, Math.min(blocks, first + BLOCKS_AT_ONCE)).parallel()
                    .mapToObj(b -> csvRows(trained, inputs, rows, predicted, classify, header.size(),
                            b * BLOCK_ROWS, Math.min(rows.length, (b + 1) * BLOCK_ROWS)))
                    .toList();
            for (String text : texts) {
                writer.write(text);
            }
        }
    }

    /** Rows [from, to) of the output as CSV text. */
    private String csvRows(Model trained, List<Column> inputs, int[] rows, Matrix predicted, boolean classify,
                           int width, int from, int to) {
        StringWriter text = new StringWriter();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(text);
        String[] cells = new String[width];
        for (int r = from; r < to; r++) {
            int c = 0;
            for (Column column : inputs) {
                cells[c++] = TrainReport.cell(column, rows[r], "");
            }
            if (classify) {
                cells[c++] = trained.classes().get(ClassificationMetrics.argmax(predicted, r));
                for (int k = 0; proba && k < predicted.cols(); k++) {
                    cells[c++] = Text.exact(predicted.get(r, k));
                }
            } else {
                cells[c++] = Text.exact(predicted.get(r, 0));
            }
            csv.writeRecord(cells);
        }
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }
}
