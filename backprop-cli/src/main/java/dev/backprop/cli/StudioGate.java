package dev.backprop.cli;

/**
 * The gate a studio run's training thread passes between updates: open (running, at most {@code epochsPerSecond}
 * epochs a second), shut (paused), or open for one update or the rest of an epoch (stepping), and a stop request that
 * ends the run at its next update.
 *
 * <p>Thread-safety: none of its own. Every method is called holding the lock given to the constructor (the
 * session's), on which {@link #await} and {@link #keepPace} wait, so that the web server's threads can steer the gate
 * while the training thread is held at it.
 */
final class StudioGate {
    /** What the gate lets through next. */
    private enum Mode { RUN, PAUSE, STEP, EPOCH }

    private final Object lock;
    /** Told of every change the page shows (it also wakes the waiting training thread). */
    private final Runnable changed;
    private Mode mode = Mode.RUN;
    private boolean stop;
    /** Whether the training thread is held at the gate (so the weights stand still). */
    private boolean waiting;
    private double epochsPerSecond;
    private long lastEpochNanos;

    /**
     * @param lock            the monitor every caller holds and the training thread waits on
     * @param changed         run after each change, holding the lock; it must {@code notifyAll} on the lock
     * @param epochsPerSecond the most epochs a second (0: as fast as training goes)
     */
    StudioGate(Object lock, Runnable changed, double epochsPerSecond) {
        this.lock = lock;
        this.changed = changed;
        this.epochsPerSecond = epochsPerSecond;
    }

    void pause() {
        if (mode != Mode.PAUSE) {
            mode = Mode.PAUSE;
            changed.run();
        }
    }

    void resume() {
        mode = Mode.RUN;
        changed.run();
    }

    /** Lets one update through, then shuts again. */
    void stepUpdate() {
        mode = Mode.STEP;
        changed.run();
    }

    /** Lets the rest of this epoch through, then shuts again. */
    void stepEpoch() {
        mode = Mode.EPOCH;
        changed.run();
    }

    /** Whether {@code perSecond} is a pace: a finite number of epochs a second, at least 0 (no limit). */
    static boolean validPace(double perSecond) {
        return perSecond >= 0 && Double.isFinite(perSecond);
    }

    void pace(double perSecond) {
        epochsPerSecond = perSecond;
        changed.run();
    }

    double pace() {
        return epochsPerSecond;
    }

    /** Asks the run to stop at its next update, letting it through the gate. */
    void stop() {
        stop = true;
        lock.notifyAll();
    }

    /** Clears the stop request for a new run. */
    void reopen() {
        stop = false;
    }

    boolean stopRequested() {
        return stop;
    }

    /** Whether nothing moves until asked: the training thread is held at the gate. */
    boolean holding() {
        return waiting;
    }

    /** The gate's word for the page: training, stepping, pausing or paused. */
    String status() {
        return switch (mode) {
            case PAUSE -> waiting ? "paused" : "pausing";
            case STEP, EPOCH -> "stepping";
            case RUN -> "training";
        };
    }

    /** The run starts: holds it at the gate if shut, and starts the pace's clock. */
    void started() {
        lastEpochNanos = System.nanoTime();
        await(false, false);
    }

    /**
     * Waits at the gate: after an update ({@code moved}), at an epoch's end ({@code epochEnd}), or before the first.
     * A step that has gone through shuts the gate behind it.
     */
    void await(boolean moved, boolean epochEnd) {
        if (moved && (mode == Mode.STEP || (mode == Mode.EPOCH && epochEnd))) {
            mode = Mode.PAUSE;
            changed.run();
        }
        if (mode == Mode.PAUSE && !stop) {
            waiting = true;
            changed.run();
        }
        while (mode == Mode.PAUSE && !stop) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            }
        }
        waiting = false;
        lastEpochNanos = epochEnd ? System.nanoTime() : lastEpochNanos;
    }

    /** Sleeps (releasing the lock) so that epochs come at most {@link #epochsPerSecond} a second. */
    void keepPace() {
        if (epochsPerSecond <= 0) {
            return;
        }
        long due = lastEpochNanos + (long) (1e9 / epochsPerSecond);
        long left;
        while (!stop && mode == Mode.RUN && (left = due - System.nanoTime()) > 0) {
            try {
                lock.wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            }
        }
    }
}
