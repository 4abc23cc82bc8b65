package dev.backprop.command;

import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Runs a command line as both front ends do: a usage error is one line {@code error: ... (see 'COMMAND --help')}
 * and exit code {@value Failures#BAD_INPUT}; an exception the command throws, or the JVM running out of heap or stack,
 * is one line {@code error: ...} with the exit code its {@link Failures} gives; {@code --debug} adds the stack trace;
 * a command that succeeded but whose standard output could not be written (a full disk) fails with exit code
 * {@value Failures#BAD_INPUT}.
 */
public final class CommandRunner {
    private CommandRunner() {
    }

    /** Bytes of heap held back for the out-of-memory line. */
    private static final int HEAP_RESERVE = 1 << 20;

    /**
     * Runs {@code cli} on {@code args} with the given streams; never calls {@link System#exit}.
     *
     * @param cli      the command line, from its annotated command; its output streams are set here
     * @param args     the arguments
     * @param out      standard output, written as UTF-8
     * @param err      standard error, written as UTF-8
     * @param failures how the front end's errors read and what exit codes they give
     * @return the exit code
     */
    public static int run(CommandLine cli, String[] args, PrintStream out, PrintStream err, Failures failures) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        boolean debug = Arrays.asList(args).contains("--debug");
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, arguments) -> {
            report(errWriter, e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')", e, debug);
            return Failures.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            report(errWriter, failures.message(e), e, debug);
            return failures.exitCode(e);
        });
        int code;
        // Held back while the command runs and let go when the heap runs out, so that the line saying so can be
        // built: its number formatting loads classes of its own, and the heap may still be nearly full.
        byte[] reserve = new byte[HEAP_RESERVE];
        try {
            code = cli.execute(args);
            Reference.reachabilityFence(reserve);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Thrown past picocli's handler (it only sees Exceptions); the reserve is unreachable from here on.
            report(errWriter, failures.message(e, command(cli, args)), e, debug);
            code = Failures.FAILURE;
        }
        outWriter.flush();
        if ((outWriter.checkError() || out.checkError()) && code == 0) {
            errWriter.println("error: cannot write standard output: its disk is full or it is closed");
            code = Failures.BAD_INPUT;
        }
        errWriter.flush();
        return code;
    }

    /**
     * Writes the error line; a line break that reached it (an argument holding one, quoted back by picocli) is shown
     * escaped, as the core shows column names, so the line stays one.
     */
    private static void report(PrintWriter err, String line, Throwable e, boolean debug) {
        err.println("error: " + line.replace("\r", "\\r").replace("\n", "\\n"));
        if (debug) {
            e.printStackTrace(err);
        }
    }

    /** The subcommand named in {@code args}, or the command's own name. */
    private static String command(CommandLine cli, String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return cli.getSubcommands().containsKey(arg) ? arg : cli.getCommandName();
            }
        }
        return cli.getCommandName();
    }
}
