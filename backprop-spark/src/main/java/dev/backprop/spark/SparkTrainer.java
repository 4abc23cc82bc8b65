package dev.backprop.spark;

import dev.backprop.data.ClassWeights;
import dev.backprop.data.ColumnNames;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Preprocessor;
import dev.backprop.linalg.Precision;
import dev.backprop.model.Model;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Network;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingListener;
import dev.backprop.train.TrainingResult;
import dev.backprop.train.WeightsNote;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

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
 * <p>How it runs, and what the optimizers mean here: see the {@linkplain dev.backprop.spark package overview}.
 * Immutable and thread-safe; the {@code with...} methods return new trainers.
 */
public final class SparkTrainer {
    /** Rows per packed block: bounds each task's workspace while keeping the matrix products large. */
    public static final int DEFAULT_BLOCK_ROWS = 4096;
    /** Depth of the aggregation tree, as MLlib's default. */
    public static final int DEFAULT_AGGREGATION_DEPTH = 2;

    private final TrainerConfig config;
    private final Setup setup;

    /** How this trainer runs and weighs rows, beside the core's configuration. */
    private static final class Setup implements Cloneable {
        /** The partitions to repartition into, 0 to keep the data's. */
        private int partitions;
        private int blockRows = DEFAULT_BLOCK_ROWS;
        private int aggregationDepth = DEFAULT_AGGREGATION_DEPTH;
        /** The fraction of rows a mini-batch update reads. */
        private double sampleFraction = 1.0;
        /** The data's name in messages, or null. */
        private String source;
        /** The class weights, or null. */
        private ClassWeights classWeights;
        /** The sample-weight column, or null. */
        private String sampleWeight;
        /** The most time training may take, or null. */
        private Duration timeLimit;
        /** The columns declared categorical. */
        private Set<String> categorical = Set.of();
        /** Told of each iteration, and asked whether to stop. */
        private TrainingListener listener = TrainingListener.NONE;

        /** A copy to change before a new trainer holds it; a trainer's own setup is never changed. */
        Setup copy() {
            try {
                return (Setup) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private SparkTrainer(TrainerConfig config, Setup setup) {
        this.config = Objects.requireNonNull(config, "config");
        this.setup = setup;
    }

    /** A trainer of this configuration whose setup is this one's with {@code change} made. */
    private SparkTrainer with(Consumer<Setup> change) {
        Setup changed = setup.copy();
        change.accept(changed);
        return new SparkTrainer(config, changed);
    }

    /**
     * A trainer for {@code config}: full-batch steps, the data's own partitioning, default blocks and tree depth.
     *
     * @param config the core's configuration
     * @return the trainer
     * @throws IllegalArgumentException if the configuration asks for dropout, a validation split or a batch size
     */
    public static SparkTrainer of(TrainerConfig config) {
        SparkSettings.check(config);
        return new SparkTrainer(config, new Setup());
    }

    /**
     * Repartitions the data into {@code partitions} partitions before caching it (0 keeps the data's own
     * partitioning). More partitions than rows is allowed: one partition per row is made, as the empty ones would add
     * nothing.
     *
     * @param partitions the partition count, ≥ 0
     * @return a new trainer
     * @throws IllegalArgumentException if partitions &lt; 0
     */
    public SparkTrainer withPartitions(int partitions) {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 but was " + partitions);
        }
        return with(s -> s.partitions = partitions);
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
        return with(s -> s.blockRows = rows);
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
        return with(s -> s.aggregationDepth = depth);
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
        return with(s -> s.sampleFraction = fraction);
    }

    /**
     * Names the data in the messages of data errors, as the command line names the file: {@code "houses.csv, column
     * 'rooms': ..."}. Without a name they start at the column.
     *
     * @param name the data's name, such as its path; null for none
     * @return a new trainer
     */
    public SparkTrainer withSource(String name) {
        return with(s -> s.source = name);
    }

    /**
     * Weighs each row in the loss as {@code backprop train --class-weight --sample-weight} does: by its class's
     * weight (fitted on the packed rows' class counts for {@code balanced}) times its own weight from a numeric column
     * of weights ≥ 0, which is then no input. Applies to data packed with a preprocessor
     * ({@link #pack(Dataset, PreprocessConfig)}); the class weights to a classification target only.
     *
     * @param classWeights the class weights, or null for none
     * @param sampleWeight the sample-weight column, or null for none
     * @return a new trainer
     */
    public SparkTrainer withWeights(ClassWeights classWeights, String sampleWeight) {
        return with(s -> {
            s.classWeights = classWeights;
            s.sampleWeight = sampleWeight;
        });
    }

    /**
     * Stops training at the end of the first epoch (one full-batch update, a Spark job) that ends {@code limit} after
     * training started, as {@code backprop train --max-time} does (stop reason "time limit"); the model so far is the
     * result, and {@code --init} continues from it.
     *
     * @param limit the most time training may take before it stops at an epoch's end; positive
     * @return a new trainer
     * @throws IllegalArgumentException if the limit is not positive
     */
    public SparkTrainer withTimeLimit(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the time limit must be positive but was " + limit);
        }
        return with(s -> s.timeLimit = limit);
    }

