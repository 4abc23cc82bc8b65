package dev.backprop.cli;

import dev.backprop.data.Frame;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/**
 * The data of the commands that train on the seed's example when given none ({@code train}, {@code studio}): an
 * optional DATA file with {@link TrainDataOptions}.
 */
final class DataOrExample extends TrainDataOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
            description = "Training data: CSV/TSV with a header row, or ARFF. Default: the bundled example.")
    Path data;

    /** Reads DATA (null: the bundled example) as {@link TrainDataOptions#read(Path)} does. */
    Frame read() {
        return read(data);
    }
}
