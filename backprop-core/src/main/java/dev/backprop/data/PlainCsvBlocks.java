package dev.backprop.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Parses a block of whole lines on up to four cores: the block is cut at line ends into one part per core, each part
 * goes to its own {@link PlainCsvRows}, and the parts come back in file order. Blocks (and files) too small to be
 * worth the threads are parsed on the calling thread alone. Closing it stops its threads.
 */
final class PlainCsvBlocks implements AutoCloseable {
    /** Blocks smaller than this are parsed on the calling thread alone. */
    static final int PARALLEL_MIN = 1 << 20;
    private final byte[] buffer;
    private final PlainCsvRows[] parsers;
    private final ExecutorService pool;

    /**
     * @param buffer    the block buffer the parts are read from (refilled by the caller between blocks)
     * @param delimiter the field delimiter
     * @param columns   the fields per row
     * @param size      the file's length in bytes; a file under {@link #PARALLEL_MIN} gets no threads
     */
    PlainCsvBlocks(byte[] buffer, byte delimiter, int columns, long size) {
        this.buffer = buffer;
        int parts = Math.min(4, Runtime.getRuntime().availableProcessors());
        parsers = new PlainCsvRows[parts];
        for (int k = 0; k < parts; k++) {
            parsers[k] = new PlainCsvRows(buffer, delimiter, columns);
        }
        pool = parts > 1 && size >= PARALLEL_MIN ? Executors.newFixedThreadPool(parts - 1, runnable -> {
            Thread thread = new Thread(runnable, "backprop-csv");
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
     * @throws NotPlainCsv where a part is not plain CSV
     */
    List<PlainCsvRows> parse(int from, int last) throws InterruptedException {
        int parts = pool == null || last - from < PARALLEL_MIN ? 1 : parsers.length;
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
            PlainCsvRows parser = parsers[k];
            int a = bounds[k];
            int b = bounds[k + 1];
            running.add(pool.submit(() -> parser.parse(a, b)));
        }
        parsers[0].parse(bounds[0], bounds[1]);
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof NotPlainCsv) {
                    throw NotPlainCsv.INSTANCE;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return List.of(parsers).subList(0, parts);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
