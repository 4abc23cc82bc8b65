package dev.backprop.spark;

import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The accumulator of one {@code treeAggregate}: T = Σ_b w_b J_b and ∇T = Σ_b w_b ∂J_b/∂θ over the blocks b it has
 * seen, J_b being the core's loss of block b's n_b rows, and the number of rows they held. For sse, J_b is a plain sum
 * over the rows and w_b = 1, so T is the sum S over all rows. The mean losses (the cross-entropies) give
 * J_b = S_b / n_b, and w_b = n_b / n weighs the blocks as the core's trainer weighs chunks of rows, so T is their mean
 * S / n over all n rows (and exactly the core's J when there is one block). Partial sums from any split of the data add
 * up to the whole data set's; the driver applies what factor remains.
 *
 * <p>Spark gives each task its own deserialized copy of the zero value, so the backpropagation workspace (transient,
 * never shipped) is allocated once per task and reused for every block of the partition. Not thread-safe.
 */
final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;

    /** n, the data set's rows: the mean losses' blocks are weighed by n_b / n. */
    private final long total;
    private double loss;
    private long rows;
    /** ∇T, or null when only T is wanted. */
    private final double[] gradient;

    private transient Backpropagation backprop;
    private transient double[] blockGradient;
    private transient double[] sampleX;
    private transient double[] sampleY;

    private GradientSum(double[] gradient, long total) {
        this.gradient = gradient;
        this.total = total;
    }

    /** T = 0, ∇T = 0 for {@code parameters} parameters, over a data set of {@code total} rows. */
    static GradientSum zero(int parameters, long total) {
        return new GradientSum(new double[parameters], total);
    }

    /** T = 0 with no gradient, over a data set of {@code total} rows: for loss-only passes. */
    static GradientSum lossOnly(long total) {
        return new GradientSum(null, total);
    }

    double loss() {
        return loss;
    }

    long rows() {
        return rows;
    }

    /** ∇T as accumulated (not a copy: the driver reads it once). */
    double[] gradient() {
        return gradient;
    }

    /**
     * Adds block {@code block}'s w_b J_b and, if this sum has a gradient, w_b ∂J_b/∂θ, on the rows {@code sample}
     * selects (n_b is then the rows selected).
     * Only this accumulator is modified.
     */
    GradientSum add(Block block, Architecture network, double[] parameters, Sample sample) {
        double[] x = block.x();
        double[] y = block.y();
        int n = block.rows();
        if (!sample.all()) {
            n = select(block, network, sample);
            x = sampleX;
            y = sampleY;
            if (n == 0) {
                return this;
            }
        }
        ensureWorkspace(network, block.rows());
        // n_b / n first: one block of all n rows then has the weight 1 exactly.
        double weight = backprop.architecture().loss().meanOverRows() ? (double) n / total : 1.0;
        if (gradient == null) {
            loss += weight * backprop.loss(parameters, x, 0, y, 0, n);
        } else {
            loss += weight * backprop.lossAndGradient(parameters, x, 0, y, 0, n, blockGradient);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += weight * blockGradient[i];
            }
        }
        rows += n;
        return this;
    }

    /** Adds {@code other} into this accumulator and returns this one. */
    GradientSum merge(GradientSum other) {
        loss += other.loss;
        rows += other.rows;
        if (gradient != null) {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += other.gradient[i];
            }
        }
        return this;
    }

    /** Copies the sampled rows of {@code block} to the front of sampleX/sampleY and returns how many there are. */
    private int select(Block block, Architecture network, Sample sample) {
        ensureWorkspace(network, block.rows());
        Architecture architecture = backprop.architecture();
        int m = architecture.inputs();
        int k = architecture.outputs();
        SplittableRandom random = sample.random(block.id());
        int selected = 0;
        for (int i = 0; i < block.rows(); i++) {
            if (random.nextDouble() < sample.fraction()) {
                System.arraycopy(block.x(), i * m, sampleX, selected * m, m);
                System.arraycopy(block.y(), i * k, sampleY, selected * k, k);
                selected++;
            }
        }
        return selected;
    }

    private void ensureWorkspace(Architecture network, int capacity) {
        if (backprop != null && backprop.capacity() >= capacity) {
            return;
        }
        Architecture architecture = backprop != null ? backprop.architecture() : network;
        backprop = new Backpropagation(architecture, capacity);
        blockGradient = new double[architecture.parameterCount()];
        sampleX = new double[capacity * architecture.inputs()];
        sampleY = new double[capacity * architecture.outputs()];
    }
}
