package dev.backprop.command;

import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code --max-time}: how long a run may go on before it stops at the end of an epoch with a checkpoint. A control of
 * one invocation, like {@code --threads}, not a training setting: it does not change what an epoch computes (a run
 * stopped by it and resumed ends as the run that never stopped), so it is not in the model file's settings nor in the
 * configuration a checkpoint compares, and a resumed run may give another. A picocli mixin.
 */
public final class TimeLimitOption {
    @Option(names = "--max-time", paramLabel = "TIME", converter = TimeLimit.class,
            description = "Stop at the end of the epoch that spends TIME (seconds, or 90s, 10m, 1h); stop reason: time "
                    + "limit. train leaves a checkpoint that --resume continues; backprop-spark's --init continues "
                    + "from the model.")
    Duration maxTime;

    /**
     * The time limit given.
     *
     * @return the {@code --max-time} given, or null for none
     */
    public Duration maxTime() {
        return maxTime;
    }
}
