package dev.backprop.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * {@code --quiet}, for every command that shows progress on stderr while it computes ({@code train}, {@code cv},
 * {@code tune}, {@code importance}): what it leaves out is said once, here. Results (stdout), warnings and errors are
 * never left out.
 */
final class QuietOption {
    @Option(names = {"--quiet", "-q"}, description = "No progress on stderr: train's bar or lines, the line cv, tune "
            + "and importance print as each fold or column is scored. Results, warnings and errors still print.")
    boolean on;

    /**
     * Where progress lines go: one line each to {@code err} (whole lines, from any thread), or nowhere with
     * {@code --quiet}.
     */
    Consumer<String> progress(PrintWriter err) {
        if (on) {
            return line -> { };
        }
        return line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        };
    }
}
