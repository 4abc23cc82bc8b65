package dev.backprop.spark;

import dev.backprop.data.InputScreen;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Scaling;
import dev.backprop.data.TaskChoice;
import dev.backprop.train.RemoteRows;
import dev.backprop.linalg.Precision;
import dev.backprop.train.Block;
import org.apache.spark.api.java.JavaRDD;

import java.util.List;
import java.util.Optional;

/**
 * Training data on the cluster: every partition converted once into encoded, scaled, row-major blocks and cached
 * (memory, spilling to disk) in the precision of the trainer that packed it (a float32 trainer's rows rounded to
 * floats: {@link dev.backprop.train.FloatRowBlock}), with what was fitted on it: the preprocessor (when the rows were read as the
 * command line reads a file), the scalings and the column names. Made by {@link SparkTrainer}'s {@code pack}
 * methods; reusable for several training runs with the same scaling; {@link #close()} releases the cache. Not
 * thread-safe.
 */
public final class PackedDataset implements AutoCloseable {
    private final JavaRDD<Block> blocks;
    private final Precision precision;
    private final RemoteRows.Description description;
    private final Preprocessor preprocessor;
    private final TaskChoice task;
    private final List<InputScreen.LeftOut> leftOut;

    /**
     * @param precision    the format the blocks hold their values in
     * @param description  what was fitted on the rows: their count, names, scalings, and the targets' ranges and
     *                     sums the trainer checks
     * @param preprocessor how the rows were encoded, or null for numeric columns read as they are
     * @param task         the task the preprocessor was fitted for and why, or null without a preprocessor
     * @param leftOut      the identifier columns left out of the inputs
     */
    PackedDataset(JavaRDD<Block> blocks, Precision precision, RemoteRows.Description description,
                  Preprocessor preprocessor, TaskChoice task, List<InputScreen.LeftOut> leftOut) {
        this.blocks = blocks;
        this.precision = precision;
        this.description = description;
        this.preprocessor = preprocessor;
        this.task = task;
        this.leftOut = List.copyOf(leftOut);
    }

    JavaRDD<Block> blocks() {
        return blocks;
    }

    /**
     * The format the cached rows hold their values in: float32 rows train only float32 networks.
     *
     * @return float64, or float32 when a float32 trainer packed them
     */
    public Precision precision() {
        return precision;
    }

    RemoteRows.Description description() {
        return description;
    }

    /**
     * n, the number of examples: the rows the missing-value policy kept.
     *
     * @return n ≥ 1
     */
    public long rows() {
        return description.rows();
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
        return description.inputNames();
    }

    /**
     * The network's output names: the target's, or {@code target=class} per class.
     *
     * @return an unmodifiable list
     */
    public List<String> targetNames() {
        return description.targetNames();
    }

    /**
     * The scaling fitted on the encoded inputs (by Spark aggregation) and applied to the cached blocks.
     *
     * @return the scaling
     */
    public Scaling inputScaling() {
        return description.inputScaling();
    }

    /**
     * The scaling fitted on the targets (none for the cross-entropies).
     *
     * @return the scaling
     */
    public Scaling outputScaling() {
        return description.outputScaling();
    }

    /**
     * The preprocessor fitted on the data (or given), which a trained model carries.
     *
     * @return the preprocessor, or empty for numeric columns read as they are
     */
    public Optional<Preprocessor> preprocessor() {
        return Optional.ofNullable(preprocessor);
    }

    /**
     * The task the preprocessor was fitted for, and why: the line {@code backprop train} prints first.
     *
     * @return the choice, or empty for numeric columns read as they are
     */
    public Optional<TaskChoice> task() {
        return Optional.ofNullable(task);
    }

    /**
     * The identifier-like columns left out of the inputs, each with the warning {@code backprop train} prints.
     *
     * @return an unmodifiable list, empty if none (or the columns were not screened)
     */
    public List<InputScreen.LeftOut> leftOut() {
        return leftOut;
    }

    /** Removes the cached blocks from the executors. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
