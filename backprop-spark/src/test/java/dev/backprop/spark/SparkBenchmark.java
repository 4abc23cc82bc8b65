package dev.backprop.spark;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.Gemm;
import dev.backprop.linalg.Matrix;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Loss;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.when;

/**
 * Not a test (CI does not run it): throughput of distributed full-batch gradient descent on a synthetic data set,
 * beside Spark MLlib's MultilayerPerceptronClassifier (solver gd) on the same cached data, the same layer sizes and the
 * same loss (sigmoid hidden layer, softmax output, categorical cross-entropy), in the same JVM, for local[1] and
 * local[2]; and the core's single-threaded trainer as the no-Spark baseline. Run with
 * {@code backprop-spark/benchmark.sh [ROWS] [PARTITIONS]}, which starts the JVM with the Vector API
 * ({@code --add-modules jdk.incubator.vector}) as the {@code backprop} launcher does for large files.
 *
 * <p>Each system is timed at k1 and k2 iterations and the rate is taken from the difference, so one-off costs (packing
 * or stacking the data, MLlib's setup, the final loss pass) cancel out: rows/s = n (k2 - k1) / (t(k2) - t(k1)).
 */
public final class SparkBenchmark {
    private static final int FEATURES = 10;
    private static final int HIDDEN = 16;
    private static final int K1 = 2;
    private static final int K2 = 22;
    private static final int ROUNDS = 2;
    private static final int REPEATS = 2;

