package dev.backprop.cli;

import dev.backprop.data.InvalidDataException;
import dev.backprop.io.InvalidModelException;
import dev.backprop.io.UnwritableFileException;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
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
        System.exit(run(args, new PrintStream(new StandardOutput(new FileOutputStream(FileDescriptor.out)), true),
                System.err));
    }

    /**
     * Runs the command line with the given streams and returns the exit code; never calls System.exit. A command that
     * succeeded but whose standard output could not be written (a full disk) fails with exit code 2.
     */
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
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Thrown past picocli's handler (it only sees Exceptions); what held the memory is unreachable now.
            errWriter.println("error: " + message(e, command(args)));
            if (debug) {
                e.printStackTrace(errWriter);
            }
            code = FAILURE;
        }
        outWriter.flush();
        if ((outWriter.checkError() || out.checkError()) && code == 0) {
            errWriter.println("error: cannot write standard output: its disk is full or it is closed");
            code = BAD_INPUT;
        }
        errWriter.flush();
        return code;
    }

    static int exitCode(Throwable e) {
        if (e instanceof UserException || e instanceof InvalidDataException || e instanceof InvalidModelException
                || e instanceof IllegalArgumentException || e instanceof NoSuchFileException
                || e instanceof AccessDeniedException || e instanceof UnwritableFileException) {
            return BAD_INPUT;
        }
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return exitCode(u.getCause());
        }
        return FAILURE;
    }

    /** The subcommand named in {@code args}, or "backprop". */
    private static String command(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "backprop";
    }

    /** The line for an error the JVM threw: the heap or the stack ran out. */
    static String message(Error e, String command) {
        if (e instanceof StackOverflowError) {
            return "input nested too deep: the stack overflowed while running " + command;
        }
        return "out of memory while running " + command + " (the JVM may use "
                + MemoryBudget.bytes(Runtime.getRuntime().maxMemory()) + "); give it less to hold or "
                + "raise the heap with BACKPROP_JAVA_OPTS=-Xmx" + suggestedHeapGb(Runtime.getRuntime().maxMemory() * 2)
                + "g";
    }

    /** Whole gigabytes of heap that would hold {@code bytes}, at least one more than the JVM has now. */
    static long suggestedHeapGb(long bytes) {
        long current = Runtime.getRuntime().maxMemory() >> 30;
        return Math.max(current + 1, MemoryBudget.plus(bytes, (1L << 30) - 1) >> 30);
    }

    static String message(Throwable e) {
        if (e instanceof TooLargeException t && t.availableBytes() >= 0) {
            // The core says what was too big; only the command line knows how to give the JVM more heap.
            Runtime runtime = Runtime.getRuntime();
            long inUse = runtime.totalMemory() - runtime.freeMemory();
            long wanted = MemoryBudget.plus(MemoryBudget.plus(t.neededBytes(), inUse), t.neededBytes() / 5);
            return t.getMessage() + ", or raise the heap with BACKPROP_JAVA_OPTS=-Xmx" + suggestedHeapGb(wanted) + "g";
        }
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
