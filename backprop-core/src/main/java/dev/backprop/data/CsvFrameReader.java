package dev.backprop.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads delimited text (CSV, TSV, semicolon-separated...) into a {@link Frame}, through FastCSV: RFC 4180 quoting
 * (delimiters, quotes and line breaks inside {@code "..."}), CRLF, LF or CR line ends, a UTF-8 byte-order mark.
 *
 * <p>The first non-empty record is the header; its names are stripped of surrounding whitespace and must be non-empty
 * and unique. Empty lines are skipped. Each column's type is inferred as described in {@link InferringColumnBuilder}:
 * numeric if every present value is a number, categorical if fewer than half are (or if declared so); a column at
 * least half numbers with some text, or with a number written with a decimal comma, is refused at that cell. Empty
 * cells, {@code ?} and {@code NA} are missing. A quoted field with text after its closing quote ({@code "9"x}) is
 * refused wherever it is.
 * One pass, linear in the size of the text; memory is one double or int per cell plus the distinct labels.
 */
public final class CsvFrameReader {
    /** How many characters are looked at to guess the delimiter. */
    private static final int PEEK = 1 << 18;
    private static final Pattern FASTCSV_LINE = Pattern.compile("started in line (\\d+)");
    /** The most fields FastCSV reads in one record (fixed in its 3.x callback handler). */
    private static final String MAX_FIELDS = "16,384";

    private CsvFrameReader() {
    }

    /**
     * Reads the delimited text of {@code reader} (not closed).
     *
     * @param reader the text; read to the end but not closed
     * @return a frame with one column per header field, rows keeping their line numbers
     * @param source    names the text in messages (a file name)
     * @param delimiter the field separator, or {@code null} to detect it (see {@link DelimiterDetector}: comma, tab,
     *                  semicolon or vertical bar, refusing to guess when the header line is ambiguous)
     * @throws InvalidDataException naming the line and column of the first problem: an empty file, a header without
     *                              rows, an empty or duplicate column name, a row with too few or too many fields, a
     *                              quote never closed, a NaN or infinity literal or a number too large for a double
     *                              in a numeric column, text that is not UTF-8 or is binary (when {@code reader} is
     *                              checked as {@link DataFiles} does), a field longer than FastCSV's 16 Mi character
     *                              limit
     * @throws UncheckedIOException if reading fails
     */
    public static Frame read(Reader reader, String source, Character delimiter) {
        return readWith(reader, source, new ReadOptions(null, delimiter));
    }

