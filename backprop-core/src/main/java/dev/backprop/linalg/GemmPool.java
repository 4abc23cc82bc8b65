package dev.backprop.linalg;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A persistent pool that splits one large product by rows of C: the calling thread computes the last range and
 * {@code threads - 1} daemon workers the others. Hand-off allocates nothing (fields plus volatile counters), workers spin
 * briefly before parking because the next product of a training step follows within microseconds. Row ranges never
 * change how an element is summed, so the result does not depend on the thread count. If the pool is already busy (two
 * trainers multiplying at once) the caller simply computes everything itself.
 */
final class GemmPool {
    private static final int SPINS = 20_000;

    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();

    GemmPool(int threads) {
        workers = new Worker[Math.max(0, threads - 1)];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker();
            Thread thread = new Thread(workers[w], "backprop-gemm-" + (w + 1));
            thread.setDaemon(true);
            workers[w].thread = thread;
            thread.start();
        }
    }

    int threads() {
        return workers.length + 1;
    }

    /** Stops the workers; the pool must not be used afterwards. */
    void shutdown() {
        for (Worker w : workers) {
            w.stopped = true;
            LockSupport.unpark(w.thread);
        }
    }

    /**
     * C += op(A) op(B) with rows of C shared among up to {@code parts} threads.
     *
     * @return false, having done nothing, if the pool is busy or has no workers
     */
    boolean multiply(GemmEngine engine, int parts, boolean transposeA, boolean transposeB, int m, int n, int k,
                     double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
        int count = Math.min(parts, workers.length + 1);
        if (count < 2 || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            int align = engine.rowAlignment();
            int blocks = (m + align - 1) / align;
            int from = 0;
            for (int t = 0; t < count - 1; t++) {
                int to = Math.min(m, (int) ((long) blocks * (t + 1) / count) * align);
                workers[t].post(engine, transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff, from, to);
                from = to;
            }
            engine.multiply(transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff, from, m);
            RuntimeException failure = null;
            for (int t = 0; t < count - 1; t++) {
                RuntimeException e = workers[t].await();
                failure = failure == null ? e : failure;
            }
            if (failure != null) {
                throw failure;
            }
            return true;
        } finally {
            busy.set(false);
        }
    }

    private static final class Worker implements Runnable {
        Thread thread;
        volatile boolean stopped;
        private volatile int posted;
        private volatile int finished;
        private volatile Thread waiter;
        private RuntimeException failure;
        private GemmEngine engine;
        private boolean transposeA;
        private boolean transposeB;
        private int m;
        private int n;
        private int k;
        private double[] a;
        private int aOff;
        private double[] b;
        private int bOff;
        private double[] c;
        private int cOff;
        private int rowFrom;
        private int rowTo;

        void post(GemmEngine engine, boolean transposeA, boolean transposeB, int m, int n, int k, double[] a, int aOff,
                  double[] b, int bOff, double[] c, int cOff, int rowFrom, int rowTo) {
            this.engine = engine;
            this.transposeA = transposeA;
            this.transposeB = transposeB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.aOff = aOff;
            this.b = b;
            this.bOff = bOff;
            this.c = c;
            this.cOff = cOff;
            this.rowFrom = rowFrom;
            this.rowTo = rowTo;
            this.failure = null;
            posted = posted + 1;
            LockSupport.unpark(thread);
        }

        RuntimeException await() {
            int target = posted;
            for (int spin = 0; finished != target; spin++) {
                if (spin < SPINS) {
                    Thread.onSpinWait();
                } else {
                    waiter = Thread.currentThread();
                    if (finished != target) {
                        LockSupport.parkNanos(this, 100_000L);
                    }
                }
            }
            waiter = null;
            RuntimeException e = failure;
            a = null;
            b = null;
            c = null;
            return e;
        }

        @Override
        public void run() {
            int done = 0;
            while (!stopped) {
                for (int spin = 0; posted == done && !stopped; spin++) {
                    if (spin < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (stopped) {
                    return;
                }
                int job = posted;
                try {
                    engine.multiply(transposeA, transposeB, m, n, k, a, aOff, b, bOff, c, cOff, rowFrom, rowTo);
                } catch (RuntimeException e) {
                    failure = e;
                }
                done = job;
                finished = job;
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }
}
