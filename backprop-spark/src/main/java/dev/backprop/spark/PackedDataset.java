package dev.backprop.spark;

import dev.backprop.data.Scaling;
import org.apache.spark.api.java.JavaRDD;

import java.util.List;

/**
 * Training data on the cluster: every partition converted once into scaled, row-major {@link Block}s and cached
 * (memory, spilling to disk), with the scalings and column names that were fitted on it. Made by
 * {@link SparkTrainer#pack}; reusable for several training runs with the same scaling; {@link #close()} releases the
 * cache. Not thread-safe.
 */
public final class PackedDataset implements AutoCloseable {
    private final JavaRDD<Block> blocks;
    private final long rows;
    private final List<String> inputNames;
    private final List<String> targetNames;
    private final Scaling inputScaling;
    private final Scaling outputScaling;

    PackedDataset(JavaRDD<Block> blocks, long rows, List<String> inputNames, List<String> targetNames,
                  Scaling inputScaling, Scaling outputScaling) {
        this.blocks = blocks;
        this.rows = rows;
        this.inputNames = List.copyOf(inputNames);
        this.targetNames = List.copyOf(targetNames);
        this.inputScaling = inputScaling;
        this.outputScaling = outputScaling;
    }

    JavaRDD<Block> blocks() {
        return blocks;
    }

    /** n, the number of examples. */
    public long rows() {
        return rows;
    }

    /** The number of Spark partitions the blocks live in. */
    public int partitions() {
        return blocks.getNumPartitions();
    }

    public List<String> inputNames() {
        return inputNames;
    }

    public List<String> targetNames() {
        return targetNames;
    }

    /** The scaling fitted on the inputs (by Spark aggregation) and applied to the cached blocks. */
    public Scaling inputScaling() {
        return inputScaling;
    }

    /** The scaling fitted on the targets. */
    public Scaling outputScaling() {
        return outputScaling;
    }

    /** Removes the cached blocks from the executors. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
