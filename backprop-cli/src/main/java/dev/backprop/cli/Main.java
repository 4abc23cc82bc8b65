package dev.backprop.cli;

import dev.backprop.data.InvalidDataException;
import dev.backprop.io.InvalidModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * The {@code backprop} command line. Exit codes: 0 success, 2 bad usage or bad input, 1 anything else. Errors are
 * one line {@code error: ...} on stderr; {@code --debug} adds the stack trace.
 */
@Command(name = "backprop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train feed-forward neural networks by backpropagation.",
        subcommands = {TrainCommand.class, PredictCommand.class, EvaluateCommand.class, GradcheckCommand.class,
                ExplainCommand.class, PlotCommand.class, DrawCommand.class, ReportCommand.class,
                CompletionCommand.class},
        footer = {"", "Run 'backprop COMMAND --help' for a command's options. Add --debug to see stack traces."})
public final class Main implements Runnable {
    /** Exit code for bad usage or bad input. */
    static final int BAD_INPUT = 2;
    /** Exit code for any other failure. */
    static final int FAILURE = 1;

    @Spec
    CommandSpec spec;

    /** Also before a command; each command takes it too, with the other common options ({@link CommonOptions}). */
    @CommandLine.Option(names = "--debug", description = "Print the stack trace of an error.")
    boolean debug;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command (choose train, predict, evaluate, gradcheck, explain, plot, draw or report)");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code; never calls System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, arguments) -> {
            errWriter.println("error: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            if (debug) {
                e.printStackTrace(errWriter);
            }
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            errWriter.println("error: " + message(e));
            if (debug) {
                e.printStackTrace(errWriter);
            }
            return exitCode(e);
        });
        int code = cli.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    static int exitCode(Throwable e) {
        if (e instanceof UserException || e instanceof InvalidDataException || e instanceof InvalidModelException
                || e instanceof IllegalArgumentException || e instanceof NoSuchFileException
                || e instanceof AccessDeniedException) {
            return BAD_INPUT;
        }
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return exitCode(u.getCause());
        }
        return FAILURE;
    }

    static String message(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return e.getMessage() + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return e.getMessage() + ": permission denied";
        }
        if (e instanceof UncheckedIOException u && u.getCause() instanceof IOException) {
            return message(u.getCause());
        }
        String text = e.getMessage();
        if (text == null || text.isBlank()) {
            text = e.getClass().getSimpleName();
        }
        return text.lines().findFirst().orElse(text);
    }
}
