package dev.backprop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.backprop.data.Column;
import dev.backprop.data.ColumnType;
import dev.backprop.data.EncodedInputs;
import dev.backprop.data.Frame;
import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.Precision;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A model's predictions for the rows of a frame, and the two forms they are written in: the CSV of the model's input
 * columns plus {@code predicted_<target>} (and {@code proba_<class>} columns), and the JSON object of
 * {@code --format json}. Both {@code backprop predict} and {@code backprop serve} answer through this class, so a row
 * gets the same text from each.
 */
final class Predictions {
    private final Model model;
    private final Frame frame;
    private final EncodedInputs inputs;
    private final Matrix predicted;
    /** The model's precision: a float32 model's predictions are floats, written in their shortest float form. */
    private final Precision precision;

    private Predictions(Model model, Frame frame, EncodedInputs inputs, Matrix predicted) {
        this.model = model;
        this.frame = frame;
        this.inputs = inputs;
        this.predicted = predicted;
        this.precision = model.network().precision();
    }

    /**
     * Prepares {@code frame}'s inputs as the model was trained and predicts them.
     *
     * @throws dev.backprop.data.InvalidDataException naming an absent input column or a bad cell
     */
    static Predictions of(Model model, Frame frame) {
        EncodedInputs inputs = model.prepareInputs(frame);
        return new Predictions(model, frame, inputs, model.predict(inputs.x()));
    }

    /** How many rows the model's missing-value policy ({@code --missing drop}) left out. */
    int skipped() {
        return frame.rows() - inputs.rows().length;
    }

    /** The frame rows that were predicted, in order (all rows unless some were dropped). */
    int[] rows() {
        return inputs.rows();
    }

    /** Per input column, how many of its values training never saw. */
    Map<String, Integer> unseenCategories() {
        return inputs.unseenCategories();
    }

    /**
     * Whether predicted row {@code i} has no class: a probability is NaN (inputs so far outside the training data's
     * range that the network's sums overflowed, infinity minus infinity), so no class is the most probable, and the
     * first class, which the largest of NaNs would name, would be a guess presented as an answer.
     */
    private boolean classless(int i) {
        for (int k = 0; k < predicted.cols(); k++) {
            if (Double.isNaN(predicted.get(i, k))) {
                return true;
            }
        }
        return false;
    }

    /** The lines of the frame (from 1, the header's included) of the predicted rows that have no class. */
    List<Long> classlessLines() {
        List<Long> lines = new ArrayList<>();
        if (ModelData.classification(model)) {
            for (int i = 0; i < predicted.rows(); i++) {
                if (classless(i)) {
                    lines.add(frame.line(inputs.rows()[i]));
                }
            }
        }
        return lines;
    }

    /** The {@code --format json} object: rows, task, target, predictions, and for classification the classes. */
    ObjectNode json(boolean proba) {
        ObjectNode json = Json.object();
        int[] rows = inputs.rows();
        json.put("rows", rows.length);
        json.put("task", model.task().id());
        json.put("target", model.target());
        boolean several = model.targets().size() > 1;
        if (several) {
            ArrayNode targets = json.putArray("targets");
            model.targets().forEach(targets::add);
        }
        if (ModelData.classification(model)) {
            ArrayNode classes = json.putArray("predictions");
            for (int i = 0; i < predicted.rows(); i++) {
                if (classless(i)) {
                    classes.addNull();
                } else {
                    classes.add(model.classes().get(ClassificationMetrics.argmax(predicted, i)));
                }
            }
            ArrayNode names = json.putArray("classes");
            model.classes().forEach(names::add);
            if (proba) {
                ArrayNode probabilities = json.putArray("probabilities");
                for (int i = 0; i < predicted.rows(); i++) {
                    ArrayNode row = probabilities.addArray();
                    for (int k = 0; k < predicted.cols(); k++) {
                        add(row, predicted.get(i, k));
                    }
                }
            }
        } else {
            ArrayNode values = json.putArray("predictions");
            for (int i = 0; i < predicted.rows(); i++) {
                if (several) {
                    ArrayNode row = values.addArray();
                    for (int t = 0; t < predicted.cols(); t++) {
                        add(row, predicted.get(i, t));
                    }
                } else {
                    add(values, predicted.get(i, 0));
                }
            }
        }
        return json;
    }

    /** Rows formatted as one piece of text, by one thread. */
    private static final int BLOCK_ROWS = 4096;
    /** Blocks formatted at once before they are written, which bounds the text held in memory. */
    private static final int BLOCKS_AT_ONCE = 16;

    /**
     * The CSV: a header, then with {@code ignored} the columns training ignored that the frame has (ids, so the
     * predictions can be joined back), the model's input columns (a date column as written), each target's
     * prediction and, with {@code proba}, each class's probability.
     * Formatting the numbers is most of the work, so blocks of rows are formatted on every core (each with its own
     * FastCSV writer, so the text is what one writer would give) and written in order.
     */
    void writeCsv(Writer writer, boolean proba, boolean ignored) throws IOException {
        writeCsv(proba, ignored, text -> text, writer::write);
    }

    /**
     * {@link #writeCsv(Writer, boolean, boolean)} as UTF-8 bytes: each block is encoded on the thread that formatted
     * it, so the writing thread only copies bytes (a file of predictions is tens of megabytes of text).
     */
    void writeCsv(OutputStream out, boolean proba, boolean ignored) throws IOException {
        writeCsv(proba, ignored, text -> text.getBytes(StandardCharsets.UTF_8), out::write);
    }

