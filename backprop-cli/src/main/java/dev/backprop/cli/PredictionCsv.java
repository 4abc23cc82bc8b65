package dev.backprop.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.backprop.data.Column;
import dev.backprop.data.ColumnType;
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
 * {@link Predictions} as CSV: the model's input columns (with the ignored ones, to join back) plus
 * {@code predicted_<target>} and, with {@code proba}, {@code proba_<class>} columns; a classifier's row whose
 * probabilities are NaN gets an empty class. {@code predict --out} and {@code serve}'s CSV answers write through it.
 */
final class PredictionCsv {
    private final Model model;
    private final Frame frame;
    /** The frame rows that were predicted, in order. */
    private final int[] rows;
    private final Matrix predicted;
    /** The model's precision: a float32 model's predictions are floats, written in their shortest float form. */
    private final Precision precision;
    private final boolean classify;
    private final boolean proba;
    private final boolean ignored;

    PredictionCsv(Model model, Frame frame, int[] rows, Matrix predicted, boolean proba, boolean ignored) {
        this.model = model;
        this.frame = frame;
        this.rows = rows;
        this.predicted = predicted;
        this.precision = model.network().precision();
        this.classify = ModelData.classification(model);
        this.proba = proba;
        this.ignored = ignored;
    }

    /** Rows formatted as one piece of text, by one thread. */
    private static final int BLOCK_ROWS = 4096;
    /** Blocks formatted at once before they are written, which bounds the text held in memory. */
    private static final int BLOCKS_AT_ONCE = 16;

    /**
     * Writes the CSV: a header, then with {@code ignored} the columns training ignored that the frame has (ids, so the
     * predictions can be joined back), the model's input columns (a date column as written), each target's
     * prediction and, with {@code proba}, each class's probability.
     * Formatting the numbers is most of the work, so blocks of rows are formatted on every core (each with its own
     * FastCSV writer, so the text is what one writer would give) and written in order.
     */
    void write(Writer writer) throws IOException {
        write(text -> text, writer::write);
    }

    /**
     * {@link #write(Writer)} as UTF-8 bytes: each block is encoded on the thread that formatted
     * it, so the writing thread only copies bytes (a file of predictions is tens of megabytes of text).
     */
    void write(OutputStream out) throws IOException {
        write(text -> text.getBytes(StandardCharsets.UTF_8), out::write);
    }

    /** The frame's columns the CSV copies: the ignored ones it has (with {@code ignored}), then the inputs. */
    private List<String> copiedColumns() {
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
    Map<String, String> answerColumns() {
        List<String> plain = new ArrayList<>();
        model.targets().forEach(target -> plain.add("predicted_" + target));
        if (classify && proba) {
            model.classes().forEach(name -> plain.add("proba_" + name));
        }
        List<String> copied = copiedColumns();
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

    /** Where {@link #write(Function, Sink)} puts each piece of the CSV, in order. */
    @FunctionalInterface
    private interface Sink<T> {
        void accept(T piece) throws IOException;
    }

    /** The CSV's pieces (the header, then blocks of rows), each encoded by {@code encode}, given to {@code sink}. */
    private <T> void write(Function<String, T> encode, Sink<T> sink) throws IOException {
        List<String> columns = copiedColumns();
        StringWriter headerText = new StringWriter();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(headerText);
        List<String> header = new ArrayList<>(columns);
        header.addAll(answerColumns().values());
        csv.writeRecord(header);
        csv.flush();
        sink.accept(encode.apply(headerText.toString()));
        List<Column> sources = columns.stream().map(frame::column).toList();
        int count = rows.length;
        int blocks = (count + BLOCK_ROWS - 1) / BLOCK_ROWS;
        for (int first = 0; first < blocks; first += BLOCKS_AT_ONCE) {
            List<T> pieces = IntStream.range(first, Math.min(blocks, first + BLOCKS_AT_ONCE)).parallel()
                    .mapToObj(b -> encode.apply(csvRows(sources, header.size(), b * BLOCK_ROWS,
                            Math.min(count, (b + 1) * BLOCK_ROWS))))
                    .toList();
            for (T piece : pieces) {
                sink.accept(piece);
            }
        }
    }


    /** Rows [from, to) of the output as CSV text. */
    private String csvRows(List<Column> sources, int width, int from, int to) {
        if (!classify && sources.stream().allMatch(column -> column.type() == ColumnType.NUMERIC)) {
            String numbers = numberRows(sources, from, to);
            if (numbers != null) {
                return numbers;
            }
        }
        StringWriter text = new StringWriter();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(text);
        String[] cells = new String[width];
        for (int r = from; r < to; r++) {
            int c = 0;
            for (Column column : sources) {
                cells[c++] = TrainReport.cell(column, rows[r], "");
            }
            if (classify) {
                cells[c++] = !ClassificationMetrics.answered(predicted, r) ? "" : model.classes().get(ClassificationMetrics.argmax(predicted, r));
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
