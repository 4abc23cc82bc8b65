package dev.backprop.spark;

import dev.backprop.data.ColumnNames;
import dev.backprop.train.RemoteRows;
import dev.backprop.linalg.Precision;
import dev.backprop.train.Block;
import dev.backprop.train.RowBlock;
import dev.backprop.data.ColumnMoments;
import dev.backprop.data.ColumnRanges;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.linalg.Matrix;
import dev.backprop.train.TargetCheck;
import dev.backprop.train.TrainerConfig;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Packs rows for training: fits the scalings the configuration asks for, encodes and scales each partition into
 * row-major blocks ({@link BlockPacker}), and caches them. What {@link SparkTrainer}'s {@code pack} methods share.
 */
final class RowPacking {
    private static final System.Logger LOG = System.getLogger(SparkTrainer.class.getName());

    private final TrainerConfig config;
    private final int partitions;
    private final int blockRows;

    /**
     * @param partitions the partitions to repartition into, 0 to keep the data's
     * @param blockRows  rows per block, ≥ 1
     */
    RowPacking(TrainerConfig config, int partitions, int blockRows) {
        this.config = config;
        this.partitions = partitions;
        this.blockRows = blockRows;
    }

    /** The rows a preprocessing fit selected, encoded by its preprocessor and weighed by {@code weights} (or not). */
    PackedDataset prepared(PreprocessingFit.Result fit, RowWeights weights) {
        Preprocessor preprocessor = fit.preprocessor();
        List<String> targetNames = preprocessor.target().outputNames();
        RowEncoder encoder = new FrameRows(preprocessor, fit.used(), fit.types(), weights);
        List<Column> cells = new ArrayList<>(List.of(FrameRows.cells(fit.used())));
        if (weights != null && weights.cell() != null) {
            cells.add(weights.cell());
        }
        Dataset<Row> rows = fit.selected().select(cells.toArray(Column[]::new));
        Scaled blocks = scaled(rows, encoder, fit.rows(), cells.size(), fit.inputs(),
                preprocessor.features().width(), targetNames, fit.targets());
        return new PackedDataset(blocks.blocks, config.precision(), new RemoteRows.Description(fit.rows(),
                preprocessor.features().outputNames(), targetNames, blocks.inputScaling, blocks.outputScaling,
                fit.targets(), 0.0), preprocessor, fit.task(), fit.leftOut());
    }

    /**
     * The rows encoded, scaled as the configuration asks and cached: by scalings fitted on the encoded columns'
     * ranges, or by their moments for a standard scaling.
     */
    private Scaled scaled(Dataset<Row> rows, RowEncoder encoder, long count, int columns, ColumnRanges inputRanges,
                          int inputs, List<String> targetNames, ColumnRanges targetRanges) {
        if (config.scaling() == ScalingMethod.STANDARD) {
            return standardized(rows, encoder, count, columns, inputs, targetNames, targetRanges);
        }
        Scaling inputScaling = Scaling.fit(config.scaling(), inputRanges);
        Scaling outputScaling = TargetCheck.scaling(config.scaling(), config.loss(), targetRanges, targetNames);
        return new Scaled(cached(packed(rows, count, encoder, inputScaling, outputScaling), count, columns),
                inputScaling, outputScaling);
    }

    /** Cached blocks and the scalings applied to them. */
    private record Scaled(JavaRDD<Block> blocks, Scaling inputScaling, Scaling outputScaling) {
    }