    private SparkBenchmark() {
    }

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        // Spark runs one task per core; the core's own GEMM threads would compete with the tasks, and would make the
        // no-Spark baseline use every core.
        Gemm.setThreads(1);
        String header = String.format(Locale.ROOT, "%,d rows, %d -> %d sigmoid -> 2 softmax, categorical "
                        + "cross-entropy (%d parameters), %d partitions, iterations %d..%d, best of %d rounds x %d "
                        + "repeats, %d cores, GEMM engine %s, load average at start %s",
                rows, FEATURES, HIDDEN, (FEATURES + 1) * HIDDEN + (HIDDEN + 1) * 2, partitions, K1, K2, ROUNDS,
                REPEATS, Runtime.getRuntime().availableProcessors(),
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "Vector API" : "pure Java",
                loadAverage());
        // Rounds alternate local[1] and local[2], so a burst of load from elsewhere does not hit one setting only.
        Map<String, Timing> best = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String master : new String[] {"local[1]", "local[2]"}) {
                SparkSession spark = SparkSession.builder().appName("backprop-spark benchmark").master(master)
                        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                        .config("spark.ui.enabled", "false").getOrCreate();
                try {
                    org.apache.spark.sql.Dataset<Row> data = synthetic(spark, rows, partitions).cache();
                    data.count();
                    keepBest(best, "backprop-spark (gd) | " + master, backprop(data));
                    keepBest(best, "MLlib MultilayerPerceptronClassifier (gd) | " + master, mllib(data));
                    data.unpersist(true);
                } finally {
                    spark.stop();
                }
            }
        }
        keepBest(best, "backprop core Trainer, no Spark | 1 thread", core((int) Math.min(rows, Integer.MAX_VALUE)));
        System.out.println(header + ", load average at end " + loadAverage());
        System.out.println("| system | master | s / iteration | rows / s | CPU s / iteration | CPU / wall | "
                + "one-off setup s |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        best.forEach((name, t) -> System.out.printf(Locale.ROOT, "| %s | %.3f | %,.0f | %.3f | %.2f | %.1f |%n",
                name, t.perIteration(), rows / t.perIteration(), t.cpuPerIteration(),
                t.cpuPerIteration() / t.perIteration(), t.setup()));
    }

    /**
     * The fastest wall-clock and process CPU seconds seen for k1 and for k2 iterations, and the one-off setup in
     * wall seconds. Taking the minimum of each separately keeps a disturbed run from skewing the difference.
     */
    private record Timing(double wall1, double wall2, double cpu1, double cpu2, double setup) {
        Timing min(Timing o) {
            return new Timing(Math.min(wall1, o.wall1), Math.min(wall2, o.wall2), Math.min(cpu1, o.cpu1),
                    Math.min(cpu2, o.cpu2), Math.min(setup, o.setup));
        }

        double perIteration() {
            return (wall2 - wall1) / (K2 - K1);
        }

        double cpuPerIteration() {
            return (cpu2 - cpu1) / (K2 - K1);
        }
    }

    private static void keepBest(Map<String, Timing> best, String name, Timing timing) {
        best.merge(name, timing, Timing::min);
    }

    /**
     * x1..x10 uniform on [0, 1]; label = 1 if sin(3 x1) + x2 x3 - x4 + x5 / 2 &gt; 0.66 (about half the rows), as a
     * class index for MLlib and one-hot (y0, y1) for backprop.
     */
    static org.apache.spark.sql.Dataset<Row> synthetic(SparkSession spark, long rows, int partitions) {
        List<Column> columns = new ArrayList<>();
        for (int j = 1; j <= FEATURES; j++) {
            columns.add(rand(j).as("x" + j));
        }
        org.apache.spark.sql.Dataset<Row> x = spark.range(0, rows, 1, partitions).select(columns.toArray(new Column[0]));
        Column score = sin(col("x1").multiply(3)).plus(col("x2").multiply(col("x3"))).minus(col("x4"))
                .plus(col("x5").multiply(0.5));
        Column label = when(score.gt(0.66), 1.0).otherwise(0.0);
        return x.withColumn("label", label).withColumn("y0", lit(1.0).minus(col("label")))
                .withColumn("y1", col("label"));
    }

    private static List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= FEATURES; j++) {
            names.add("x" + j);
        }
        return names;
    }

    /** MLlib's network: sigmoid hidden units, a softmax output and cross-entropy. */
    private static TrainerConfig config(int iterations) {
        return TrainerConfig.builder().hidden(HIDDEN).bias(true).output(Activation.SOFTMAX)
                .loss(Loss.CATEGORICAL_CROSS_ENTROPY).learningRate(1.0).maxEpochs(iterations).tolerance(0).seed(42)
                .build();
    }

    private static Timing backprop(org.apache.spark.sql.Dataset<Row> data) {
        long start = System.nanoTime();
        SparkTrainer trainer = SparkTrainer.of(config(K1));
        try (PackedDataset packed = trainer.pack(data, featureNames(), List.of("y0", "y1"))) {
            double pack = seconds(start);
            return time(pack, k -> SparkTrainer.of(config(k)).train(packed).epochs());
        }
    }

    private static Timing mllib(org.apache.spark.sql.Dataset<Row> data) {
        long start = System.nanoTime();
        org.apache.spark.sql.Dataset<Row> vectors = new VectorAssembler()
                .setInputCols(featureNames().toArray(new String[0])).setOutputCol("features")
                .transform(data).select("features", "label").cache();
        vectors.count();
        double assemble = seconds(start);
        try {
            return time(assemble, k ->
                    new MultilayerPerceptronClassifier().setLayers(new int[] {FEATURES, HIDDEN, 2}).setSolver("gd")
                            .setStepSize(0.5).setMaxIter(k).setTol(0).setSeed(42).fit(vectors)
                            .summary().totalIterations());
        } finally {
            vectors.unpersist(true);
        }
    }

    /** The core's trainer on one thread, on data generated the same way (other random numbers, same distribution). */
    private static Timing core(int rows) {
        SplittableRandom random = new SplittableRandom(42);
        double[] x = new double[rows * FEATURES];
        double[] y = new double[rows * 2];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = random.nextDouble();
            }
            int o = i * FEATURES;
            double score = Math.sin(3 * x[o]) + x[o + 1] * x[o + 2] - x[o + 3] + 0.5 * x[o + 4];
            y[i * 2 + (score > 0.66 ? 1 : 0)] = 1;
        }
        Dataset data = Dataset.of(Matrix.of(rows, FEATURES, x), Matrix.of(rows, 2, y));
        return time(0, k -> Trainer.of(config(k)).train(data).epochs());
    }

    /**
     * Times {@code train} (which runs k iterations and returns how many it ran) at k1 and k2 iterations, the fastest
     * of {@link #REPEATS} runs each ({@link #main} keeps the fastest over rounds too): the machine is shared, and the
     * fastest run is the one least disturbed.
     */
    private static Timing time(double setup, IntUnaryOperator train) {
        train.applyAsInt(1);   // warm-up: JIT, Spark's first job on this data
        Timing best = null;
        for (int r = 0; r < REPEATS; r++) {
            long start = System.nanoTime();
            long cpu = cpuNanos();
            int ran = train.applyAsInt(K1);
            double t1 = seconds(start);
            double c1 = (cpuNanos() - cpu) / 1e9;
            start = System.nanoTime();
            cpu = cpuNanos();
            ran += train.applyAsInt(K2);
            double t2 = seconds(start);
            double c2 = (cpuNanos() - cpu) / 1e9;
            if (ran != K1 + K2) {
                throw new IllegalStateException("ran " + ran + " iterations instead of " + (K1 + K2));
            }
            Timing timing = new Timing(t1, t2, c1, c2, setup);
            best = best == null ? timing : best.min(timing);
        }
        return best;
    }

    /** CPU time of the whole JVM: in local mode the executors are threads of this process. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
