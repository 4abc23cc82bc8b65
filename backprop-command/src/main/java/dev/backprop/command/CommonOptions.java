package dev.backprop.command;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;

/**
 * The options every command of both command lines takes, declared once so that none can miss one: {@code --format},
 * {@code --debug} and {@code --help}. Each command mixes it in; an option a command does not declare is refused as
 * unknown. {@code --debug} ({@link DebugOption}, which the {@code backprop} command itself takes too) is read by
 * {@link CommandRunner}, before the arguments are parsed.
 */
public final class CommonOptions {
    /** The one command that also writes Markdown: {@code backprop explain}. */
    private static final String MARKDOWN_COMMAND = "explain";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    DebugOption debug;

    private OutputFormat format = OutputFormat.TEXT;

    /** Sets {@code --format}, refusing (while the arguments are parsed) a name this command does not print. */
    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text",
            description = "What stdout gets: text for people, or json for one JSON object (explain also takes "
                    + "markdown). Default: ${DEFAULT-VALUE}.")
    void format(String value) {
        boolean markdown = command.name().equals(MARKDOWN_COMMAND);
        String choices = markdown ? "text, json or markdown" : "text or json";
        OutputFormat parsed = switch (value.toLowerCase(Locale.ROOT)) {
            case "text" -> OutputFormat.TEXT;
            case "json" -> OutputFormat.JSON;
            case "markdown" -> OutputFormat.MARKDOWN;
            default -> throw new ParameterException(command.commandLine(),
                    "--format must be " + choices + " but was '" + value + "'");
        };
        if (parsed == OutputFormat.MARKDOWN && !markdown) {
            throw new ParameterException(command.commandLine(), "--format markdown is for " + MARKDOWN_COMMAND
                    + " only; this command prints " + choices);
        }
        format = parsed;
    }

    /**
     * The output format.
     *
     * @return text, json, or (explain only) markdown
     */
    public OutputFormat format() {
        return format;
    }
}
