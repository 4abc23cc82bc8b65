package dev.backprop.command;

import dev.backprop.data.InvalidDataException;
import dev.backprop.io.InvalidModelException;
import dev.backprop.io.UnwritableFileException;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * How a command line reports what went wrong: the one line after {@code error: } and the exit code,
 * {@value #BAD_INPUT} for bad usage or bad input (the core's data, model-file and argument errors, a file that is
 * absent, unreadable or unwritable), {@value #FAILURE} for anything else. Each front end adds only the exceptions of
 * its own that are bad input and, if its messages hide in a cause, which one to show. Immutable.
 */
public final class Failures {
    /** Exit code for bad usage or bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code for any other failure. */
    public static final int FAILURE = 1;

    private final Predicate<Throwable> alsoBadInput;
    private final UnaryOperator<Throwable> shown;
    private final String heapVariable;

    /**
     * @param alsoBadInput the front end's own exceptions that mean bad usage or bad input
     * @param shown        the throwable whose message tells the user what happened, given the one thrown
     * @param heapVariable the environment variable that passes {@code -Xmx} to the front end's JVM, for the advice
     *                     that comes with running out of memory; null to give none
     */
    public Failures(Predicate<Throwable> alsoBadInput, UnaryOperator<Throwable> shown, String heapVariable) {
        this.alsoBadInput = alsoBadInput;
        this.shown = shown;
        this.heapVariable = heapVariable;
    }

    /**
     * The exit code for an exception a command threw.
     *
     * @param e what the command threw
     * @return {@value #BAD_INPUT} or {@value #FAILURE}
     */
    public int exitCode(Throwable e) {
        if (e instanceof InvalidDataException || e instanceof InvalidModelException
                || e instanceof IllegalArgumentException || e instanceof NoSuchFileException
                || e instanceof AccessDeniedException || e instanceof UnwritableFileException
                || alsoBadInput.test(e)) {
            return BAD_INPUT;
        }
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return exitCode(u.getCause());
        }
        return FAILURE;
    }

    /**
     * The line that says what a command's exception means.
     *
     * @param e what the command threw
     * @return the first line of its message (or its class's name if it has none), with the file problem named
     */
    public String message(Throwable e) {
        if (e instanceof TooLargeException t && t.availableBytes() >= 0 && heapVariable != null) {
            // The core says what was too big; only the command line knows how to give the JVM more heap.
            Runtime runtime = Runtime.getRuntime();
            long inUse = runtime.totalMemory() - runtime.freeMemory();
            long wanted = MemoryBudget.plus(MemoryBudget.plus(t.neededBytes(), inUse), t.neededBytes() / 5);
            return t.getMessage() + ", or " + heapAdvice(wanted);
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
        Throwable cause = shown.apply(e);
        String text = cause.getMessage();
        if (text == null || text.isBlank()) {
            text = cause.getClass().getSimpleName();
        }
        return text.lines().findFirst().orElse(text);
    }

    /**
     * The line for an error the JVM threw while a command ran: the heap or the stack ran out.
     *
     * @param e       the error
     * @param command the command's name
     * @return the line, with how to give the JVM more heap if the front end has a way
     */
    public String message(Error e, String command) {
        if (e instanceof StackOverflowError) {
            return "input nested too deep: the stack overflowed while running " + command;
        }
        String line = "out of memory while running " + command + " (the JVM may use "
                + MemoryBudget.bytes(Runtime.getRuntime().maxMemory()) + ")";
        return heapVariable == null ? line
                : line + "; give it less to hold or " + heapAdvice(Runtime.getRuntime().maxMemory() * 2);
    }

    private String heapAdvice(long bytes) {
        return "raise the heap with " + heapVariable + "=-Xmx" + suggestedHeapGb(bytes) + "g";
    }

    /** Whole gigabytes of heap that would hold {@code bytes}, at least one more than the JVM has now. */
    private static long suggestedHeapGb(long bytes) {
        long current = Runtime.getRuntime().maxMemory() >> 30;
        return Math.max(current + 1, MemoryBudget.plus(bytes, (1L << 30) - 1) >> 30);
    }
}
