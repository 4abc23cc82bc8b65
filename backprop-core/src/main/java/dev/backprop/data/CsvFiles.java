package dev.backprop.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads CSV files of numeric columns into a {@link Table}, through FastCSV (RFC 4180 quoting, CRLF, a UTF-8 byte-order
 * mark). The first record is the header. Values parse with {@link Double#parseDouble}, which is locale-free.
 */
public final class CsvFiles {
    private static final java.util.regex.Pattern NON_DECIMAL = java.util.regex.Pattern.compile("[^0-9eE+\\-.]");
    private CsvFiles() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws InvalidDataException naming the file, line and column of the first problem: no header, no rows, a row
     *                              with the wrong number of fields, a value that is not a finite number, a duplicate
     *                              or empty column name
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Table read(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidDataException(source, 0, null, "is a directory, not a data file");
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(reader, source);
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(source, 0, null, "is not UTF-8 text");
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new InvalidDataException(source, 0, null, "is not UTF-8 text");
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }

    /** Reads CSV text from {@code reader}; {@code source} names it in messages. The reader is not closed. */
    public static Table read(Reader reader, String source) {
        List<String> header = null;
        List<double[]> rows = new ArrayList<>();
        CsvReader<CsvRecord> csv = CsvReader.builder()
                .detectBomHeader(true)
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .ofCsvRecord(reader);
        try {
            for (CsvRecord record : csv) {
                if (header == null) {
                    header = header(record, source);
                    continue;
                }
                rows.add(parseRow(record, header, source));
            }
        } catch (CsvParseException e) {
            throw new InvalidDataException(source, 0, null, "not valid CSV: " + e.getMessage());
        }
        if (header == null) {
            throw new InvalidDataException(source, 0, null, "is empty: expected a header row and data rows");
        }
        if (rows.isEmpty()) {
            throw new InvalidDataException(source, 0, null, "has a header but no data rows");
        }
        int cols = header.size();
        double[] values = new double[rows.size() * cols];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * cols, cols);
        }
        return new Table(source, header, dev.backprop.linalg.Matrix.wrap(rows.size(), cols, values));
    }

    private static List<String> header(CsvRecord record, String source) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String field : record.getFields()) {
            // A byte-order mark survives decoding when text arrives through a Reader rather than a file.
            String name = (names.isEmpty() && field.startsWith("\uFEFF") ? field.substring(1) : field).strip();
            if (name.isEmpty()) {
                throw new InvalidDataException(source, record.getStartingLineNumber(), null,
                        "header column " + (names.size() + 1) + " has no name");
            }
            if (!seen.add(name)) {
                throw new InvalidDataException(source, record.getStartingLineNumber(), name,
                        "the header names this column twice");
            }
            names.add(name);
        }
        return names;
    }

    private static double[] parseRow(CsvRecord record, List<String> header, String source) {
        long line = record.getStartingLineNumber();
        if (record.getFieldCount() != header.size()) {
            throw new InvalidDataException(source, line, null, "has " + record.getFieldCount()
                    + " fields but the header has " + header.size());
        }
        double[] row = new double[header.size()];
        for (int j = 0; j < row.length; j++) {
            row[j] = parseNumber(record.getField(j), source, line, header.get(j));
        }
        return row;
    }

    /**
     * The finite number written in {@code text}.
     *
     * @throws InvalidDataException if it is empty, not a number, or NaN, infinite or too large for a double
     */
    static double parseNumber(String text, String source, long line, String column) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new InvalidDataException(source, line, column, "the value is missing");
        }
        if (NON_DECIMAL.matcher(s).find()) {
            // Java would read "1d", "0x1p3", "NaN" and "Infinity"; none is a plain finite decimal number.
            String what = s.equalsIgnoreCase("nan") || s.toLowerCase(java.util.Locale.ROOT).contains("inf")
                    ? "' is not a finite number" : "' is not a number (this column must be numeric)";
            throw new InvalidDataException(source, line, column, "'" + abbreviate(s) + what);
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidDataException(source, line, column, "'" + abbreviate(s)
                    + "' is not a number (this column must be numeric)");
        }
        if (Double.isInfinite(v)) {
            throw new InvalidDataException(source, line, column, "'" + abbreviate(s)
                    + "' is too large for a double (largest about 1.8e308)");
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
