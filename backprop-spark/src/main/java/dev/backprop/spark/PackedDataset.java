package dev.backprop.spark;

import dev.backprop.data.ColumnRanges;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Scaling;
import org.apache.spark.api.java.JavaRDD;

import java.util.List;
import java.util.Optional;

/**
 * Training data on the cluster: every partition converted once into encoded, scaled, row-major {@link Block}s and
 * cached (memory, spilling to disk), with what was fitted on it: the preprocessor (when the rows were read as the
 * command line reads a file), the scalings and the column names. Made by {@link SparkTrainer}'s {@code pack}
 * methods; reusable for several training runs with the same scaling; {@link #close()} releases the cache. Not
 * thread-safe.
 */
public final class PackedDataset implements AutoCloseable {
    private final JavaRDD<Block> blocks;
    private final long rows;
    private final List<String> inputNames;
    private final List<String> targetNames;
    private final Scaling inputScaling;
    private final Scaling outputScaling;
    private final ColumnRanges targetRanges;
    private final double targetSumError;
    private final Preprocessor preprocessor;

    /**
     * @param targetRanges   the targets' ranges before scaling (for the cross-entropies' check)
     * @param targetSumError the largest |Σ_o y_io − 1| over the rows (for categorical cross-entropy's check)
     * @param preprocessor   how the rows were encoded, or null for numeric columns read as they are
     */
    PackedDataset(JavaRDD<Block> blocks, long rows, List<String> inputNames, List<String> targetNames,
                  Scaling inputScaling, Scaling outputScaling, ColumnRanges targetRanges, double targetSumError,
                  Preprocessor preprocessor) {
        this.blocks = blocks;
        this.rows = rows;
        this.inputNames = List.copyOf(inputNames);
        this.targetNames = List.copyOf(targetNames);
        this.inputScaling = inputScaling;
        this.outputScaling = outputScaling;
        this.targetRanges = targetRanges;
        this.targetSumError = targetSumError;
        this.preprocessor = preprocessor;
    }

    JavaRDD<Block> blocks() {
        return blocks;
    }

    /**
     * n, the number of examples: the rows the missing-value policy kept.
     *
     * @return n ≥ 1
     */
    public long rows() {
        return rows;
    }

    /**
     * The number of Spark partitions the blocks live in.
     *
     * @return ≥ 1
     */
    public int partitions() {
        return blocks.getNumPartitions();
    }

    /**
     * The network's input names: numeric columns by name, one-hot columns as {@code column=category}.
     *
     * @return an unmodifiable list
     */
    public List<String> inputNames() {
        return inputNames;
    }

    /**
     * The network's output names: the target's, or {@code target=class} per class.
     *
     * @return an unmodifiable list
     */
    public List<String> targetNames() {
        return targetNames;
    }

    /**
     * The scaling fitted on the encoded inputs (by Spark aggregation) and applied to the cached blocks.
     *
     * @return the scaling
     */
    public Scaling inputScaling() {
        return inputScaling;
    }

    /**
     * The scaling fitted on the targets (none for the cross-entropies).
     *
     * @return the scaling
     */
    public Scaling outputScaling() {
        return outputScaling;
    }

    ColumnRanges targetRanges() {
        return targetRanges;
    }

    double targetSumError() {
        return targetSumError;
    }

    /**
     * The preprocessor fitted on the data (or given), which a trained model carries.
     *
     * @return the preprocessor, or empty for numeric columns read as they are
     */
    public Optional<Preprocessor> preprocessor() {
        return Optional.ofNullable(preprocessor);
    }

    /** Removes the cached blocks from the executors. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
