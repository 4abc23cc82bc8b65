package dev.backprop.command;

import picocli.CommandLine.Option;

/**
 * The options of a training command line that name model files: {@code --init}, the model training starts from, and
 * {@code --out}, where the trained model goes. A picocli mixin that {@code backprop train} and {@code backprop-spark}
 * both use, so each option is declared once; the names are kept as typed, since {@code backprop-spark} also takes
 * Hadoop URIs ({@code hdfs://...}), which a {@link java.nio.file.Path} would not keep.
 */
public final class ModelOptions {
    @Option(names = "--init", paramLabel = "MODEL.json",
            description = "Start from this model file's architecture and weights instead of random ones.")
    String init;

    @Option(names = {"--out", "-o"}, paramLabel = "MODEL.json", defaultValue = "model.json",
            description = "Where to write the model. Default: ${DEFAULT-VALUE}.")
    String out = "model.json";

    /**
     * The starting model's file as typed.
     *
     * @return the name given to {@code --init}, or null for fresh weights
     */
    public String init() {
        return init;
    }

    /**
     * Where the trained model goes, as typed.
     *
     * @return the name given to {@code --out}, {@code model.json} by default
     */
    public String out() {
        return out;
    }
}
