package dev.backprop.spark;

import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Scaling;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Model;
import dev.backprop.nn.Network;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingResult;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Trains the core's networks on a Spark {@code Dataset<Row>}: the same {@link TrainerConfig} in, the same
 * {@link TrainingResult} and {@link Model} out as the core's {@link Trainer}, so the model file is the one the command
 * line reads, with the same preprocessing section.
 *
 * <pre>{@code
 * TrainingResult result = SparkTrainer.of(config).train(spark.read().parquet(path),
 *         PreprocessConfig.of("price").withMissing(MissingPolicy.MEAN));
 * ModelFile.write(result.model(), Path.of("price.json"));
 * }</pre>
 *
 * <p>How it runs: Spark aggregations fit what the command line fits on a file (column types, missing cells, the
 * means and modes of {@code --missing mean}, the one-hot categories, the target's classes, the scalings), without
 * collecting the rows; each partition is then encoded once by the core's {@code Preprocessor} into scaled,
 * row-major blocks of up to {@link #DEFAULT_BLOCK_ROWS} rows and cached. Every iteration broadcasts θ, computes the
 * loss and its gradient on every block with the core's backpropagation and sums them with one {@code treeAggregate}
 * ({@link DistributedObjective}); the driver steps with the core's optimizer and applies the core's stopping rules.
 *
 * <p>What the optimizers mean here: with sample fraction 1 (the default) every optimizer takes full-batch steps on
 * the exact objective, the same iterates as {@link Trainer} with the whole data set as one batch, up to the order of
 * floating-point additions; lbfgs and bfgs run their line searches against it on the driver, each trial point one
 * Spark job. With a fraction f &lt; 1 ({@link #withSampleFraction}), sgd, momentum, nesterov and adam take one step
 * per iteration on a fresh Bernoulli sample of about f n rows, scaled to estimate the full-batch gradient, as MLlib's
 * {@code GradientDescent} with {@code miniBatchFraction} does.
 *
 * <p>Not supported on Spark (refused by {@link #of}): dropout, a validation split, a batch size.
 *
 * Immutable and thread-safe; the {@code with...} methods return new trainers.
 */
public final class SparkTrainer {
    /** Rows per packed block: bounds each task's workspace while keeping the matrix products large. */
    public static final int DEFAULT_BLOCK_ROWS = 4096;
    /** Depth of the aggregation tree, as MLlib's default. */
    public static final int DEFAULT_AGGREGATION_DEPTH = 2;
    /** How far a row's targets may sum from 1 for categorical cross-entropy, as the core allows. */
    private static final double TARGET_SUM_TOLERANCE = 1e-6;

    /** The settings Spark trains with: all but a batch size, dropout and a validation split (see {@link #of}). */
    public static final List<TrainingSetting<?>> SETTINGS = TrainingSettings.ALL.stream()
            .filter(s -> s != TrainingSettings.BATCH_SIZE && s != TrainingSettings.DROPOUT
                    && s != TrainingSettings.VALIDATION).toList();

    private static final System.Logger LOG = System.getLogger(SparkTrainer.class.getName());
    private static final String ML_VECTOR = "org.apache.spark.ml.linalg.Vector";
    private static final String MLLIB_VECTOR = "org.apache.spark.mllib.linalg.Vector";

    private final TrainerConfig config;
    private final int partitions;
    private final int blockRows;
    private final int aggregationDepth;
    private final double sampleFraction;
    private final String source;

    private SparkTrainer(TrainerConfig config, int partitions, int blockRows, int aggregationDepth,
                         double sampleFraction, String source) {
        this.config = Objects.requireNonNull(config, "config");
        this.partitions = partitions;
        this.blockRows = blockRows;
        this.aggregationDepth = aggregationDepth;
        this.sampleFraction = sampleFraction;
        this.source = source;
    }

    /**
     * A trainer for {@code config}: full-batch steps, the data's own partitioning, default blocks and tree depth.
     *
     * @param config the core's configuration
     * @return the trainer
     * @throws IllegalArgumentException if the configuration asks for dropout, a validation split or a batch size,
     *                                  which Spark training does not do
     */
    public static SparkTrainer of(TrainerConfig config) {
        if (config.dropout() > 0) {
            throw new IllegalArgumentException("dropout is not supported on Spark: it draws a mask per row from one "
                    + "random stream, which a cluster does not share");
        }
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("a validation split is not supported on Spark: split the data with "
                    + "Dataset.randomSplit and score the held-out part with backprop evaluate");
        }
        if (config.batchSize() > 0) {
            throw new IllegalArgumentException("a batch size is not supported on Spark: mini-batch optimizers read a "
                    + "sample of the rows per iteration instead (the sample fraction)");
        }
        return new SparkTrainer(config, 0, DEFAULT_BLOCK_ROWS, DEFAULT_AGGREGATION_DEPTH, 1.0, null);
    }

    /**
     * The configuration this trainer applies.
     *
     * @return the configuration
     */
    public TrainerConfig config() {
        return config;
    }

    /**
     * Repartitions the data into {@code partitions} partitions before caching it (0 keeps the data's own
     * partitioning). More partitions than rows is allowed: the empty ones add nothing.
     *
     * @param partitions the partition count, ≥ 0
     * @return a new trainer
     * @throws IllegalArgumentException if partitions &lt; 0
     */
    public SparkTrainer withPartitions(int partitions) {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 but was " + partitions);
        }
        return new SparkTrainer(config, partitions, blockRows, aggregationDepth, sampleFraction, source);
    }

    /**
     * Sets the rows per packed block.
     *
     * @param rows ≥ 1
     * @return a new trainer
     * @throws IllegalArgumentException if rows &lt; 1
     */
    public SparkTrainer withBlockRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("block rows must be >= 1 but was " + rows);
        }
        return new SparkTrainer(config, partitions, rows, aggregationDepth, sampleFraction, source);
    }

    /**
     * Sets the depth of the aggregation tree.
     *
     * @param depth ≥ 1
     * @return a new trainer
     * @throws IllegalArgumentException if depth &lt; 1
     */
    public SparkTrainer withAggregationDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("aggregation depth must be >= 1 but was " + depth);
        }
        return new SparkTrainer(config, partitions, blockRows, depth, sampleFraction, source);
    }

    /**
     * Mini-batch training: each iteration's gradient comes from a Bernoulli sample of this fraction of the rows.
     * 1 (the default) is the full batch.
     *
     * @param fraction f, in (0, 1]
     * @return a new trainer
     * @throws IllegalArgumentException unless 0 &lt; fraction ≤ 1, or if f &lt; 1 with lbfgs or bfgs, whose line
     *                                  searches need the exact objective
     */
    public SparkTrainer withSampleFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("sample fraction must be in (0, 1] but was " + fraction);
        }
        if (fraction < 1 && config.optimizer().lineSearch()) {
            throw new IllegalArgumentException(config.optimizer().id() + " works on the full batch: its line search "
                    + "needs the exact loss, so the sample fraction must be 1");
        }
        return new SparkTrainer(config, partitions, blockRows, aggregationDepth, fraction, source);
    }

    /**
     * Names the data in the messages of data errors, as the command line names the file: {@code "houses.csv, column
     * 'rooms': ..."}. Without a name they start at the column.
     *
     * @param name the data's name, such as its path; null for none
     * @return a new trainer
     */
    public SparkTrainer withSource(String name) {
        return new SparkTrainer(config, partitions, blockRows, aggregationDepth, sampleFraction, name);
    }

    /**
     * Trains on {@code data} as {@code backprop train} trains on a file: predicts column {@code target} from every
     * other column, refusing missing cells. Same as {@code train(data, PreprocessConfig.of(target))}.
     *
     * @param data   the rows; text and numeric columns
     * @param target the column to predict
     * @return the trained model, with its preprocessor, and how training went
     * @throws dev.backprop.data.InvalidDataException as {@link #pack(Dataset, PreprocessConfig)}
     */
    public TrainingResult train(Dataset<Row> data, String target) {
        return train(data, PreprocessConfig.of(target));
    }

    /**
     * Trains on {@code data} prepared by {@code preprocessing}, as {@link Trainer#train(dev.backprop.data.Frame,
     * PreprocessConfig)} trains on a frame: the model carries the fitted preprocessor.
     *
     * @param data          the rows; text and numeric columns
     * @param preprocessing the target, ignored columns, missing-value policy and task
     * @return the trained model, with its preprocessor, and how training went
     * @throws dev.backprop.data.InvalidDataException as {@link #pack(Dataset, PreprocessConfig)}
     */
    public TrainingResult train(Dataset<Row> data, PreprocessConfig preprocessing) {
        try (PackedDataset packed = pack(data, preprocessing)) {
            return train(packed);
        }
    }

    /**
     * Trains on numeric columns read as they are (no preprocessing): predicts the {@code targets} columns from the
     * {@code inputs} columns.
     *
     * @param data    the rows
     * @param inputs  the input columns, numeric or text holding numbers
     * @param targets the target columns, likewise; several are allowed
     * @return the trained model (without a preprocessor) and how training went
     * @throws IllegalArgumentException as {@link #pack(Dataset, List, List)}
     */
    public TrainingResult train(Dataset<Row> data, List<String> inputs, List<String> targets) {
        try (PackedDataset packed = pack(data, inputs, targets)) {
            return train(packed);
        }
    }

    /**
     * Trains on {@code data} whose inputs are the MLlib vectors in column {@code features} (every vector the same
     * length), predicting the numeric column {@code target}.
     *
     * @param data     the rows
     * @param features the vector column
     * @param target   the numeric target column
     * @return the trained model and how training went
     * @throws IllegalArgumentException as {@link #packVectors}
     */
    public TrainingResult trainOnVectors(Dataset<Row> data, String features, String target) {
        try (PackedDataset packed = packVectors(data, features, List.of(target))) {
            return train(packed);
        }
    }

    /**
     * Fits the core's preprocessor and the scalings on {@code data} with Spark aggregations, as the command line
     * fits them on a file, then encodes and caches the rows the missing-value policy keeps. Close the result when
     * done with it. Column types are decided as the CSV reader decides them: text columns whose present cells are
     * all numbers are numeric, others categorical (empty, {@code ?} and {@code NA} are missing); numeric Spark
     * columns are numeric.
     *
     * @param data          the rows; text and numeric columns
     * @param preprocessing the target, ignored columns, missing-value policy and task
     * @return the packed data, carrying the fitted preprocessor
     * @throws dev.backprop.data.InvalidDataException in the core's words (naming the column, but no line: row
     *                                                numbers for {@code --missing error}), for the same problems
     * @throws IllegalArgumentException               for a column that is neither text nor numbers, no rows, or
     *                                                cross-entropy targets outside [0, 1]
     */
    public PackedDataset pack(Dataset<Row> data, PreprocessConfig preprocessing) {
        return packPrepared(PreprocessingFit.fit(data, preprocessing, source));
    }

    /**
     * Encodes {@code data} with a preprocessor fitted before (a model's, to continue training it): its columns,
     * policy, fill values, categories and classes are kept, and only the scalings are fitted on {@code data}, as
     * {@code backprop train --init} does with a model that has preprocessing.
     *
     * @param data         the rows, with the preprocessor's input and target columns
     * @param preprocessor the preprocessor
     * @return the packed data, carrying {@code preprocessor}
     * @throws dev.backprop.data.InvalidDataException as {@link #pack(Dataset, PreprocessConfig)}
     */
    public PackedDataset pack(Dataset<Row> data, Preprocessor preprocessor) {
        return packPrepared(PreprocessingFit.apply(data, preprocessor, source));
    }

    /**
     * Fits the scalings on numeric columns with one aggregation, then converts and caches them for training. Close
     * the result when done with it.
     *
     * @param data    the rows
     * @param inputs  the input columns, numeric or text holding numbers
     * @param targets the target columns, likewise
     * @return the packed data, without a preprocessor
     * @throws IllegalArgumentException if a column is absent or not numeric, a value is missing or not finite, or
     *                                  there are no rows
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
        return packNumbers(data, in, out);
    }

    /**
     * As {@link #pack(Dataset, List, List)} for inputs held as MLlib vectors ({@code org.apache.spark.ml.linalg} or
     * {@code mllib.linalg}) in column {@code features}. The inputs are named after the vector's ML attributes if it
     * has them, otherwise {@code features_1}, {@code features_2}, ...
     *
     * @param data     the rows
     * @param features the vector column
     * @param targets  the numeric target columns
     * @return the packed data, without a preprocessor
     * @throws IllegalArgumentException if the column does not hold vectors or they differ in length
     */
    public PackedDataset packVectors(Dataset<Row> data, String features, List<String> targets) {
        List<ColumnSource> in = VectorColumns.sources(data, field(data, features), quoted(data, features));
        List<ColumnSource> out = new ArrayList<>();
        for (String name : targets) {
            out.add(source(data, name));
        }
        return packNumbers(data, in, out);
    }

    private PackedDataset packPrepared(PreprocessingFit.Result fit) {
        List<String> names = new ArrayList<>();
        Column[] selected = new Column[fit.used().size()];
        boolean[] text = new boolean[selected.length];
        for (int j = 0; j < selected.length; j++) {
            ColumnSource c = fit.used().get(j);
            names.add(c.name());
            text[j] = c.text();
            selected[j] = (c.text() ? c.raw() : c.raw().cast(DataTypes.DoubleType)).as("c" + j);
        }
        Preprocessor preprocessor = fit.preprocessor();
        Scaling inputScaling = fit.inputs().scaling(config.scaling());
        Scaling outputScaling = fit.targets().targetScaling(config.scaling(), config.loss(),
                preprocessor.target().outputNames());
        RowEncoder encoder = new FrameRows(preprocessor, names, fit.types(), text);
        JavaRDD<Block> blocks = cache(fit.selected().select(selected), encoder, inputScaling, outputScaling,
                fit.rows(), selected.length);
        return new PackedDataset(blocks, fit.rows(), preprocessor.features().outputNames(),
                preprocessor.target().outputNames(), inputScaling, outputScaling, fit.targets(), 0.0, preprocessor);
    }

    private PackedDataset packNumbers(Dataset<Row> data, List<ColumnSource> inputs, List<ColumnSource> targets) {
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
        int m = inputs.size();
        int k = targets.size();
        ColumnStatistics statistics = ColumnStatistics.of(data, all, k);
        if (statistics.rows() == 0) {
            throw new IllegalArgumentException("the dataset has no rows");
        }
        List<String> targetNames = targets.stream().map(ColumnSource::name).toList();
        Ranges targetRanges = statistics.ranges(m, m + k);
        Scaling inputScaling = statistics.ranges(0, m).scaling(config.scaling());
        Scaling outputScaling = targetRanges.targetScaling(config.scaling(), config.loss(), targetNames);
        Column[] doubles = new Column[m + k];
        for (int j = 0; j < m + k; j++) {
            doubles[j] = all.get(j).raw().cast(DataTypes.DoubleType).as("c" + j);
        }
        JavaRDD<Block> blocks = cache(data.select(doubles), new NumericRows(m, k), inputScaling, outputScaling,
                statistics.rows(), m + k);
        return new PackedDataset(blocks, statistics.rows(), inputs.stream().map(ColumnSource::name).toList(),
                targetNames, inputScaling, outputScaling, targetRanges, statistics.targetSumError(), null);
    }

    /** Repartitions, encodes and scales {@code rows} into blocks, and caches them. */
    private JavaRDD<Block> cache(Dataset<Row> rows, RowEncoder encoder, Scaling inputScaling, Scaling outputScaling,
                                 long count, int columns) {
        Dataset<Row> source = partitions > 0 ? rows.repartition(partitions) : rows;
        JavaRDD<Block> blocks = source.javaRDD()
                .mapPartitionsWithIndex(new BlockPacker(encoder, blockRows, ScalingShape.of(inputScaling),
                        ScalingShape.of(outputScaling)), false)
                .persist(StorageLevel.MEMORY_AND_DISK());
        blocks.setName("backprop blocks (" + count + " rows x " + columns + " columns)");
        // Materialise now: the first iteration should not pay for reading and packing.
        long packed = blocks.count();
        LOG.log(System.Logger.Level.DEBUG, () -> "packed " + count + " rows into " + packed + " blocks in "
                + blocks.getNumPartitions() + " partitions");
        return blocks;
    }

    /**
     * Trains a new network on packed data, its weights drawn by the core's {@link Initializer} from the configured
     * seed: the same starting point as {@link Trainer#train}.
     *
     * @param data the packed rows
     * @return the trained model (with the data's preprocessor, if any) and how training went
     * @throws IllegalArgumentException if {@code data} was packed with another scaling than this trainer's needs
     */
    public TrainingResult train(PackedDataset data) {
        return run(data, null);
    }

    /**
     * Trains starting from {@code initial}'s architecture (with its loss) and weights, as {@link Trainer#train(
     * dev.backprop.data.Dataset, Network)} does.
     *
     * @param data    the packed rows
     * @param initial the starting network
     * @return the trained model and how training went
     * @throws IllegalArgumentException if the network's input or output count differs from the data's
     */
    public TrainingResult train(PackedDataset data, Network initial) {
        return run(data, initial);
    }

    /** The core's trainer on the cluster's rows: its loop, schedule and stopping rules, one Spark job an update. */
    private TrainingResult run(PackedDataset data, Network initial) {
        Trainer trainer = Trainer.of(config).withListener(new ClusterRows.IterationLog());
        Loss loss = initial != null ? initial.loss() : config.loss();
        checkPacking(data, loss);
        ClusterRows rows = new ClusterRows(data, aggregationDepth, sampleFraction);
        TrainingResult result = initial == null ? trainer.train(rows) : trainer.train(rows, initial);
        return data.preprocessor().map(p -> result.withModel(result.model().withPreprocessor(p))).orElse(result);
    }

    /** Refuses data packed for another scaling or loss than the network trains with. */
    private void checkPacking(PackedDataset data, Loss loss) {
        if (data.inputScaling().method() != config.scaling()) {
            throw new IllegalArgumentException("the data was packed with scaling " + data.inputScaling().method().id()
                    + " but this trainer scales by " + config.scaling().id());
        }
        Scaling targetScaling = data.targetRanges().targetScaling(config.scaling(), loss, data.targetNames());
        if (!targetScaling.equals(data.outputScaling())) {
            throw new IllegalArgumentException("the data was packed with targets scaled by "
                    + data.outputScaling().method().id() + " but loss " + loss.id() + " needs them scaled by "
                    + targetScaling.method().id() + ": pack it for this loss");
        }
        if (loss == Loss.CATEGORICAL_CROSS_ENTROPY && data.targetSumError() > TARGET_SUM_TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs one-hot targets (each row sums "
                    + "to 1) but some row's sum is off by %s", loss.id(), data.targetSumError()));
        }
    }

    static ColumnSource source(Dataset<Row> data, String name) {
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
                + ": backprop-spark reads numeric and text columns");
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
