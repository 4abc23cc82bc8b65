package dev.backprop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the event a test needs (a line a child process printed, a file it wrote) instead of for a time, so that a
 * loaded machine (a busy build on two cores, a GC pause, a 5x slower step) makes the test slower, never wrong. Every
 * wait is bounded by {@link #LIMIT_SECONDS}, generous on purpose: it only decides how long a broken run takes to fail.
 */
final class Awaits {
    /** The longest any single wait lasts before the test fails. */
    static final long LIMIT_SECONDS = 60;

    private Awaits() {
    }

    /**
     * Waits until {@code file} holds {@code text}, failing once {@code child} has ended without printing it or after
     * {@link #LIMIT_SECONDS}.
     *
     * @return the file's text then
     */
    static String printed(Process child, Path file, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (true) {
            String now = Files.exists(file) ? Files.readString(file) : "";
            if (now.contains(text)) {
                return now;
            }
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError((child.isAlive() ? "waited " + LIMIT_SECONDS + " s" : "the process ended ("
                        + child.exitValue() + ")") + " before " + file.getFileName() + " held '" + text + "': " + now);
            }
            Thread.sleep(5);
        }
    }

    /**
     * Waits until {@code file} exists, failing once {@code child} has ended without writing it or after
     * {@link #LIMIT_SECONDS}.
     */
    static void exists(Process child, Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!Files.exists(file)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError((child.isAlive() ? "waited " + LIMIT_SECONDS + " s" : "the process ended")
                        + " before " + file + " existed");
            }
            Thread.sleep(5);
        }
    }

    /**
     * Opens the FIFO {@code fifo} for writing, which returns once {@code child} has opened it to read: so a child that
     * holds it open is inside its read. Fails, instead of waiting for ever, if the child ends without opening it or
     * has not opened it after {@link #LIMIT_SECONDS}.
     */
    static OutputStream writerOf(Path fifo, Process child) throws IOException, InterruptedException {
        FutureTask<OutputStream> open = new FutureTask<>(() -> Files.newOutputStream(fifo));
        Thread opener = new Thread(open, "fifo opener");
        opener.setDaemon(true);
        opener.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!open.isDone()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                // Open the other end too, so the thread left waiting in its open returns and ends.
                Files.newInputStream(fifo).close();
                throw new AssertionError((child.isAlive() ? "waited " + LIMIT_SECONDS + " s" : "the process ended ("
                        + child.exitValue() + ")") + " before it opened " + fifo);
            }
            Thread.sleep(5);
        }
        try {
            return open.get();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /**
     * A shell, started now, that sends {@code signals} to {@code child} in order the moment {@link Signals#send()} is
     * called: starting a {@code kill} process takes milliseconds (far more on a loaded machine), which is longer
     * than some windows a test aims its signals at.
     */
    static Signals signals(Process child, List<String> signals) throws IOException {
        List<String> kills = new ArrayList<>();
        for (String signal : signals) {
            kills.add("kill -" + signal + " " + child.pid());
        }
        Process shell = new ProcessBuilder("sh", "-c", "read go && " + (kills.isEmpty() ? "true"
                : String.join(" && ", kills))).redirectErrorStream(true).start();
        return new Signals(shell);
    }

    /** The shell of {@link #signals}, waiting for its cue. */
    static final class Signals {
        private final Process shell;

        private Signals(Process shell) {
            this.shell = shell;
        }

        /** Sends the signals and waits until the last has been sent. */
        void send() throws IOException, InterruptedException {
            try (OutputStream cue = shell.getOutputStream()) {
                cue.write("go\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (!shell.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                shell.destroyForcibly();
                throw new AssertionError("the signals were not sent within " + LIMIT_SECONDS + " s");
            }
            if (shell.exitValue() != 0) {
                throw new AssertionError("kill failed: " + new String(shell.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        }

        /** Ends the shell if {@link #send()} was never called. */
        void cancel() {
            shell.destroyForcibly();
        }
    }
}
