package dev.backprop.spark;

import dev.backprop.data.Scaling;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Model;
import dev.backprop.nn.Network;
import dev.backprop.optim.GradientDescent;
import dev.backprop.optim.Optimizer;
import dev.backprop.train.StopReason;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.UserDefinedType;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Trains the core's networks on a Spark {@code Dataset<Row>}: the same {@link TrainerConfig} in, the same
 * {@link TrainingResult} and {@link Model} out as the core's {@link Trainer}, so the model file is the one the command
 * line reads.
 *
 * <pre>{@code
 * TrainingResult result = SparkTrainer.of(config).train(spark.read().parquet(path), "price");
 * ModelFile.write(result.model(), Path.of("price.json"));
 * }</pre>
 *
 * <p>How it runs: one aggregation fits the scalings (min, max, max |x| per column) and checks every value; each
 * partition is then converted once into scaled, row-major blocks of up to {@link #DEFAULT_BLOCK_ROWS} rows and cached.
 * Every iteration broadcasts θ, computes J and ∂J/∂θ on every block with the core's backpropagation and sums them with
 * one {@code treeAggregate} ({@link DistributedObjective}); the driver takes the step with the core's optimizer and
 * applies the core's stopping rules (weights stopped changing, or the epoch limit).
 *
 * <p>What the optimizers mean here:
 * <ul>
 *   <li>{@code gd} (sample fraction 1, the default): the seed's full-batch gradient descent, exactly: the same
 *       weights as {@link Trainer} from the same seed, up to the order of floating-point additions.</li>
 *   <li>{@code sgd} ({@link #withSampleFraction} f &lt; 1): each iteration computes the gradient on a fresh Bernoulli
 *       sample of about f n rows, scaled to estimate the full-batch gradient, and takes the gradient-descent step, as
 *       MLlib's {@code GradientDescent} with {@code miniBatchFraction} does. An iteration costs a full pass over the
 *       cached blocks (the sample is drawn from them) but only f of the backpropagation work.</li>
 *   <li>L-BFGS, when the core has it, needs only the exact {@link Objective}: it runs on the driver against
 *       {@link DistributedObjective} unchanged. Adam and momentum methods would take sampled gradients as sgd does.</li>
 * </ul>
 *
 * Immutable and thread-safe; the {@code with...} methods return new trainers.
 */
public final class SparkTrainer {
    /** Rows per packed block: bounds each task's workspace while keeping the matrix products large. */
    public static final int DEFAULT_BLOCK_ROWS = 4096;
    /** Depth of the aggregation tree, as MLlib's default. */
    public static final int DEFAULT_AGGREGATION_DEPTH = 2;

    private static final System.Logger LOG = System.getLogger(SparkTrainer.class.getName());
    private static final String ML_VECTOR = "org.apache.spark.ml.linalg.Vector";
    private static final String MLLIB_VECTOR = "org.apache.spark.mllib.linalg.Vector";

    private final TrainerConfig config;
    private final int partitions;
    private final int blockRows;
    private final int aggregationDepth;
    private final double sampleFraction;

    private SparkTrainer(TrainerConfig config, int partitions, int blockRows, int aggregationDepth,
                         double sampleFraction) {
        this.config = Objects.requireNonNull(config, "config");
        this.partitions = partitions;
        this.blockRows = blockRows;
        this.aggregationDepth = aggregationDepth;
        this.sampleFraction = sampleFraction;
    }

    /** A trainer for {@code config}: full-batch gd, the data's own partitioning, default blocks and tree depth. */
    public static SparkTrainer of(TrainerConfig config) {
        return new SparkTrainer(config, 0, DEFAULT_BLOCK_ROWS, DEFAULT_AGGREGATION_DEPTH, 1.0);
    }

    public TrainerConfig config() {
        return config;
    }

    /**
     * Repartitions the data into {@code partitions} partitions before caching it (0 keeps the data's own
     * partitioning). More partitions than rows is allowed: the empty ones add nothing.
     *
     * @throws IllegalArgumentException if partitions &lt; 0
     */
    public SparkTrainer withPartitions(int partitions) {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 but was " + partitions);
        }
        return new SparkTrainer(config, partitions, blockRows, aggregationDepth, sampleFraction);
    }

    /** @throws IllegalArgumentException if rows &lt; 1 */
    public SparkTrainer withBlockRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("block rows must be >= 1 but was " + rows);
        }
        return new SparkTrainer(config, partitions, rows, aggregationDepth, sampleFraction);
    }

    /** @throws IllegalArgumentException if depth &lt; 1 */
    public SparkTrainer withAggregationDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("aggregation depth must be >= 1 but was " + depth);
        }
        return new SparkTrainer(config, partitions, blockRows, depth, sampleFraction);
    }

    /**
     * Mini-batch training ({@code sgd}): each iteration reads a Bernoulli sample of this fraction of the rows.
     * 1 (the default) is full-batch gradient descent.
     *
     * @throws IllegalArgumentException unless 0 &lt; fraction ≤ 1
     */
    public SparkTrainer withSampleFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("sample fraction must be in (0, 1] but was " + fraction);
        }
        return new SparkTrainer(config, partitions, blockRows, aggregationDepth, fraction);
    }

    /**
     * Trains on {@code data}, predicting column {@code target} from every other column (in the data's order), as
     * {@code backprop train} does with a CSV file. Columns must be numeric, or text holding numbers.
     *
     * @throws IllegalArgumentException if a column is missing or not numeric, a value is missing or not finite, or
     *                                  there are no rows
     */
    public TrainingResult train(Dataset<Row> data, String target) {
        List<String> inputs = new ArrayList<>(Arrays.asList(data.columns()));
        if (!inputs.remove(target)) {
            throw noColumn(data, target);
        }
        return train(data, inputs, List.of(target));
    }

    /** Trains on {@code data}, predicting the {@code targets} columns from the {@code inputs} columns. */
    public TrainingResult train(Dataset<Row> data, List<String> inputs, List<String> targets) {
        try (PackedDataset packed = pack(data, inputs, targets)) {
            return train(packed);
        }
    }

    /**
     * Trains on {@code data} whose inputs are the MLlib vectors in column {@code features} (every vector the same
     * length), predicting the numeric column {@code target}.
     */
    public TrainingResult trainOnVectors(Dataset<Row> data, String features, String target) {
        try (PackedDataset packed = packVectors(data, features, List.of(target))) {
            return train(packed);
        }
    }

    /**
     * Fits the scalings on {@code data} with one aggregation, then converts and caches it for training. Close the
     * result when done with it.
     *
     * @throws IllegalArgumentException as {@link #train(Dataset, String)}
     */
    public PackedDataset pack(Dataset<Row> data, List<String> inputs, List<String> targets) {
        List<ColumnSource> in = new ArrayList<>();
        for (String name : inputs) {
            in.add(source(data, name));
        }
        List<ColumnSource> out = new ArrayList<>();
        for (String name : targets) {
            out.add(source(data, name));
        }
        return packSources(data, in, out);
    }

    /**
     * As {@link #pack(Dataset, List, List)} for inputs held as MLlib vectors ({@code org.apache.spark.ml.linalg} or
     * {@code mllib.linalg}) in column {@code features}. The inputs are named after the vector's ML attributes if it
     * has them, otherwise {@code features_1}, {@code features_2}, ...
     *
     * @throws IllegalArgumentException if the column does not hold vectors or they differ in length
     */
    public PackedDataset packVectors(Dataset<Row> data, String features, List<String> targets) {
        List<ColumnSource> in = VectorColumns.sources(data, field(data, features), quoted(data, features));
        List<ColumnSource> out = new ArrayList<>();
        for (String name : targets) {
            out.add(source(data, name));
        }
        return packSources(data, in, out);
    }

    private PackedDataset packSources(Dataset<Row> data, List<ColumnSource> inputs, List<ColumnSource> targets) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input columns: there is nothing to learn the target from");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target column");
        }
        List<ColumnSource> all = new ArrayList<>(inputs);
        all.addAll(targets);
        Set<String> seen = new HashSet<>();
        for (ColumnSource c : all) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("column '" + c.name() + "' is named twice among inputs and targets");
            }
        }
        ColumnStatistics statistics = ColumnStatistics.of(data, all);
        if (statistics.rows() == 0) {
            throw new IllegalArgumentException("the dataset has no rows");
        }
        int m = inputs.size();
        int k = targets.size();
        Scaling inputScaling = statistics.scaling(config.scaling(), 0, m);
        Scaling outputScaling = statistics.scaling(config.scaling(), m, m + k);

        Column[] doubles = new Column[m + k];
        for (int j = 0; j < m + k; j++) {
            doubles[j] = all.get(j).raw().cast(DataTypes.DoubleType).as("c" + j);
        }
        Dataset<Row> selected = data.select(doubles);
        if (partitions > 0) {
            selected = selected.repartition(partitions);
        }
        JavaRDD<Block> blocks = selected.javaRDD()
                .mapPartitionsWithIndex(new BlockPacker(m, k, blockRows, ScalingShape.of(inputScaling),
                        ScalingShape.of(outputScaling)), false)
                .persist(StorageLevel.MEMORY_AND_DISK());
        blocks.setName("backprop blocks (" + statistics.rows() + " rows x " + (m + k) + " columns)");
        // Materialise now: the first iteration should not pay for reading and packing.
        long count = blocks.count();
        LOG.log(System.Logger.Level.DEBUG, () -> "packed " + statistics.rows() + " rows into " + count
                + " blocks in " + blocks.getNumPartitions() + " partitions");
        List<String> inputNames = all.subList(0, m).stream().map(ColumnSource::name).toList();
        List<String> targetNames = all.subList(m, m + k).stream().map(ColumnSource::name).toList();
        return new PackedDataset(blocks, statistics.rows(), inputNames, targetNames, inputScaling, outputScaling);
    }

    /**
     * Trains a new network on packed data, its weights drawn by the core's {@link Initializer} from the configured
     * seed: the same starting point as {@link Trainer#train}.
     *
     * @throws IllegalArgumentException if {@code data} was packed with another scaling method than this trainer's
     */
    public TrainingResult train(PackedDataset data) {
        Architecture architecture = Trainer.of(config).architecture(data.inputNames().size(),
                data.targetNames().size());
        double[] parameters = Initializer.initialParameters(architecture, new SplittableRandom(config.seed()));
        return run(architecture, parameters, data);
    }

    /**
     * Trains starting from {@code initial}'s architecture and weights, as {@link Trainer#train(
     * dev.backprop.data.Dataset, Network)} does.
     *
     * @throws IllegalArgumentException if the network's input or output count differs from the data's
     */
    public TrainingResult train(PackedDataset data, Network initial) {
        return run(initial.architecture(), initial.parameters(), data);
    }

    private TrainingResult run(Architecture architecture, double[] parameters, PackedDataset data) {
        if (data.inputScaling().method() != config.scaling()) {
            throw new IllegalArgumentException("the data was packed with scaling " + data.inputScaling().method().id()
                    + " but this trainer scales by " + config.scaling().id());
        }
        DistributedObjective exact = new DistributedObjective(data, architecture, aggregationDepth);
        Objective objective = sampleFraction < 1 ? exact.sampled(sampleFraction, config.seed()) : exact;
        Optimizer optimizer = new GradientDescent(config.learningRate());
        double[] gradient = new double[parameters.length];
        double[] history = new double[config.maxEpochs()];
        StopReason stop = StopReason.MAX_EPOCHS;
        int epochs = 0;
        while (epochs < config.maxEpochs()) {
            long start = System.nanoTime();
            history[epochs] = objective.valueAndGradient(parameters, gradient);
            double largestChange = optimizer.step(parameters, gradient);
            epochs++;
            int epoch = epochs;
            LOG.log(System.Logger.Level.DEBUG, () -> "iteration " + epoch + ": J = " + history[epoch - 1] + " ("
                    + (System.nanoTime() - start) / 1_000_000 + " ms)");
            // As the core's loop: an update that moves nothing has converged whatever the tolerance.
            if (largestChange < config.tolerance() || largestChange == 0.0) {
                stop = StopReason.CONVERGED;
                break;
            }
        }
        double finalLoss = exact.value(parameters);
        Model model = new Model(Network.of(architecture, parameters), data.inputNames(), data.targetNames(),
                data.inputScaling(), data.outputScaling());
        return new TrainingResult(model, stop, epochs, finalLoss, Arrays.copyOf(history, epochs));
    }

    private static ColumnSource source(Dataset<Row> data, String name) {
        DataType type = field(data, name).dataType();
        if (type instanceof NumericType) {
            return new ColumnSource(name, quoted(data, name), false);
        }
        if (type.equals(DataTypes.StringType)) {
            return new ColumnSource(name, quoted(data, name), true);
        }
        if (isVector(type)) {
            throw new IllegalArgumentException("column '" + name + "' holds vectors: pass it as the features column "
                    + "(SparkTrainer.packVectors, or --features on the command line)");
        }
        throw new IllegalArgumentException("column '" + name + "' has type " + type.simpleString()
                + ": backprop-spark reads numeric columns, or text holding numbers");
    }

    static boolean isVector(DataType type) {
        if (type instanceof UserDefinedType<?> udt) {
            String userClass = udt.userClass().getName();
            return userClass.equals(ML_VECTOR) || userClass.equals(MLLIB_VECTOR);
        }
        return false;
    }

    static StructField field(Dataset<Row> data, String name) {
        for (StructField f : data.schema().fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw noColumn(data, name);
    }

    private static IllegalArgumentException noColumn(Dataset<Row> data, String name) {
        return new IllegalArgumentException("no column named '" + name + "' (columns: "
                + String.join(", ", data.columns()) + ")");
    }

    /** The column named exactly {@code name}, even if it contains dots or backticks. */
    static Column quoted(Dataset<Row> data, String name) {
        return data.col("`" + name.replace("`", "``") + "`");
    }
}
