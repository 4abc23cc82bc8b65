package dev.backprop.command;

import sun.misc.Signal;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed, an ssh connection dropped) during training into a
 * request to stop at the end of the current batch, so the model so far and a checkpoint can be written before the
 * process exits with 130, 143 or 129, as shells expect. A request made before training began (while the data was
 * read) ends the run before its first batch, writing nothing ({@link #beforeTraining}). A run started under
 * {@code nohup} keeps ignoring SIGHUP: the JVM installs no handler for a signal ignored from the start. Shared by
 * {@code backprop train} and {@code backprop-spark}, whose training stops at the end of the current iteration.
 *
 * <p>The first signal is answered at once with one line ({@code backprop: SIGINT received, stopping}): the batch,
 * and then the files, can take a while, and a run that said nothing looked as if the signal had been lost. Later
 * signals change nothing but print one line: the run is already stopping, and ending it at once could cut short the
 * model or checkpoint being written (a second Ctrl-C used to halt the JVM in the middle of the write and leave a
 * 0-byte temporary file, no model and no message). A signal that arrives while a file is written is therefore
 * answered only after the write, and the temporary file's removal, have finished. SIGKILL remains the way to abandon
 * a run at once; the atomic writes leave the previous complete files then.
 */
public final class Interruption {
    private static final AtomicReference<String> RECEIVED = new AtomicReference<>();
    private static final AtomicInteger LATER = new AtomicInteger();

    private Interruption() {
    }

    /**
     * Starts catching SIGINT, SIGTERM and SIGHUP. Where the JVM does not allow it (some platforms), does nothing.
     *
     * @param err where the lines saying a signal was received go
     */
    public static void install(PrintWriter err) {
        install(err, () -> { });
    }

    /**
     * Starts catching SIGINT, SIGTERM and SIGHUP, running {@code first} on the first signal (on the signal's thread).
     *
     * @param err   where the lines saying a signal was received go
     * @param first what the first signal also does, such as cancelling work that would delay the stop
     */
    public static void install(PrintWriter err, Runnable first) {
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (RECEIVED.compareAndSet(null, signal.getName())) {
                        say(err, "backprop: " + signalName() + " received, stopping");
                        first.run();
                    } else if (LATER.getAndIncrement() == 0) {
                        say(err, "backprop: already stopping after " + signalName() + ": what the run has (the "
                                + "model, a checkpoint) is being written, then it exits (kill -9 abandons it)");
                    }
                });
            } catch (IllegalArgumentException unsupported) {
                // The platform reserves this signal; the JVM's default handling stays.
            }
        }
    }

    /** One line at once, after a line break that ends a progress line the signal interrupted. */
    private static void say(PrintWriter err, String line) {
        err.printf("%n%s%n", line);
        err.flush();
    }

    /**
     * Whether a signal asked the run to stop.
     *
     * @return true once SIGINT, SIGTERM or SIGHUP arrived
     */
    public static boolean requested() {
        return RECEIVED.get() != null;
    }

    /**
     * Ends a run stopped before its first batch (the signal came while the data was read): there is no model so far,
     * so nothing is written and an existing output stays as it was.
     *
     * @param err where the line saying so goes
     * @return the exit code, {@link #exitCode()}
     */
    public static int beforeTraining(PrintWriter err) {
        err.printf("interrupted by %s before training began: nothing was written%n", signalName());
        err.flush();
        return exitCode();
    }

    /**
     * The exit code of a run a signal stopped.
     *
     * @return 130 after SIGINT, 143 after SIGTERM, 129 after SIGHUP (128 + the signal's number): the first signal's
     */
    public static int exitCode() {
        return switch (RECEIVED.get()) {
            case "TERM" -> 143;
            case "HUP" -> 129;
            default -> 130;
        };
    }

    /**
     * The name of the signal that stopped the run.
     *
     * @return {@code SIGINT}, {@code SIGTERM} or {@code SIGHUP}: the first signal's
     */
    public static String signalName() {
        return "SIG" + RECEIVED.get();
    }
}
