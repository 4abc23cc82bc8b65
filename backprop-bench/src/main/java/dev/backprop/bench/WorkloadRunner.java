package dev.backprop.bench;

import dev.backprop.linalg.Precision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the shared workloads on backprop and prints one row per workload in the peers' format
 * {@code PEER WORKLOAD TIME ROWS_PER_S GFLOPS FINAL_LOSS  # reps=[...] note}: TIME is the median over the timed
 * repetitions, in microseconds per iteration for W1 and seconds per epoch for W2, W3.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp backprop-bench.jar dev.backprop.bench.WorkloadRunner \
 *        [--reps N] [--rows N] [--peer NAME] [--heap] [--precision float32|float64] W1|W2|W3|all...
 * </pre>
 * {@code --precision float32} trains with float data, parameters and arithmetic ({@link WorkloadTraining}); its rows
 * are named {@code backprop-f32} unless {@code --peer} says otherwise;
 * {@code --rows} trains W2/W3 on that many rows (the scaling table), after one whole untimed training as warm-up;
 * {@code --reps} defaults to PEER_REPS or 2;
 * {@code --heap} appends the heap in use after training (and a full GC) to each row.
 * Timing follows the peers: one untimed warm-up on min(n, 20 batches, 8192) rows, then each repetition trains from
 * the fixed initial weights; data generation is not timed. W1's warm-up is 200,000 iterations (the JVM peers use
 * 2,000): one iteration takes well under a microsecond, and C2 finishes compiling the whole step only after about
 * 100,000 (measured: after 2,000 the timed runs were 3-4x slower than the steady state, after 50,000 the first two
 * still 2-10x). It lasts about 60-100 ms.
 */
public final class WorkloadRunner {
    /** Iterations of W1's untimed warm-up: twenty full runs. */
    static final int W1_WARMUP = 200_000;

    private WorkloadRunner() {
    }

    public static void main(String[] args) {
        int reps = envInt("PEER_REPS", 2);
        int rows = -1;
        String peer = null;
        boolean heap = false;
        Precision precision = Precision.FLOAT64;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--peer" -> peer = args[++i];
                case "--heap" -> heap = true;
                case "--precision" -> precision = Precision.fromId(args[++i]);
                case "all" -> names.addAll(List.of("W1", "W2", "W3"));
                default -> names.add(args[i]);
            }
        }
        if (names.isEmpty()) {
            names.addAll(List.of("W1", "W2", "W3"));
        }
        if (peer == null) {
            peer = precision == Precision.FLOAT32 ? "backprop-f32" : "backprop";
        }
        for (String name : names) {
            Workload workload = rows > 0 && !name.equals("W1") ? Workload.of(name, rows) : Workload.of(name);
            String row = run(workload, reps, peer, rows > 0, precision);
            System.out.println(heap ? row + " " + heapNote(workload) : row);
            System.out.flush();
        }
    }

    /** Warms up, times {@code reps} full trainings and returns the result row. */
    public static String run(Workload workload, int reps, String peer) {
        return run(workload, reps, peer, false, Precision.FLOAT64);
    }

    /**
     * As {@link #run(Workload, int, String)} in {@code precision}; with {@code fullWarmup}, the warm-up is one whole untimed training
     * (the scaling runs compare backprop with itself at several sizes: on 50,000 rows the peers' short warm-up left
     * the first repetitions running partly uncompiled code).
     */
    static String run(Workload workload, int reps, String peer, boolean fullWarmup, Precision precision) {
        WorkloadTraining training = new WorkloadTraining(workload, precision);
        boolean w1 = workload.name().equals("W1");
        if (w1) {
            training.train(workload.rows(), W1_WARMUP);
        } else if (fullWarmup) {
            training.train(workload.rows(), workload.epochs());
        } else {
            new WorkloadTraining(warmupSlice(workload), precision).train(workload.warmupRows(), 1);
        }
        double[] times = new double[reps];
        for (int r = 0; r < reps; r++) {
            training.reset();
            long t0 = System.nanoTime();
            training.train(workload.rows(), workload.epochs());
            times[r] = (System.nanoTime() - t0) * 1e-9;
        }
        return report(peer, workload, times, training.finalLoss(), "threads=" + threadNote());
    }

    /** Heap in use after a full collection, beside the data's own size: the rest is model, workspace and JVM. */
    private static String heapNote(Workload w) {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long used = runtime.totalMemory() - runtime.freeMemory();
        long data = 8L * ((long) w.rows() * w.features() + w.rows());
        return String.format(Locale.ROOT, "rows=%d heapMB=%.1f dataMB=%.1f", w.rows(), used / 1048576.0,
                data / 1048576.0);
    }

    private static Workload warmupSlice(Workload w) {
        int n = w.warmupRows();
        return new Workload(w.name(), n, w.features(), Arrays.copyOf(w.x(), n * w.features()),
                Arrays.copyOf(w.y(), n), w.sizes(), w.bias(), w.learningRate(), 1, w.batch(), w.meanLoss());
    }

    private static String threadNote() {
        String timeout = System.getenv("OPENBLAS_THREAD_TIMEOUT");
        return dev.backprop.linalg.Gemm.threads() + " engine=" + dev.backprop.linalg.Gemm.engine()
                + (timeout == null ? "" : " OPENBLAS_THREAD_TIMEOUT=" + timeout);
    }

    /** The peers' row format (common/workloads.py report()). */
    static String report(String peer, Workload w, double[] times, double loss, String note) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        int k = sorted.length;
        double median = k % 2 == 1 ? sorted[k / 2] : 0.5 * (sorted[k / 2 - 1] + sorted[k / 2]);
        double perEpoch = median / w.epochs();
        boolean w1 = w.name().equals("W1");
        double scale = w1 ? 1e6 : 1.0;
        StringBuilder reps = new StringBuilder();
        for (int i = 0; i < times.length; i++) {
            reps.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.4g", times[i] / w.epochs() * scale));
        }
        return String.format(Locale.ROOT, "%-14s %-3s %12.4f %14.1f %9.3f %14.8e  # reps=[%s] %s",
                peer, w.name(), perEpoch * scale, w.rows() / perEpoch, w.flopsPerEpoch() / perEpoch / 1e9, loss,
                reps, note);
    }

    private static int envInt(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : Integer.parseInt(value);
    }
}