    /**
     * Reads the {@code columns} as categories whatever they hold, as {@code backprop train --categorical} does: a
     * code such as 1, 2, 3, or a column of numbers with some text, which {@link #pack(Dataset, PreprocessConfig)}
     * otherwise refuses (the core's {@link dev.backprop.data.MixedColumns} rule). Applies to data packed with a
     * preprocessor fitted on it.
     *
     * @param columns the columns, each in the data
     * @return a new trainer
     */
    public SparkTrainer withCategorical(Collection<String> columns) {
        return with(s -> s.categorical = Set.copyOf(columns));
    }

    /**
     * Tells {@code listener} of each iteration (one full-batch or sampled update: {@code epochEnded} with its J), and
     * stops training at the end of the iteration after which its {@code stopRequested} is true, with stop reason
     * {@link dev.backprop.train.StopReason#INTERRUPTED} and the model so far, as {@code backprop train} stops on
     * Ctrl-C.
     *
     * @param listener the listener, called on the driver's training thread; not null
     * @return a new trainer
     */
    public SparkTrainer withListener(TrainingListener listener) {
        Objects.requireNonNull(listener, "listener");
        return with(s -> s.listener = listener);
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
     * columns are numeric; columns named by {@link #withCategorical} categorical. An input or target at least half
     * numbers with some text (or a number written with a comma) is refused unless named there.
     *
     * @param data          the rows; text and numeric columns
     * @param preprocessing the target, ignored columns, missing-value policy and task
     * @return the packed data, carrying the fitted preprocessor
     * @throws dev.backprop.data.InvalidDataException in the core's words (naming the column, but no line: row
     *                                                numbers for {@code --missing error}), for the same problems, and
     *                                                for a {@link #withCategorical} column the data lacks
     * @throws IllegalArgumentException               for a column that is neither text nor numbers, no rows, or
     *                                                cross-entropy targets outside [0, 1]
     */
    public PackedDataset pack(Dataset<Row> data, PreprocessConfig preprocessing) {
        return prepared(data, PreprocessingFit.fit(data, weighed(preprocessing), false, List.of(),
                setup.categorical, setup.source));
    }

    /**
     * As {@link #pack(Dataset, PreprocessConfig)}, reading the columns as {@code backprop train} reads a file it fits
     * its preprocessing on: a text input with a distinct value in nearly every row (an identifier) is left out unless
     * named in {@code keep}, and a text input of ISO dates is read as numbers (days, month, weekday, hour), by the
     * core's {@link dev.backprop.data.InputScreen}. The packed data says which columns were left out and which task
     * was chosen, and why.
     *
     * @param data          the rows; text and numeric columns
     * @param preprocessing the targets, ignored columns, missing-value policy and task
     * @param keep          identifier-like columns to keep as inputs
     * @return the packed data, carrying the fitted preprocessor
     * @throws dev.backprop.data.InvalidDataException as {@link #pack(Dataset, PreprocessConfig)}, and if
     *                                                {@code keep} names a column the data lacks or a date column
     */
    public PackedDataset pack(Dataset<Row> data, PreprocessConfig preprocessing, List<String> keep) {
        return prepared(data, PreprocessingFit.fit(data, weighed(preprocessing), true, keep,
                setup.categorical, setup.source));
    }

    /** {@code preprocessing} leaving out the sample-weight column, if any: read with the data, never an input. */
    private PreprocessConfig weighed(PreprocessConfig preprocessing) {
        String column = setup.sampleWeight;
        if (column == null || preprocessing.ignore().contains(column)) {
            return preprocessing;
        }
        if (preprocessing.targets().contains(column)) {
            throw new IllegalArgumentException("--sample-weight cannot be the target column "
                    + ColumnNames.quoted(column));
        }
        List<String> ignored = new java.util.ArrayList<>(preprocessing.ignore());
        ignored.add(column);
        return preprocessing.withIgnore(ignored);
    }

    private PackedDataset prepared(Dataset<Row> data, PreprocessingFit.Result fit) {
        RowWeights weights = RowWeights.fit(data, fit, setup.classWeights, setup.sampleWeight, setup.source);
        return packing().prepared(fit, weights);
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
        return prepared(data, PreprocessingFit.apply(data, preprocessor, setup.source));
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
        return packing().numbers(data, ColumnSource.all(data, inputs), ColumnSource.all(data, targets));
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
        return packing().numbers(data, VectorColumns.sources(data, ColumnSource.field(data, features),
                ColumnSource.quoted(data, features)), ColumnSource.all(data, targets));
    }

    private RowPacking packing() {
        return new RowPacking(config, setup.partitions, setup.blockRows);
    }

    /**
     * Trains a new network on packed data, its weights drawn by the core's {@link Initializer} from the configured
     * seed: the same starting point as {@link Trainer#train}.
     *
     * @param data the packed rows
     * @return the trained model (with the data's preprocessor, if any) and how training went
     * @throws IllegalArgumentException if {@code data} was packed with another scaling than this trainer's needs, or
     *                                  for float32 while this trainer computes in float64
     */
    public TrainingResult train(PackedDataset data) {
        return train(data, null);
    }

    /**
     * Trains starting from {@code initial}'s architecture (with its loss) and weights, as {@link Trainer#train(
     * dev.backprop.data.Dataset, Network)} does.
     *
     * @param data    the packed rows
     * @param initial the starting network; null for fresh weights, as {@link #train(PackedDataset)}
     * @return the trained model (with the data's preprocessor, if any) and how training went
     * @throws IllegalArgumentException if the network's input or output count differs from the data's, or the data
     *                                  was packed for float32 and this trainer computes in float64
     */
    public TrainingResult train(PackedDataset data, Network initial) {
        if (data.precision() == Precision.FLOAT32 && config.precision() != Precision.FLOAT32) {
            throw new IllegalArgumentException("the data was packed for a float32 run (its rows rounded to floats); "
                    + "pack it with this trainer to train in " + config.precision().id());
        }
        // The core's training loop on the cluster's rows: its schedule and stopping rules, a Spark job an update.
        Trainer trainer = Trainer.of(config).withListener(new ClusterRows.IterationLog(setup.listener));
        if (setup.timeLimit != null) {
            trainer = trainer.withTimeLimit(setup.timeLimit);
        }
        ClusterRows rows = new ClusterRows(data, setup.aggregationDepth, setup.sampleFraction);
        TrainingResult result = initial == null ? trainer.train(rows) : trainer.train(rows, initial);
        return data.preprocessor().map(p -> result.withModel(WeightsNote.noted(result.model().withPreprocessor(p),
                setup.classWeights, setup.sampleWeight))).orElse(result);
    }
}
