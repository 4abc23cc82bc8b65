package dev.backprop.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command takes, declared once so that none can miss one: {@code --format}, {@code --debug} and
 * {@code --help}. Each command mixes it in; an option a command does not declare is refused as unknown.
 */
final class CommonOptions {
    /** The one command that also writes Markdown. */
    private static final String MARKDOWN_COMMAND = "explain";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--debug", description = "Print the stack trace of an error.")
    boolean debug;

    private OutputFormat format = OutputFormat.TEXT;

    /** Sets {@code --format}, refusing markdown (while the arguments are parsed) for all but explain. */
    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
            description = "What stdout gets: text for people, or json for one JSON object (explain also takes "
                    + "markdown). Default: ${DEFAULT-VALUE}.")
    void format(OutputFormat value) {
        if (value == OutputFormat.MARKDOWN && !command.name().equals(MARKDOWN_COMMAND)) {
            throw new ParameterException(command.commandLine(), "--format markdown is for " + MARKDOWN_COMMAND
                    + " only; this command prints text or json");
        }
        format = value;
    }

    /** The output format: text, json, or (explain only) markdown. */
    OutputFormat format() {
        return format;
    }
}
