package dev.backprop.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Parses a block of whole lines on up to four cores: the block is cut at line ends into one part per core, each part
 * goes to its own {@link Part}, and the parts come back in file order. Blocks (and files) too small to be worth the
 * threads are parsed on the calling thread alone. Closing it stops its threads.
 *
 * @param <P> the parser of one part ({@link PlainCsvRows}, {@link PlainArffRows})
 */
final class ParallelBlocks<P extends ParallelBlocks.Part> implements AutoCloseable {
    /** Blocks smaller than this are parsed on the calling thread alone. */
    static final int PARALLEL_MIN = 1 << 20;
    private final byte[] buffer;
    private final List<P> parsers = new ArrayList<>();
    private final ExecutorService pool;

    /** Parses whole lines of the shared buffer into its own rows; one thread at a time. */
    interface Part {
        /**
         * Parses the whole lines in [from, last) of the buffer, replacing the rows of the last call.
         *
         * @throws NotPlainText where the lines are not for the byte-level reader
         */
        void parse(int from, int last);
    }

    /**
     * @param buffer the block buffer the parts are read from (refilled by the caller between blocks)
     * @param part   makes one part's parser over {@code buffer}
     * @param size   the file's length in bytes; a file under {@link #PARALLEL_MIN} gets no threads
     */
    ParallelBlocks(byte[] buffer, Supplier<P> part, long size) {
        this.buffer = buffer;
        int parts = Math.min(4, Runtime.getRuntime().availableProcessors());
        for (int k = 0; k < parts; k++) {
            parsers.add(part.get());
        }
        pool = parts > 1 && size >= PARALLEL_MIN ? Executors.newFixedThreadPool(parts - 1, runnable -> {
            Thread thread = new Thread(runnable, "backprop-read");
            thread.setDaemon(true);
            // A part's failure reaches the reading thread, which reports it once as one line; the JVM's default
            // handler would also print it (an OutOfMemoryError can escape the task itself) as a stack trace.
            thread.setUncaughtExceptionHandler((t, e) -> { });
            return thread;
        }) : null;
    }

    /**
     * Parses the whole lines in [from, last) of the buffer.
     *
     * @return the parsers holding the block's rows, in file order; valid until the next call
     * @throws NotPlainText where a part is not for the byte-level reader
     */
    List<P> parse(int from, int last) throws InterruptedException {
        int parts = pool == null || last - from < PARALLEL_MIN ? 1 : parsers.size();
        int[] bounds = new int[parts + 1];
        bounds[0] = from;
        for (int k = 1; k < parts; k++) {
            int cut = Math.max(bounds[k - 1], from + (int) ((long) (last - from) * k / parts));
            while (cut < last && buffer[cut - 1] != '\n') {
                cut++;
            }
            bounds[k] = cut;
        }
        bounds[parts] = last;
        List<Future<?>> running = new ArrayList<>();
        for (int k = 1; k < parts; k++) {
            P parser = parsers.get(k);
            int a = bounds[k];
            int b = bounds[k + 1];
            running.add(pool.submit(() -> parser.parse(a, b)));
        }
        try {
            parsers.get(0).parse(bounds[0], bounds[1]);
        } finally {
            // Whatever this thread's part threw (an OutOfMemoryError, say), the others finish first: none is left
            // holding its rows while the caller reports the failure.
            for (Future<?> f : running) {
                finish(f);
            }
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof NotPlainText) {
                    throw NotPlainText.INSTANCE;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return parsers.subList(0, parts);
    }

    /** Waits for {@code f} to end, however it ends; its outcome is read afterwards. */
    private static void finish(Future<?> f) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException | CancellationException e) {
            // read by the caller
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
