package dev.backprop.spark;

import dev.backprop.train.RemoteRows;
import dev.backprop.train.RowBlock;
import dev.backprop.data.ColumnRanges;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Scaling;
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

    /** The rows a preprocessing fit selected, encoded by its preprocessor. */
    PackedDataset prepared(PreprocessingFit.Result fit) {
        Preprocessor preprocessor = fit.preprocessor();
        Scaling inputScaling = Scaling.fit(config.scaling(), fit.inputs());
        Scaling outputScaling = TargetCheck.scaling(config.scaling(), config.loss(), fit.targets(),
                preprocessor.target().outputNames());
        RowEncoder encoder = new FrameRows(preprocessor, fit.used(), fit.types());
        JavaRDD<RowBlock> blocks = cache(fit.selected().select(FrameRows.cells(fit.used())), encoder, inputScaling,
                outputScaling, fit.rows(), fit.used().size());
        return new PackedDataset(blocks, new RemoteRows.Description(fit.rows(), preprocessor.features().outputNames(),
                preprocessor.target().outputNames(), inputScaling, outputScaling, fit.targets(), 0.0), preprocessor);
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
                throw new IllegalArgumentException("column '" + c.name() + "' is named twice among inputs and targets");
            }
        }
        int m = inputs.size();
        int k = targets.size();
        ColumnCensus census = ColumnCensus.numbers(data, all, k);
        List<String> targetNames = targets.stream().map(ColumnSource::name).toList();
        ColumnRanges targetRanges = census.ranges(m, m + k);
        Scaling inputScaling = Scaling.fit(config.scaling(), census.ranges(0, m));
        Scaling outputScaling = TargetCheck.scaling(config.scaling(), config.loss(), targetRanges, targetNames);
        Column[] doubles = new Column[m + k];
        for (int j = 0; j < m + k; j++) {
            doubles[j] = all.get(j).raw().cast(DataTypes.DoubleType).as("c" + j);
        }
        JavaRDD<RowBlock> blocks = cache(data.select(doubles), new NumericRows(m, k), inputScaling, outputScaling,
                census.rows(), m + k);
        return new PackedDataset(blocks, new RemoteRows.Description(census.rows(), inputs.stream()
                .map(ColumnSource::name).toList(), targetNames, inputScaling, outputScaling, targetRanges,
                census.targetSumError()), null);
    }

    /** Repartitions, encodes and scales {@code rows} into blocks, and caches them. */
    private JavaRDD<RowBlock> cache(Dataset<Row> rows, RowEncoder encoder, Scaling inputScaling, Scaling outputScaling,
                                 long count, int columns) {
        Dataset<Row> source = partitions > 0 ? rows.repartition(partitions) : rows;
        JavaRDD<RowBlock> blocks = source.javaRDD()
                .mapPartitionsWithIndex(new BlockPacker(encoder, blockRows, inputScaling, outputScaling), false)
                .persist(StorageLevel.MEMORY_AND_DISK());
        blocks.setName("backprop blocks (" + count + " rows x " + columns + " columns)");
        // Materialise now: the first iteration should not pay for reading and packing.
        long packed = blocks.count();
        LOG.log(System.Logger.Level.DEBUG, () -> "packed " + count + " rows into " + packed + " blocks in "
                + blocks.getNumPartitions() + " partitions");
        return blocks;
    }
}
