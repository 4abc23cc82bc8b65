package dev.backprop.spark;

import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The accumulator of one {@code treeAggregate}: S = Σ_b S_b, ∇S = Σ_b ∂S_b/∂θ over the blocks b it has seen, and
 * the number of rows they held, where S_b is block b's loss as a plain sum over its rows. For sse that is the core's
 * J_b itself; the mean losses (the cross-entropies) give J_b = S_b / n_b, so their J_b and ∂J_b/∂θ are multiplied
 * back by n_b. Partial sums from any split of the data then add up to the whole data set's, and the driver applies
 * the loss's own factor (1/n for the means).
 *
 * <p>Spark gives each task its own deserialized copy of the zero value, so the backpropagation workspace (transient,
 * never shipped) is allocated once per task and reused for every block of the partition. Not thread-safe.
 */
final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private double loss;
    private long rows;
    /** Σ ∂S_b/∂θ, or null when only S is wanted. */
    private final double[] gradient;

    private transient Backpropagation backprop;
    private transient double[] blockGradient;
    private transient double[] sampleX;
    private transient double[] sampleY;

    private GradientSum(double[] gradient) {
        this.gradient = gradient;
    }

    /** S = 0, ∇S = 0 for {@code parameters} parameters. */
    static GradientSum zero(int parameters) {
        return new GradientSum(new double[parameters]);
    }

    /** S = 0 with no gradient: for loss-only passes. */
    static GradientSum lossOnly() {
        return new GradientSum(null);
    }

    double loss() {
        return loss;
    }

    long rows() {
        return rows;
    }

    /** Σ ∂S_b/∂θ as accumulated (not a copy: the driver reads it once). */
    double[] gradient() {
        return gradient;
    }

    /**
     * Adds block {@code block}'s S and, if this sum has a gradient, its ∂S/∂θ, on the rows {@code sample} selects.
     * Only this accumulator is modified.
     */
    GradientSum add(Block block, ArchitectureShape shape, double[] parameters, Sample sample) {
        double[] x = block.x();
        double[] y = block.y();
        int n = block.rows();
        if (!sample.all()) {
            n = select(block, shape, sample);
            x = sampleX;
            y = sampleY;
            if (n == 0) {
                return this;
            }
        }
        ensureWorkspace(shape, block.rows());
        // S_b = n_b J_b for a mean loss; the product rounds once, in the last bit.
        double weight = backprop.architecture().loss().meanOverRows() ? n : 1.0;
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
    private int select(Block block, ArchitectureShape shape, Sample sample) {
        ensureWorkspace(shape, block.rows());
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

    private void ensureWorkspace(ArchitectureShape shape, int capacity) {
        if (backprop != null && backprop.capacity() >= capacity) {
            return;
        }
        Architecture architecture = backprop != null ? backprop.architecture() : shape.toArchitecture();
        backprop = new Backpropagation(architecture, capacity);
        blockGradient = new double[architecture.parameterCount()];
        sampleX = new double[capacity * architecture.inputs()];
        sampleY = new double[capacity * architecture.outputs()];
    }
}
