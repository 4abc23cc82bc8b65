package dev.backprop.linalg;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent pool that splits one large product into chunks of C's rows which the calling thread and
 * {@code threads - 1} daemon workers claim one at a time. The caller never waits for a worker to start: if the other
 * core is busy, the caller claims every chunk itself and only waits for a chunk a worker has already begun. Hand-off
 * allocates nothing (fields, one atomic claim word, one counter). A row chunk never changes how an element is summed, so
 * the result does not depend on the thread count or on who computed which chunk. If the pool is already busy (two
 * trainers multiplying at once) the caller computes everything itself.
 *
 * <p>A product is a {@link SharedProduct}, one per precision, kept by the pool. When its engine can share its packed
 * op(B) ({@link SharedProduct#packUnits} &gt; 0), a job's first tasks pack it into one buffer, unit by unit, and the
 * row chunks that follow read it: op(B) is packed once, by both threads, instead of once per chunk. A thread that
 * claims a chunk before every packing unit is done waits for them.
 *
 * <p>The same claiming runs {@link Parallel}'s range loops: a job is then a {@link RangeLoop} over aligned chunks of
 * an index range instead of a product.
 *
 * <p>The claim word holds the job's generation in its high 32 bits and the next task in its low 32; a job is closed by
 * setting the task to {@link Integer#MAX_VALUE}, so a worker that wakes late can never claim from a finished job.
 */
final class GemmPool {
    /** Spins (each a CPU pause hint) a worker waits for the next job before it parks. */
    private static final int SPINS = 4_000;
    private static final int CLOSED = Integer.MAX_VALUE;
    /** Row chunks per thread: more of them balance the load when another process holds a core. */
    private static final int CHUNKS_PER_THREAD = Integer.getInteger("backprop.gemm.chunks", 3);

    private final Thread[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong claim = new AtomicLong(CLOSED);
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger packed = new AtomicInteger();
    private volatile boolean stopped;
    private volatile RuntimeException failure;
    private int generation;

    /** The pool's two reusable product jobs: their packed op(B) buffers are grown once, then reused. */
    private final SharedDoubleProduct doubles = new SharedDoubleProduct();
    private final SharedFloatProduct floats = new SharedFloatProduct();

    // the current job, published by the volatile write of claim: a range loop, perhaps a product with packing units
    private RangeLoop loop;
    private SharedProduct product;
    private int length;
    private int chunkRows;
    private int units;
    private int tasks;

    GemmPool(int threads) {
        workers = new Thread[Math.max(0, threads - 1)];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Thread(this::work, "backprop-gemm-" + (w + 1));
            workers[w].setDaemon(true);
            workers[w].start();
        }
    }

    int threads() {
        return workers.length + 1;
    }

    /** Stops the workers; the pool must not be used afterwards. */
    void shutdown() {
        stopped = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }

    /**
     * C += op(A) op(B), rows of C shared among the caller and the workers in chunks aligned to the engine's rows.
     *
     * @return false, having done nothing, if the pool has no workers or is busy
     */
    boolean multiply(GemmEngine engine, boolean transposeA, boolean transposeB, int m, int n, int k,
                     double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        if (workers.length == 0 || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            doubles.set(engine, transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff);
            runProduct(doubles, m, engine.rowAlignment());
            return true;
        } finally {
            busy.set(false);
        }
    }

    /** The same in single precision, with a {@link FloatGemmEngine}. */
    boolean multiply(FloatGemmEngine engine, boolean transposeA, boolean transposeB, int m, int n, int k,
                     float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
        if (workers.length == 0 || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            floats.set(engine, transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff);
            runProduct(floats, m, engine.rowAlignment());
            return true;
        } finally {
            busy.set(false);
        }
    }

    private void runProduct(SharedProduct job, int rows, int align) {
        this.product = job;
        this.loop = job;
        this.units = job.packUnits();
        try {
            runJob(rows, align);
        } finally {
            job.release();
            this.product = null;
            this.loop = null;
        }
    }

    /**
     * Runs {@code loop} over [0, length) in chunks aligned to {@code align}, shared among the caller and the workers.
     *
     * @return false, having done nothing, if the pool has no workers or is busy
     */
    boolean runRanges(RangeLoop loop, int length, int align) {
        if (workers.length == 0 || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            this.loop = loop;
            this.units = 0;
            runJob(length, align);
            this.loop = null;
            return true;
        } finally {
            busy.set(false);
        }
    }

    /** Splits [0, rows) into aligned chunks after the job's packing units, runs them all, rethrows a failure. */
    private void runJob(int rows, int align) {
        int blocks = (rows + align - 1) / align;
        int count = Math.min(blocks, CHUNKS_PER_THREAD * threads());
        this.length = rows;
        this.chunkRows = (blocks + count - 1) / count * align;
        this.tasks = units + (rows + chunkRows - 1) / chunkRows;
        this.failure = null;
        completed.set(0);
        packed.set(0);
        generation++;
        long open = (long) generation << 32;
        claim.set(open);
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        runChunks(open);
        for (int spin = 0; completed.get() < tasks; spin++) {
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        claim.set(open | CLOSED);
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }

    /** Claims and runs tasks of the job whose claim word started at {@code open} until none is left. */
    private void runChunks(long open) {
        while (true) {
            long state = claim.get();
            if ((state & ~0xFFFF_FFFFL) != open) {
                return;
            }
            int next = (int) state;
            if (next >= tasks) {
                return;
            }
            if (!claim.compareAndSet(state, state + 1)) {
                continue;
            }
            try {
                if (next < units) {
                    product.pack(next);
                    packed.incrementAndGet();
                } else {
                    int from = (next - units) * chunkRows;
                    if (units > 0) {
                        awaitPacking();
                    }
                    loop.run(from, Math.min(length, from + chunkRows));
                }
            } catch (RuntimeException e) {
                failure = e;
                if (next < units) {
                    packed.incrementAndGet();
                }
            } finally {
                completed.incrementAndGet();
            }
        }
    }

    /** Every packing unit has been claimed before any chunk; wait until the threads packing them are done. */
    private void awaitPacking() {
        for (int spin = 0; packed.get() < units; spin++) {
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private void work() {
        long seen = claim.get() & ~0xFFFF_FFFFL;
        while (!stopped) {
            long state = claim.get();
            long open = state & ~0xFFFF_FFFFL;
            if (open != seen) {
                seen = open;
                if ((int) state != CLOSED) {
                    runChunks(open);
                }
                continue;
            }
            for (int spin = 0; (claim.get() & ~0xFFFF_FFFFL) == seen && !stopped; spin++) {
                if (spin < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
