package dev.backprop.spark;

import dev.backprop.nn.Architecture;
import dev.backprop.nn.Regularization;
import dev.backprop.train.BlockObjective;
import dev.backprop.train.BlockSum;
import dev.backprop.train.Block;
import dev.backprop.train.RowSample;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The core's {@link BlockObjective} over a {@link PackedDataset}, one Spark job per evaluation: θ goes to the executors
 * by broadcast, every task adds its cached blocks into the core's {@link BlockSum} (allocating one backpropagation
 * workspace, reused for all its blocks), and one tree aggregation merges the partial sums to the driver, always in
 * partition order ({@link OrderedAggregate}: same seed, same bits), where the core turns them into J and ∇J.
 *
 * <p>Communication per evaluation: θ (P doubles) out by broadcast; P + 2 numbers back per task, combined in a tree of
 * {@code depth} levels. Not thread-safe.
 */
public final class DistributedObjective extends BlockObjective {
    private final JavaRDD<Block> blocks;
    private final int depth;

    /**
     * @param data           the packed training rows
     * @param architecture   the network, with its loss
     * @param regularization the L2 penalty λ (no dropout)
     * @param depth          the depth of the aggregation tree (2 suits up to some thousands of partitions)
     * @throws IllegalArgumentException if the network's input or output count differs from the data's, there is
     *                                  dropout, or depth &lt; 1
     */
    public DistributedObjective(PackedDataset data, Architecture architecture, Regularization regularization,
                                int depth) {
        super(architecture, regularization, data.inputNames().size(), data.targetNames().size(), data.rows());
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1 but was " + depth);
        }
        this.blocks = data.blocks();
        this.depth = depth;
    }

    @Override
    protected BlockSum sum(double[] parameters, BlockSum zero, RowSample sample) {
        Broadcast<double[]> theta = JavaSparkContext.fromSparkContext(blocks.context()).broadcast(parameters.clone());
        Architecture network = blockArchitecture();
        try {
            return OrderedAggregate.of(blocks, zero, (sum, block) -> sum.add(block, network, theta.value(), sample),
                    BlockSum::merge, depth);
        } finally {
            theta.destroy();
        }
    }
}
