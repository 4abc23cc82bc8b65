package dev.backprop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.CsvFrameReader;
import dev.backprop.data.Frame;
import dev.backprop.data.InvalidDataException;
import dev.backprop.data.ReadOptions;
import dev.backprop.model.Model;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of a {@code POST /predict} body as the frame {@code backprop predict} would read from a file holding them:
 * a CSV body is read as a CSV file is, and a JSON body ({@code {"rows": [{"column": value, ...}, ...]}}) is first
 * written as that CSV, one cell per value, so every value means what the same cell means in a file (a number or text
 * as the model's column takes it; {@code null}, {@code ""}, {@code "NA"}, {@code "?"} and a key a row leaves out are
 * missing). A column the model has never heard of (neither an input, nor its target, nor one it ignores) is refused as
 * a likely misspelling; absent input columns, text in a numeric input and missing values are refused by the model's
 * preprocessing as {@code predict} refuses them.
 */
final class RequestRows {
    /** How requests are named in messages. */
    static final String SOURCE = "request";
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern LINE = Pattern.compile(Pattern.quote(SOURCE) + ": line (\\d+)");

    private RequestRows() {
    }

    /**
     * The frame of a CSV body (UTF-8, a header, the delimiter detected as for a file).
     *
     * @throws UserException if the text is not UTF-8 or names a column the model does not know
     * @throws dev.backprop.data.InvalidDataException for text that is not valid CSV
     */
    static Frame csv(byte[] body, Model model) {
        Frame frame = CsvFrameReader.readWith(new StringReader(utf8(body)), SOURCE, options(null, model));
        requireKnown(frame.names(), known(model), model);
        return frame;
    }

