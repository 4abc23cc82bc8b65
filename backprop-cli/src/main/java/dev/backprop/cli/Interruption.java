package dev.backprop.cli;

import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM during training into a request to stop at the end of the current batch, so the
 * model so far can be written before the process exits with 130 or 143, as shells expect. A second signal while
 * the first is being handled ends the process at once, the usual escape hatch.
 */
final class Interruption {
    private static final AtomicReference<String> RECEIVED = new AtomicReference<>();

    private Interruption() {
    }

    /** Starts catching SIGINT and SIGTERM. Where the JVM does not allow it (some platforms), does nothing. */
    static void install() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (!RECEIVED.compareAndSet(null, signal.getName())) {
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                });
            } catch (IllegalArgumentException unsupported) {
                // The platform reserves this signal; the JVM's default handling stays.
            }
        }
    }

    static boolean requested() {
        return RECEIVED.get() != null;
    }

    /** 130 after SIGINT, 143 after SIGTERM. */
    static int exitCode() {
        return "TERM".equals(RECEIVED.get()) ? 143 : 130;
    }

    static String signalName() {
        return "SIG" + RECEIVED.get();
    }
}
