package dev.backprop.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads data files into {@link Frame}s, choosing the reader by the file's extension unless told: the entry point for
 * files. The text must be UTF-8 (a byte-order mark is allowed); anything else, or binary data, is refused.
 */
public final class DataFiles {
    private DataFiles() {
    }

    /**
     * Reads {@code file} with {@link ReadOptions#DEFAULT}.
     *
     * @param file the data file
     * @return the file's columns
     * @throws InvalidDataException naming the file, line and column of the first problem
     */
    public static Frame read(Path file) {
        return read(file, ReadOptions.DEFAULT);
    }

    /**
     * Reads {@code file} as {@code options} say: {@link CsvFrameReader} for CSV and TSV (plain ASCII files without
     * quotes through {@link PlainCsvReader}, which gives the same frame faster), {@link ArffReader} for ARFF (plain ASCII
     * files with dense rows through {@link PlainArffReader}, likewise).
     *
     * @param file    the data file
     * @param options the format and delimiter, each {@code null} to choose from the file
     * @return the file's columns
     * @throws InvalidDataException naming the file (and line and column where they apply) if it does not exist, is a
     *                              directory, cannot be read, is not UTF-8 text, or its content is refused by the
     *                              reader
     * @throws IllegalArgumentException if a delimiter is given for a file read as ARFF
     * @throws UncheckedIOException on other read failures
     */
    public static Frame read(Path file, ReadOptions options) {
        String lower = file.toString().toLowerCase(Locale.ROOT);
        if (options.format() == null && (lower.endsWith(".parquet") || lower.endsWith(".pq"))) {
            // Read as CSV, its binary pages were refused as "not a text data file": say what it is instead.
            throw new InvalidDataException(file.toString(), 0, null, "is a Parquet file: backprop reads CSV, TSV and "
                    + "ARFF (backprop-spark reads Parquet; --data-format csv reads a text file of this name)");
        }
        DataFormat format = options.format() != null ? options.format() : DataFormat.of(file);
        if (format == DataFormat.ARFF && options.delimiter() != null) {
            throw new IllegalArgumentException("a delimiter applies to CSV and TSV files, not ARFF (" + file + ")");
        }
        String source = file.toString();
        // A pipe (a FIFO, /dev/stdin, the shell's <(...)) can be read once: the byte readers, which may give a file
        // back to the general one, are only for files that can be opened again.
        Frame plain = !Files.isRegularFile(file) ? null : format == DataFormat.ARFF ? PlainArffReader.read(file, source)
                : PlainCsvReader.read(file, source, format == DataFormat.TSV && options.delimiter() == null
                        ? options.withDelimiter('\t') : options);
        if (plain != null) {
            return plain;
        }
        try (Reader reader = TextFiles.open(file)) {
            return switch (format) {
                case ARFF -> ArffReader.read(reader, source);
                case TSV -> CsvFrameReader.readWith(reader, source,
                        options.withDelimiter(options.delimiter() != null ? options.delimiter() : '\t'));
                case CSV -> CsvFrameReader.readWith(reader, source, options);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }
}
