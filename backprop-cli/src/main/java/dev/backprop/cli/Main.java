package dev.backprop.cli;

import dev.backprop.command.CommandRunner;
import dev.backprop.command.CommonOptions;
import dev.backprop.command.DebugOption;
import dev.backprop.command.Failures;
import dev.backprop.io.StandardOutput;
import dev.backprop.linalg.ColdStart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code backprop} command line. Exit codes: 0 success, 2 bad usage or bad input, 1 anything else. Errors are
 * one line {@code error: ...} on stderr; {@code --debug} adds the stack trace.
 */
@Command(name = "backprop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train feed-forward neural networks by backpropagation.",
        footer = {"", "Run 'backprop COMMAND --help' for a command's options. Add --debug to see stack traces."})
public final class Main implements Runnable {
    /** How the command line's errors read: as {@link Failures} says, and a {@link UserException} is bad input. */
    static final Failures FAILURES = new Failures(e -> e instanceof UserException, e -> e, "BACKPROP_JAVA_OPTS");
    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(TrainCommand.class, PredictCommand.class,
            EvaluateCommand.class, GradcheckCommand.class, ExplainCommand.class, PlotCommand.class, DrawCommand.class,
            ReportCommand.class, ServeCommand.class, CvCommand.class, TuneCommand.class, ImportanceCommand.class,
            ExportCommand.class, StudioCommand.class, CompletionCommand.class);

    @Spec
    CommandSpec spec;

    /** Also before a command; each command takes it too, with the other common options ({@link CommonOptions}). */
    @Mixin
    DebugOption debug;

    /**
     * {@code backprop} alone: the help on stdout, then, as for any usage error, one line {@code error: missing
     * command} on stderr and exit code 2 (git and go also print their usage and exit non-zero for a bare command,
     * so a script that forgot the command fails).
     */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        List<String> commands = new ArrayList<>(spec.subcommands().values().stream()
                .map(CommandLine::getCommandName).distinct().toList());
        String last = commands.remove(commands.size() - 1);
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command (choose " + String.join(", ", commands) + " or " + last + ")");
    }

    public static void main(String[] args) {
        coldStart(args);
        System.exit(run(args, new PrintStream(new StandardOutput(new FileOutputStream(FileDescriptor.out)), true),
                System.err));
    }

    /**
     * {@code predict} and {@code evaluate} start their element-wise kernels in plain Java ({@link ColdStart}): the same
     * results, without running Vector API code before C2 has compiled it. {@code train} keeps the vectors from the
     * start: over more than a few epochs the plain form's slower logistic function costs more than compiling saves.
     */
    private static void coldStart(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        if (command.equals("predict") || command.equals("evaluate")) {
            ColdStart.begin();
        }
    }

    /**
     * Runs the command line with the given streams and returns the exit code; never calls System.exit. Errors and
     * exit codes as {@link CommandRunner} gives them.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandRunner.run(commandLine(args.length > 0 ? args[0] : null), args, out, err, FAILURES);
    }

    /**
     * The command line with every subcommand, for help, completion and parsing any arguments.
     *
     * @return a new command line
     */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for arguments that start with {@code first}: only that subcommand when it names one, every
     * subcommand otherwise (the root's help lists them all, and an unknown name is refused in the same words).
     * picocli builds a command's model, all its options by reflection, when the command is added, so a run builds
     * only the command it runs.
     *
     * @param first the first argument, or null
     * @return a new command line
     */
    static CommandLine commandLine(String first) {
        // Each subcommand gets a command line of its own so that its model transformer (SettingOptions) runs, as it
        // does for subcommands declared in the annotation.
        CommandLine line = new CommandLine(new Main());
        boolean named = false;
        for (Class<?> command : COMMANDS) {
            if (command.getAnnotation(Command.class).name().equals(first)) {
                line.addSubcommand(new CommandLine(command));
                named = true;
            }
        }
        if (!named) {
            for (Class<?> command : COMMANDS) {
                line.addSubcommand(new CommandLine(command));
            }
        }
        // After the subcommands: picocli gives a converter to the subcommands already added.
        return line.registerConverter(Path.class, PathArgument::of);
    }
}