    /** The frame's columns the CSV copies: the ignored ones it has (with {@code ignored}), then the inputs. */
    private List<String> copiedColumns(boolean ignored) {
        List<String> columns = new ArrayList<>();
        if (ignored && model.preprocessor() != null) {
            model.preprocessor().ignored().stream().filter(name -> frame.indexOf(name) >= 0).forEach(columns::add);
        }
        columns.addAll(model.preparation().inputColumns());
        return columns;
    }

    /**
     * The CSV's answer columns, each plain name ({@code predicted_<target>}, and with {@code proba} for a classifier
     * {@code proba_<class>}) to the name written: the plain name, or if a copied column already has it (an input
     * named {@code predicted_y}, say), the plain name with the first of {@code _2}, {@code _3}, ... that no other
     * column has, so that no two columns of the CSV share a name.
     */
    Map<String, String> answerColumns(boolean proba, boolean ignored) {
        List<String> plain = new ArrayList<>();
        model.targets().forEach(target -> plain.add("predicted_" + target));
        if (ModelData.classification(model) && proba) {
            model.classes().forEach(name -> plain.add("proba_" + name));
        }
        List<String> copied = copiedColumns(ignored);
        Set<String> taken = new HashSet<>(copied);
        taken.addAll(plain);
        Map<String, String> written = new LinkedHashMap<>();
        for (String name : plain) {
            String unique = name;
            if (copied.contains(name)) {
                for (int k = 2; taken.contains(unique); k++) {
                    unique = name + "_" + k;
                }
                taken.add(unique);
            }
            written.put(name, unique);
        }
        return written;
    }

    /** Where {@link #writeCsv(boolean, boolean, Function, Sink)} puts each piece of the CSV, in order. */
    @FunctionalInterface
    private interface Sink<T> {
        void accept(T piece) throws IOException;
    }

    /** The CSV's pieces (the header, then blocks of rows), each encoded by {@code encode}, given to {@code sink}. */
    private <T> void writeCsv(boolean proba, boolean ignored, Function<String, T> encode, Sink<T> sink)
            throws IOException {
        boolean classify = ModelData.classification(model);
        List<String> columns = copiedColumns(ignored);
        StringWriter headerText = new StringWriter();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(headerText);
        List<String> header = new ArrayList<>(columns);
        header.addAll(answerColumns(proba, ignored).values());
        csv.writeRecord(header);
        csv.flush();
        sink.accept(encode.apply(headerText.toString()));
        List<Column> sources = columns.stream().map(frame::column).toList();
        int rows = inputs.rows().length;
        int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        for (int first = 0; first < blocks; first += BLOCKS_AT_ONCE) {
            List<T> pieces = IntStream.range(first, Math.min(blocks, first + BLOCKS_AT_ONCE)).parallel()
                    .mapToObj(b -> encode.apply(csvRows(sources, classify, proba, header.size(), b * BLOCK_ROWS,
                            Math.min(rows, (b + 1) * BLOCK_ROWS))))
                    .toList();
            for (T piece : pieces) {
                sink.accept(piece);
            }
        }
    }

    /** Appends a prediction: a double, or a float32 model's float in its shortest form ({@link Text#exact}). */
    private void add(ArrayNode array, double v) {
        if (precision == Precision.FLOAT32) {
            array.addRawValue(new RawValue(Text.exact(v, precision)));
        } else {
            array.add(v);
        }
    }

    /** Rows [from, to) of the output as CSV text. */
    private String csvRows(List<Column> sources, boolean classify, boolean proba, int width, int from, int to) {
        if (!classify && sources.stream().allMatch(column -> column.type() == ColumnType.NUMERIC)) {
            String numbers = numberRows(sources, from, to);
            if (numbers != null) {
                return numbers;
            }
        }
        int[] rows = inputs.rows();
        StringWriter text = new StringWriter();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(text);
        String[] cells = new String[width];
        for (int r = from; r < to; r++) {
            int c = 0;
            for (Column column : sources) {
                cells[c++] = TrainReport.cell(column, rows[r], "");
            }
            if (classify) {
                cells[c++] = classless(r) ? "" : model.classes().get(ClassificationMetrics.argmax(predicted, r));
                for (int k = 0; proba && k < predicted.cols(); k++) {
                    cells[c++] = Text.exact(predicted.get(r, k), precision);
                }
            } else {
                for (int t = 0; t < predicted.cols(); t++) {
                    cells[c++] = Text.exact(predicted.get(r, t), precision);
                }
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

    /**
     * Rows [from, to) of numbers only, joined by commas, or null if one of their cells is missing. A number's text
     * (digits, '.', '-', 'E', or NaN and Infinity) never needs quoting, so this is the text the CSV writer gives, without
     * its per-character check of every field; an empty cell is left to the writer, which decides how it reads.
     */
    private String numberRows(List<Column> sources, int from, int to) {
        int[] rows = inputs.rows();
        StringBuilder text = new StringBuilder((to - from) * (sources.size() + predicted.cols()) * 12);
        for (int r = from; r < to; r++) {
            for (Column column : sources) {
                if (column.isMissing(rows[r])) {
                    return null;
                }
                text.append(column.label(rows[r])).append(',');
            }
            for (int t = 0; t < predicted.cols(); t++) {
                text.append(t == 0 ? "" : ",").append(Text.exact(predicted.get(r, t)));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