    /**
     * Reads the delimited text of {@code reader} (not closed) as {@code options} say: their delimiter (or detected
     * when {@code null}), their categorical columns, and whether almost-numeric columns are read or refused (see
     * {@link InferringColumnBuilder}).
     *
     * @param reader  the text; read to the end but not closed
     * @param source  names the text in messages (a file name)
     * @param options the delimiter and column typing; the format is not looked at
     * @return a frame with one column per header field, rows keeping their line numbers
     * @throws InvalidDataException as {@link #read(Reader, String, Character)}, and also naming the line and column of
     *                              a quoted field with text after its closing quote, a categorical column the header
     *                              does not have, or the first cell that is not a number in a column at least half
     *                              numbers (the first number with a decimal comma, if any), unless
     *                              {@link ReadOptions#mixedColumns()} or the column is declared categorical
     * @throws UncheckedIOException if reading fails
     */
    public static Frame readWith(Reader reader, String source, ReadOptions options) {
        try {
            return readChecked(reader, source, options);
        } catch (CsvParseException e) {
            InvalidDataException cause = TextFiles.invalidDataCause(e);
            if (cause != null) {
                throw cause;
            }
            Throwable root = e.getCause() != null ? e.getCause() : e;
            Matcher m = FASTCSV_LINE.matcher(String.valueOf(e.getMessage()));
            long line = m.find() ? Long.parseLong(m.group(1)) : 0;
            String reason = String.valueOf(root.getMessage());
            if (reason.contains("maximum buffer size")) {
                reason = reason.replaceAll("\\s*This issue typically arises.*", "")
                        + " (a field longer than 16 Mi characters: a quote never closed, or not a data file)";
            }
            if (reason.contains("Maximum number of fields exceeded")) {
                throw new InvalidDataException(source, line, null, "a row has more than " + MAX_FIELDS + " fields, "
                        + "the most this parser takes; it reads files with quotes or text beyond ASCII, and a file of "
                        + "plain ASCII without quotes is read at any width");
            }
            throw new InvalidDataException(source, line, null, "not valid CSV: " + reason);
        } catch (UncheckedIOException e) {
            InvalidDataException cause = TextFiles.invalidDataCause(e);
            if (cause != null) {
                throw cause;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    private static Frame readChecked(Reader reader, String source, ReadOptions options) throws IOException {
        Character delimiter = options.delimiter();
        PushbackReader pushback = new PushbackReader(reader, PEEK);
        char[] head = new char[PEEK];
        int n = readFully(pushback, head);
        int start = n > 0 && head[0] == '\uFEFF' ? 1 : 0;
        String headText = new String(head, start, n - start);
        if (headText.isBlank() && n < PEEK) {
            throw new InvalidDataException(source, 0, null, "is empty: expected a header row and data rows");
        }
        pushback.unread(head, start, n - start);
        char separator = delimiter != null ? delimiter : DelimiterDetector.detect(headText, n < PEEK, source);

        QuoteTrackingReader tracked = new QuoteTrackingReader(pushback, separator);
        CsvReader<CsvRecord> csv = CsvReader.builder()
                .fieldSeparator(separator)
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .ofCsvRecord(tracked);
        Iterator<CsvRecord> records = csv.iterator();
        List<String> header = null;
        InferringColumnBuilder[] builders = null;
        LongList lines = new LongList();
        while (records.hasNext()) {
            CsvRecord record = records.next();
            if (isBlank(record)) {
                continue;
            }
            if (header == null) {
                header = header(record, source);
                builders = new InferringColumnBuilder[header.size()];
                for (int j = 0; j < builders.length; j++) {
                    builders[j] = InferringColumnBuilder.of(header.get(j), options);
                }
                continue;
            }
            long line = record.getStartingLineNumber();
            if (record.getFieldCount() != header.size()) {
                InvalidDataException ragged = ragged(record, header, source);
                if (!records.hasNext()) {
                    // An unterminated quote swallows the rest of the file into the last record: say that instead.
                    tracked.requireClosedQuotes(source, header);
                }
                tracked.requireWellFormedQuotes(source, header, line);
                throw ragged;
            }
            for (int j = 0; j < builders.length; j++) {
                builders[j].add(record.getField(j), line);
            }
            lines.add(line);
        }
        tracked.requireClosedQuotes(source, header);
        tracked.requireWellFormedQuotes(source, header, Long.MAX_VALUE);
        if (header == null) {
            throw new InvalidDataException(source, 0, null, "is empty: expected a header row and data rows");
        }
        if (lines.size() == 0) {
            throw new InvalidDataException(source, 0, null, "has a header but no data rows");
        }
        List<Column> columns = new ArrayList<>(builders.length);
        for (InferringColumnBuilder b : builders) {
            columns.add(b.build(source));
        }
        return Frame.wrap(source, columns, lines.toArray());
    }

    private static int readFully(Reader reader, char[] buffer) throws IOException {
        int n = 0;
        while (n < buffer.length) {
            int r = reader.read(buffer, n, buffer.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /** A record of one blank field: a line of spaces, skipped like an empty line. */
    private static boolean isBlank(CsvRecord record) {
        return record.getFieldCount() == 1 && record.getField(0).isBlank();
    }

    private static List<String> header(CsvRecord record, String source) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long line = record.getStartingLineNumber();
        for (String field : record.getFields()) {
            String name = field.strip();
            if (name.isEmpty()) {
                throw new InvalidDataException(source, line, null,
                        "header field " + (names.size() + 1) + " is empty: every column needs a name");
            }
            if (!seen.add(name)) {
                throw new InvalidDataException(source, line, name, "the header names this column twice");
            }
            names.add(name);
        }
        return names;
    }

    private static InvalidDataException ragged(CsvRecord record, List<String> header, String source) {
        long line = record.getStartingLineNumber();
        int count = record.getFieldCount();
        if (count < header.size()) {
            return new InvalidDataException(source, line, header.get(count), "the row has " + count + " field"
                    + (count == 1 ? "" : "s") + " but the header has " + header.size()
                    + " (this column and those after it have no value)");
        }
        return new InvalidDataException(source, line, null, "the row has " + count + " fields but the header has "
                + header.size() + " (field " + (header.size() + 1) + " is extra; is a value with the delimiter "
                + "missing its quotes?)");
    }
}
