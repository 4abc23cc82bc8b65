package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import dev.backprop.linalg.MemoryBudget;

import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads data files of numeric columns into a {@link Table}: a thin layer over {@link DataFiles} and
 * {@link CsvFrameReader} for callers that want numbers only. The first record is the header.
 */
public final class CsvFiles {
    private CsvFiles() {
    }

    /**
     * Reads {@code file} (CSV with its delimiter detected, TSV or ARFF by extension; see {@link DataFiles}).
     *
     * @param file the data file
     * @return the file's numeric table
     * @throws InvalidDataException naming the file, line and column of the first problem: any problem
     *                              {@link DataFiles#read(Path)} reports, and a missing value or a value that is not a
     *                              number, since every column must be numeric here
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Table read(Path file) {
        return toTable(DataFiles.read(file));
    }

    /**
     * Reads CSV text from {@code reader}, detecting the delimiter; {@code source} names it in messages.
     *
     * @param reader the CSV text; read to the end but not closed
     * @param source names the text in messages (a file name), or {@code null}
     * @return the numeric table
     * @throws InvalidDataException naming the line and column of the first problem
     */
    public static Table read(Reader reader, String source) {
        // Every column must be numeric here, which toTable checks cell by cell: read mixed columns to say which cell.
        return toTable(CsvFrameReader.readWith(reader, source, ReadOptions.DEFAULT.withMixedColumns(true)));
    }

    /**
     * The numeric table {@code frame} holds.
     *
     * @throws InvalidDataException at the first missing or non-numeric cell, naming its line and column
     * @throws dev.backprop.linalg.TooLargeException if the table would not fit the heap or one array
     */
    static Table toTable(Frame frame) {
        int n = frame.rows();
        List<Column> columns = frame.columns();
        int m = columns.size();
        String what = frame.source() + ": " + MemoryBudget.count(n) + " rows x " + MemoryBudget.count(m) + " columns";
        MemoryBudget.heap().require(MemoryBudget.doubles(MemoryBudget.times(n, m)), what, "", "read fewer rows");
        double[] values = new double[MemoryBudget.arrayLength(MemoryBudget.times(n, m), what)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                Column column = columns.get(j);
                if (column.isMissing(i)) {
                    throw new InvalidDataException(frame.source(), frame.line(i), column.name(),
                            "the value is missing");
                }
                double v = column instanceof NumericColumn numeric ? numeric.value(i) : Numbers.parse(column.label(i));
                if (!Double.isFinite(v)) {
                    throw new InvalidDataException(frame.source(), frame.line(i), column.name(),
                            "'" + Numbers.abbreviate(column.label(i))
                                    + "' is not a number (this column must be numeric)");
                }
                values[i * m + j] = v;
            }
        }
        return new Table(frame.source(), frame.names(), Matrix.wrap(n, m, values));
    }
}
