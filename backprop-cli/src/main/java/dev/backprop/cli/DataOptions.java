package dev.backprop.cli;

import dev.backprop.command.DataFormatOption;
import dev.backprop.data.DataFormat;
import dev.backprop.data.ReadOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to read a data file: options shared by every command that reads one. */
final class DataOptions {
    @Option(names = "--delimiter", paramLabel = "D",
            description = "Field separator of CSV data: one character, or comma, tab, semicolon, pipe, space. "
                    + "Default: detected from the header line.")
    String delimiter;

    @Mixin
    DataFormatOption format;

    ReadOptions readOptions() {
        ReadOptions options = ReadOptions.DEFAULT;
        try {
            if (format.format() != null) {
                options = options.withFormat(DataFormat.fromId(format.format()));
            }
            if (delimiter != null) {
                options = options.withDelimiter(ReadOptions.parseDelimiter(delimiter));
            }
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        return options;
    }
}
