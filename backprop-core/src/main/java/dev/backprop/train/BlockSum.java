package dev.backprop.train;

import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;

import java.io.Serializable;

/**
 * The running sum of a {@link BlockObjective}: T = Σ_b w_b J_b and ∇T = Σ_b w_b ∂J_b/∂θ over the blocks b it has
 * taken in, J_b being the core's loss of block b's n_b rows (weighted by the rows' weights, if the block has them:
 * J_b = s Σᵢ wᵢ ℓᵢ), and the number of rows they held. For sse, J_b is a plain
 * sum over the rows and w_b = 1, so T is the sum S over all rows. The mean losses (the cross-entropies) give
 * J_b = S_b / n_b, and w_b = n_b / n weighs the blocks as the core's trainer weighs chunks of rows, so T is their mean
 * S / n over all n rows (and exactly the core's J when there is one block). Partial sums from any split of the rows
 * add up ({@link #merge}) to the whole data set's; the objective applies what factor remains.
 *
 * <p>Serializable without its workspace: a deserialized copy (each task of a cluster gets its own) allocates one
 * backpropagation workspace at its first block and reuses it for every later one (the serialized form is no storage
 * format). Not thread-safe.
 *
 * @serial exclude
 */
public final class BlockSum implements Serializable {
    private static final long serialVersionUID = 1L;

    /** n, the data set's rows: the mean losses' blocks are weighed by n_b / n. */
    private final long total;
    private double loss;
    private long rows;
    /** ∇T, or null when only T is wanted. */
    private final double[] gradient;
    /** The format each block is computed in ({@link BlockPass}); the sums are doubles either way. */
    private final Precision precision;

    private transient BlockPass backprop;
    private transient double[] blockGradient;

    private BlockSum(double[] gradient, long total, Precision precision) {
        this.gradient = gradient;
        this.total = total;
        this.precision = precision;
    }

    /**
     * T = 0 and ∇T = 0.
     *
     * @param parameters P, the length of ∇T
     * @param total      n, the rows of the whole data set
     * @param precision  the format each block's J_b and gradient are computed in
     * @return the empty sum
     */
    public static BlockSum zero(int parameters, long total, Precision precision) {
        return new BlockSum(new double[parameters], total, precision);
    }

    /**
     * T = 0 without a gradient, for passes that need the loss alone.
     *
     * @param total     n, the rows of the whole data set
     * @param precision the format each block's J_b is computed in
     * @return the empty sum
     */
    public static BlockSum lossOnly(long total, Precision precision) {
        return new BlockSum(null, total, precision);
    }

    /**
     * T so far.
     *
     * @return the weighted sum of the blocks' losses
     */
    public double loss() {
        return loss;
    }

    /**
     * The rows taken in so far (those sampled, for a sample).
     *
     * @return the count
     */
    public long rows() {
        return rows;
    }

    /** ∇T as accumulated (not a copy), or null for a loss-only sum. */
    double[] gradient() {
        return gradient;
    }

    /**
     * Adds w_b J_b of {@code block}'s rows that {@code sample} selects (n_b is then the rows selected) and, unless
     * this sum is loss-only, w_b ∂J_b/∂θ. Only this sum is modified.
     *
     * @param block      the rows: a {@link RowBlock}, or a {@link FloatRowBlock} for a float32 sum
     * @param network    the network and loss J_b is computed with
     * @param parameters θ; not modified
     * @param sample     which of the block's rows to read
     * @return this sum
     * @throws IllegalArgumentException if a float64 sum is given a {@link FloatRowBlock}
     */
    public BlockSum add(Block block, Architecture network, double[] parameters, RowSample sample) {
        ensureWorkspace(network, block.rows());
        int n = backprop.load(block, sample);
        if (n == 0) {
            return this;
        }
        // n_b / n first: one block of all n rows then has the weight 1 exactly.
        double weight = backprop.architecture().loss().meanOverRows() ? (double) n / total : 1.0;
        if (gradient == null) {
            loss += weight * backprop.loss(parameters, n);
        } else {
            loss += weight * backprop.lossAndGradient(parameters, n, blockGradient);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += weight * blockGradient[i];
            }
        }
        rows += n;
        return this;
    }

    /**
     * Adds {@code other}, a sum over other rows of the same data set, into this one.
     *
     * @param other the other sum; not modified
     * @return this sum
     */
    public BlockSum merge(BlockSum other) {
        loss += other.loss;
        rows += other.rows;
        if (gradient != null) {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += other.gradient[i];
            }
        }
        return this;
    }

    private void ensureWorkspace(Architecture network, int capacity) {
        if (backprop != null && backprop.capacity() >= capacity) {
            return;
        }
        Architecture architecture = backprop != null ? backprop.architecture() : network;
        backprop = BlockPass.of(precision, architecture, capacity);
        blockGradient = new double[architecture.parameterCount()];
    }
}
