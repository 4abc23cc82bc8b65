package dev.backprop.command;

import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code --data-format}: how DATA is written where its extension does not say. Both command lines take it, each
 * reading the formats it knows ({@code backprop}: csv, tsv, arff; {@code backprop-spark}: csv, tsv, parquet) and
 * refusing the others.
 */
public final class DataFormatOption {
    @Option(names = "--data-format", paramLabel = "FMT",
            description = "The format of DATA: csv, tsv or arff (backprop), csv, tsv or parquet (backprop-spark). "
                    + "Default: from its extension (.arff, .tsv, .parquet; anything else is CSV).")
    String format;

    /**
     * The format given, in lower case.
     *
     * @return the format's name, or null if none was given
     */
    public String format() {
        return format == null ? null : format.toLowerCase(Locale.ROOT);
    }
}
