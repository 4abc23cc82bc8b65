package dev.backprop.cli;

import dev.backprop.data.CsvFiles;
import dev.backprop.data.Table;
import dev.backprop.io.ModelFile;
import dev.backprop.nn.Model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Reading what commands take: data files, the bundled example, model files. */
final class Inputs {
    /** The name the bundled example goes by in messages. */
    static final String EXAMPLE_NAME = "the bundled example (sleep-study.csv)";

    private Inputs() {
    }

    /** The data file at {@code path}, or the seed's sleep/study example when {@code path} is null. */
    static Table table(Path path) {
        if (path != null) {
            return CsvFiles.read(path);
        }
        try (InputStream in = Inputs.class.getResourceAsStream("sleep-study.csv");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CsvFiles.read(reader, EXAMPLE_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled example could not be read", e);
        }
    }

    static Model model(Path path) throws IOException {
        return ModelFile.read(path);
    }
}