    /**
     * The frame of a JSON body, whose row i (from 1) the frame places on "line" i: {@link #rowsNamed} turns the
     * model's messages about it into messages about rows. A key a row leaves out is a missing cell that costs the body
     * nothing, so the rows times the columns they name may not exceed the body's length in bytes (what the same rows
     * cost as CSV, a delimiter a cell at least); a column the model does not know is refused when it first appears.
     *
     * @throws UserException for malformed JSON, another shape than {@code {"rows": [objects]}}, a value that is not a
     *                       number, a string or null, no rows, a column the model does not know, or more cells than
     *                       the body has bytes
     */
    static Frame json(byte[] body, Model model) {
        Set<String> known = known(model);
        Map<String, JsonColumn> columns = new LinkedHashMap<>();
        List<JsonCell> cells = new ArrayList<>();
        int rows = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, "the body must be a JSON object {\"rows\": [...]}");
            boolean seen = false;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String field = parser.currentName();
                expect("rows".equals(field) && !seen, "unexpected field '" + field + "': the body holds only \"rows\"");
                seen = true;
                expect(parser.nextToken() == JsonToken.START_ARRAY, "\"rows\" must be an array of objects");
                for (JsonToken r = parser.nextToken(); r != JsonToken.END_ARRAY; r = parser.nextToken()) {
                    expect(r == JsonToken.START_OBJECT, "row " + (rows + 1) + " must be an object");
                    row(parser, rows++, known, model, columns, cells);
                }
            }
            expect(seen, "the body has no \"rows\"");
            expect(parser.nextToken() == null, "text after the JSON object");
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*", "");
            throw new UserException(SOURCE + ": malformed JSON: " + reason + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new UserException("the body could not be read: " + e.getMessage());
        }
        expect(rows > 0, "\"rows\" is empty: nothing to predict");
        long frameCells = (long) rows * columns.size();
        expect(frameCells <= body.length, String.format(Locale.ROOT, "%,d rows of %,d columns are %,d cells, more "
                + "than the body's %,d bytes: the rows leave out most keys (each a missing cell); send each row's "
                + "values, or the rows as CSV", rows, columns.size(), frameCells, body.length));
        List<String> names = new ArrayList<>(columns.keySet());
        Frame frame;
        try {
            frame = CsvFrameReader.readWith(new StringReader(csvText(names, rows, cells)), SOURCE, options(',', model));
        } catch (InvalidDataException e) {
            // A cell the reader refuses (a number too large for a double): its line is its row's plus the header.
            throw new UserException(rowsNamed(e.getMessage(), 1));
        }
        return renumbered(frame);
    }

    /** A column of a JSON body: its place in the frame and the last row (from 1) that gave it a value. */
    private static final class JsonColumn {
        final int index;
        int lastRow;

        JsonColumn(int index) {
            this.index = index;
        }
    }

    /** One value of a JSON body: its row, its column's index, its text ("" for null). */
    private record JsonCell(int row, int column, String text) {
    }

    private static void row(JsonParser parser, int index, Set<String> known, Model model,
                            Map<String, JsonColumn> columns, List<JsonCell> cells) throws IOException {
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            String where = "row " + (index + 1) + ", column " + ColumnNames.quoted(name);
            expect(value.isScalarValue() && value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE,
                    where + ": " + describe(value) + " is not a number, a string or null");
            JsonColumn column = columns.get(name);
            if (column == null) {
                requireKnown(List.of(name), known, model);
                column = new JsonColumn(columns.size());
                columns.put(name, column);
            }
            expect(column.lastRow != index + 1, where + " appears twice");
            column.lastRow = index + 1;
            cells.add(new JsonCell(index, column.index, value == JsonToken.VALUE_NULL ? "" : parser.getText()));
        }
    }

    private static String describe(JsonToken value) {
        return switch (value) {
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_ARRAY -> "an array";
            default -> "an object";
        };
    }

    /** The rows as CSV under a header of {@code names}; a cell a row leaves out is empty. */
    private static String csvText(List<String> names, int rows, List<JsonCell> cells) {
        StringWriter text = new StringWriter();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(text);
        csv.writeRecord(names);
        String[] row = new String[names.size()];
        int next = 0;
        for (int i = 0; i < rows; i++) {
            Arrays.fill(row, "");
            for (; next < cells.size() && cells.get(next).row() == i; next++) {
                row[cells.get(next).column()] = cells.get(next).text();
            }
            csv.writeRecord(row);
        }
        return text.toString();
    }

    /** {@code frame} with row i on "line" i + 1, so that the model's messages name rows, not CSV lines. */
    private static Frame renumbered(Frame frame) {
        long[] lines = new long[frame.rows()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = i + 1;
        }
        return Frame.of(SOURCE, frame.columns(), lines);
    }

    /** A message about a JSON body's frame, with its "line N" read as what it is there: row N. */
    static String rowsNamed(String message) {
        return rowsNamed(message, 0);
    }

    /** {@code message} with its leading "line N" as "row N - header" (the lines before the first row). */
    private static String rowsNamed(String message, int header) {
        Matcher line = LINE.matcher(message);
        return line.lookingAt() ? SOURCE + ": row " + (Long.parseLong(line.group(1)) - header)
                + message.substring(line.end()) : message;
    }

    /** As {@code predict} reads a file: the columns training ignored (ids) as text, so they come back as sent. */
    private static ReadOptions options(Character delimiter, Model model) {
        return ReadOptions.DEFAULT.withDelimiter(delimiter).withMixedColumns(true)
                .withVerbatim(Set.copyOf(model.preparation().ignored()));
    }

    /** The columns a request may name: the model's inputs, its targets and the columns it ignores. */
    private static Set<String> known(Model model) {
        Set<String> known = new LinkedHashSet<>(model.preparation().inputColumns());
        known.addAll(model.targets());
        known.addAll(model.preparation().ignored());
        return known;
    }

    private static void requireKnown(List<String> names, Set<String> known, Model model) {
        for (String name : names) {
            if (!known.contains(name)) {
                throw new UserException(SOURCE + ": unknown column " + ColumnNames.quoted(name) + " (the model reads "
                        + ColumnNames.listed(model.preparation().inputColumns()) + ")");
            }
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new UserException(SOURCE + ": the body is not UTF-8 text");
        }
    }

    private static void expect(boolean condition, String message) {
        if (!condition) {
            throw new UserException(SOURCE + ": " + message);
        }
    }
}
