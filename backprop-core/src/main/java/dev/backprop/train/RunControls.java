package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Network;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link Trainer} does around its configuration's run: whom it reports to, the memory it may take, the time it
 * may run, and where its checkpoints go. None of it changes the weights an epoch computes.
 *
 * @param listener        told of every batch and epoch; never null
 * @param checkpointEvery a checkpoint every this many epochs, 0 for only those of a stopped run
 * @param checkpoints     receives the checkpoints, or null for none
 * @param budget          the memory a run may take; never null
 * @param timeLimit       nanoseconds of epochs a run may start, 0 for no limit
 * @param inPlace         whether the data a run is given is handed over, so its released storage may be scaled in
 *                        place ({@link #scalesInPlace})
 * @param inPlaceFrom     with a checkpoint sink, the bytes of data from which handed-over data is scaled in place
 */
record RunControls(TrainingListener listener, int checkpointEvery, Consumer<Checkpoint> checkpoints,
                   MemoryBudget budget, long timeLimit, boolean inPlace, long inPlaceFrom) {
    /** No listener, no checkpoints, the JVM's heap, no time limit, the data left as it is. */
    static final RunControls DEFAULT = new RunControls(TrainingListener.NONE, 0, null, MemoryBudget.heap(), 0, false,
            Long.MAX_VALUE);

    RunControls {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(budget, "budget");
    }

    RunControls withListener(TrainingListener other) {
        return new RunControls(other, checkpointEvery, checkpoints, budget, timeLimit, inPlace, inPlaceFrom);
    }

    RunControls withBudget(MemoryBudget other) {
        return new RunControls(listener, checkpointEvery, checkpoints, other, timeLimit, inPlace, inPlaceFrom);
    }

    /** @throws IllegalArgumentException if {@code limit} is zero or negative */
    RunControls withTimeLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("time limit must be > 0 but was " + limit);
        }
        long nanos = limit.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : limit.toNanos();
        return new RunControls(listener, checkpointEvery, checkpoints, budget, nanos, inPlace, inPlaceFrom);
    }

    /** @throws IllegalArgumentException if {@code everyEpochs} is negative */
    RunControls withCheckpoints(int everyEpochs, Consumer<Checkpoint> sink) {
        if (everyEpochs < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0 epochs but was " + everyEpochs);
        }
        return new RunControls(listener, everyEpochs, Objects.requireNonNull(sink, "sink"), budget, timeLimit,
                inPlace, inPlaceFrom);
    }

    /** Data handed over; with a checkpoint sink, scaled in place from {@code bytes} of it. */
    RunControls scalingInPlace(long bytes) {
        return new RunControls(listener, checkpointEvery, checkpoints, budget, timeLimit, true, bytes);
    }

    /**
     * Whether a run on {@code values} doubles of data (rows x (inputs + outputs)) scales them where they lie: only
     * data handed over, and with a checkpoint sink only from {@link #inPlaceFrom} bytes. Checkpoints name the data as
     * given, so data about to be scaled where it lies must be fingerprinted before the first epoch, a pass over every
     * value that a run scaling a copy makes only when it writes a checkpoint (most never do); for small data the
     * copy's memory is not worth that pass.
     */
    boolean scalesInPlace(long values) {
        return inPlace && (checkpoints == null || inPlaceFrom <= 0 || values > (inPlaceFrom - 1) / Double.BYTES);
    }

    /**
     * Where the loop's states go, as checkpoints of {@code config}'s run of {@code architecture} on {@code data}; null
     * without a checkpoint sink. The data is fingerprinted once, at the first state (most runs never emit one, and
     * reading every value costs as much as an epoch of a small network), unless {@code dataFingerprint} gives it: a
     * run that scales {@code data} in place fingerprints it before.
     *
     * @param dataFingerprint {@link Checkpoint#fingerprint} of {@code data} as given, or null to compute it then
     */
    Consumer<TrainingState> stateSink(TrainerConfig config, Architecture architecture, Dataset data,
                                      PreparedData<?> prepared, Long dataFingerprint) {
        if (checkpoints == null) {
            return null;
        }
        return new Consumer<>() {
            private Long fingerprint = dataFingerprint;

            @Override
            public void accept(TrainingState state) {
                if (fingerprint == null) {
                    fingerprint = Checkpoint.fingerprint(data);
                }
                checkpoints.accept(new Checkpoint(config, prepared.model(Network.of(architecture, state.parameters(),
                        config.precision()), data), state, fingerprint, Map.of()));
            }
        };
    }
}