    /**
     * Standard scaling, which needs each encoded column's mean and standard deviation: the rows are encoded and
     * cached unscaled, the core's {@link ColumnMoments} are summed over the blocks in its two passes (two jobs), and
     * the blocks are scaled into a second cache that replaces the first. The cross-entropies' targets stay unscaled.
     */
    private Scaled standardized(Dataset<Row> rows, RowEncoder encoder, long count, int columns, int inputs,
                                List<String> targetNames, ColumnRanges targetRanges) {
        JavaRDD<RowBlock> encoded = packed(rows, count, encoder, null, null).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Scaling inputScaling = standard(encoded, true, inputs, count);
            Scaling outputScaling = config.loss().crossEntropy()
                    ? TargetCheck.scaling(config.scaling(), config.loss(), targetRanges, targetNames)
                    : standard(encoded, false, targetNames.size(), count);
            return new Scaled(cached(encoded.map(block -> scaled(block, inputScaling, outputScaling)), count, columns),
                    inputScaling, outputScaling);
        } finally {
            encoded.unpersist(false);
        }
    }

    /** The standard scaling of the blocks' inputs (or targets), from their moments summed in two passes. */
    private static Scaling standard(JavaRDD<RowBlock> blocks, boolean inputs, int cols, long count) {
        double[] sums = OrderedAggregate.of(blocks, new double[cols], (s, b) -> {
            ColumnMoments.addSums(inputs ? b.x() : b.y(), b.rows(), s);
            return s;
        }, RowPacking::add, 2);
        double[] mean = ColumnMoments.means(sums, count);
        double[] squares = OrderedAggregate.of(blocks, new double[cols], (s, b) -> {
            ColumnMoments.addSquaredDeviations(inputs ? b.x() : b.y(), b.rows(), mean, s);
            return s;
        }, RowPacking::add, 2);
        ColumnMoments moments = ColumnMoments.of(mean, squares, count);
        if (moments.overflowed()) {
            rescaled(blocks, inputs, cols, count, moments);
        }
        return Scaling.standard(moments.mean(), moments.sd());
    }

    /**
     * The moments of the columns whose sums overflowed (values near ±1.8e308), found again from their values divided
     * by a power of two near their largest magnitude, as the core finds them ({@link ColumnMoments}): three more
     * passes, only on such data.
     */
    private static void rescaled(JavaRDD<RowBlock> blocks, boolean inputs, int cols, long count,
                                 ColumnMoments moments) {
        double[] largest = OrderedAggregate.of(blocks, new double[cols], (s, b) -> {
            ColumnMoments.addLargestMagnitudes(inputs ? b.x() : b.y(), b.rows(), s);
            return s;
        }, RowPacking::largest, 2);
        double[] divisors = ColumnMoments.divisors(largest);
        double[] sums = OrderedAggregate.of(blocks, new double[cols], (s, b) -> {
            ColumnMoments.addSums(inputs ? b.x() : b.y(), b.rows(), divisors, s);
            return s;
        }, RowPacking::add, 2);
        double[] scaledMean = ColumnMoments.means(sums, count);
        double[] squares = OrderedAggregate.of(blocks, new double[cols], (s, b) -> {
            ColumnMoments.addSquaredDeviations(inputs ? b.x() : b.y(), b.rows(), divisors, scaledMean, s);
            return s;
        }, RowPacking::add, 2);
        ColumnMoments.rescaled(scaledMean, squares, count, divisors, moments);
    }

    private static double[] largest(double[] a, double[] b) {
        for (int j = 0; j < a.length; j++) {
            a[j] = Math.max(a[j], b[j]);
        }
        return a;
    }

    private static double[] add(double[] a, double[] b) {
        for (int j = 0; j < a.length; j++) {
            a[j] += b[j];
        }
        return a;
    }

    private static RowBlock scaled(RowBlock block, Scaling inputScaling, Scaling outputScaling) {
        int n = block.rows();
        return new RowBlock(block.id(), n,
                inputScaling.apply(Matrix.wrap(n, inputScaling.columns(), block.x())).toArray(),
                outputScaling.apply(Matrix.wrap(n, outputScaling.columns(), block.y())).toArray(), block.w());
    }

    /** Numeric columns, read as they are. */
    PackedDataset numbers(Dataset<Row> data, List<ColumnSource> inputs, List<ColumnSource> targets) {
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
                throw new IllegalArgumentException("column " + ColumnNames.quoted(c.name())
                        + " is named twice among inputs and targets");
            }
        }
        int m = inputs.size();
        int k = targets.size();
        ColumnCensus census = ColumnCensus.numbers(data, all, k);
        List<String> targetNames = targets.stream().map(ColumnSource::name).toList();
        ColumnRanges targetRanges = census.ranges(m, m + k);
        Column[] doubles = new Column[m + k];
        for (int j = 0; j < m + k; j++) {
            doubles[j] = all.get(j).raw().cast(DataTypes.DoubleType).as("c" + j);
        }
        Dataset<Row> rows = data.select(doubles);
        Scaled blocks = scaled(rows, new NumericRows(m, k), census.rows(), m + k, census.ranges(0, m), m,
                targetNames, targetRanges);
        return new PackedDataset(blocks.blocks, config.precision(), new RemoteRows.Description(census.rows(), inputs.stream()
                .map(ColumnSource::name).toList(), targetNames, blocks.inputScaling, blocks.outputScaling,
                targetRanges, census.targetSumError()), null, null, List.of());
    }

    /**
     * Repartitions, encodes and scales the {@code count} {@code rows} into blocks (null scalings: unscaled). At most
     * one partition per row is made: more would hold nothing, and Spark's shuffle keeps state per partition (a
     * billion of them exhausted the driver's heap).
     */
    private JavaRDD<RowBlock> packed(Dataset<Row> rows, long count, RowEncoder encoder, Scaling inputScaling,
                                     Scaling outputScaling) {
        Dataset<Row> source = partitions > 0 ? rows.repartition((int) Math.max(1, Math.min(partitions, count))) : rows;
        return source.javaRDD()
                .mapPartitionsWithIndex(new BlockPacker(encoder, blockRows, inputScaling, outputScaling), false);
    }

    /**
     * The training blocks, stored as the run computes with them (a float32 run's rounded to floats once: half the
     * memory, and no rounding at every evaluation), cached and materialised.
     */
    private JavaRDD<Block> cached(JavaRDD<RowBlock> blocks, long count, int columns) {
        boolean float32 = config.precision() == Precision.FLOAT32;
        JavaRDD<Block> stored = blocks.<Block>map(block -> float32 ? block.rounded() : block)
                .persist(StorageLevel.MEMORY_AND_DISK());
        stored.setName("backprop blocks (" + count + " rows x " + columns + " columns, " + config.precision().id()
                + ")");
        // Materialise now: the first iteration should not pay for reading and packing.
        long packed = stored.count();
        LOG.log(System.Logger.Level.DEBUG, () -> "packed " + count + " rows into " + packed + " blocks in "
                + stored.getNumPartitions() + " partitions");
        return stored;
    }
}
