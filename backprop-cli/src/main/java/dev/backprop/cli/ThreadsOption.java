package dev.backprop.cli;

import dev.backprop.linalg.Gemm;
import picocli.CommandLine.Option;

/**
 * {@code --threads} of train, cv, tune and importance: how many threads share the large products and element-wise
 * passes of this process. A control of one invocation, like {@code --max-time}, not a training setting: every count
 * gives the same model and scores, so a resumed run may give another.
 */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that share large products and element-wise passes. Default: the number of "
                    + "processors. The model is the same for every N. Products that native OpenBLAS computes run on "
                    + "its own threads, set by the environment variable OPENBLAS_NUM_THREADS.")
    Integer threads;

    /**
     * Sets the process's thread count to the one given, if any.
     *
     * @throws UserException if it is not 1 to {@link Gemm#MAX_THREADS}
     */
    void apply() {
        if (threads == null) {
            return;
        }
        if (threads < 1) {
            throw new UserException("--threads must be a number of threads > 0 but was " + threads);
        }
        if (threads > Gemm.MAX_THREADS) {
            throw new UserException("--threads must be at most " + Gemm.MAX_THREADS + " (the model is the same "
                    + "for every count; threads beyond the cores only wait) but was " + threads);
        }
        Gemm.setThreads(threads);
    }
}
