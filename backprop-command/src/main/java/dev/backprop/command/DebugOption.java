package dev.backprop.command;

import picocli.CommandLine.Option;

/**
 * {@code --debug}: print the stack trace of an error. Declared here once for every command ({@link CommonOptions}
 * mixes it in) and for the {@code backprop} command before its subcommand; {@link CommandRunner} reads it from the
 * arguments before they are parsed, so that a usage error's trace can be shown too.
 */
public final class DebugOption {
    @Option(names = "--debug", description = "Print the stack trace of an error.")
    boolean debug;
}
