package dev.backprop.cli;

import dev.backprop.data.ColumnNames;
import dev.backprop.data.CsvFrameReader;
import dev.backprop.data.DataFiles;
import dev.backprop.data.Frame;
import dev.backprop.data.ReadOptions;
import dev.backprop.io.CheckpointFile;
import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Reading what commands take: data files, the bundled example, model files. */
final class Inputs {
    /** The name the bundled example goes by in messages. */
    static final String EXAMPLE_NAME = "the bundled example (sleep-study.csv)";

    private Inputs() {
    }

    /**
     * The data file at {@code path} read to fit preprocessing (types inferred, almost-numeric columns refused), or
     * the seed's sleep/study example when {@code path} is null.
     */
    static Frame frame(Path path, DataOptions options) {
        return frame(path, options.readOptions());
    }

    /**
     * The data file at {@code path} read to meet a model, whose preprocessing decides each column's type: a column of
     * numbers with some text is read (as categorical), and refused by the model only if it reads it as numeric.
     */
    static Frame modelFrame(Path path, DataOptions options) {
        return frame(path, options.readOptions().withMixedColumns(true));
    }

    /** The data file at {@code path} read with {@code options}, or the bundled example when {@code path} is null. */
    static Frame frame(Path path, ReadOptions options) {
        if (path != null) {
            return DataFiles.read(path, options);
        }
        try (InputStream in = Inputs.class.getResourceAsStream("sleep-study.csv");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CsvFrameReader.readWith(reader, EXAMPLE_NAME, options.withFormat(null).withDelimiter(','));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled example could not be read", e);
        }
    }

    static Model model(Path path) throws IOException {
        return ModelFile.read(path);
    }

    /**
     * The model in {@code path}, for a command that reads a data file with it: one whose columns a data file can be
     * matched to ({@link Model#preparation()}), so that a model file that cannot (a hand-written one of several
     * outputs and no preprocessing, one input named twice) is refused naming the file.
     */
    static Model modelForData(Path path) throws IOException {
        Model model = model(path);
        try {
            model.preparation();
        } catch (IllegalArgumentException e) {
            throw new UserException(path + ": " + e.getMessage());
        }
        return model;
    }

    /** The checkpoint in {@code path}, refused if it was changed after it was written. */
    static CheckpointFile.Contents checkpoint(Path path) throws IOException {
        return CheckpointFile.readContents(path);
    }

    /** One warning line per input column that held categories training never saw (they encode as all zeros). */
    static void warnUnseen(PrintWriter err, Map<String, Integer> unseen) {
        unseen.forEach((column, count) -> err.printf("warning: %d value%s of %s %s not seen in training and "
                + "encode%s as all zeros%n", count, count == 1 ? "" : "s", ColumnNames.quoted(column),
                count == 1 ? "was" : "were",
                count == 1 ? "s" : ""));
        err.flush();
    }
}
