package dev.backprop.spark;

import dev.backprop.nn.Architecture;
import dev.backprop.nn.Loss;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.Objects;

/**
 * J(θ) and ∇J(θ) of a network over a {@link PackedDataset}, one Spark job per call: θ goes to the executors by
 * broadcast, every task runs the core's backpropagation on its cached blocks, and one {@code treeAggregate} sums the
 * partial losses and gradients to the driver.
 *
 * <p>Why a sum is exact: with J_sum(θ) = Σ_i ½ ‖y_i − ŷ_i‖² (sse) over rows i, any split of the rows into blocks b
 * gives J_sum = Σ_b J_b and ∇J_sum = Σ_b ∇J_b. The loss the network was configured with is then c(n) J_sum with
 * c = 1 for sse and c = 1/n for mse, and so is its gradient. Only the order of the additions differs from the
 * core's single-machine trainer, which changes the results in the last bits.
 *
 * <p>A sampled evaluation ({@link #sampled}) reads each row with probability f and scales the sums by n / n_f (n_f
 * the rows read), so that it estimates the full J and ∇J and one learning rate suits both.
 *
 * <p>Communication per call: θ (P doubles) out by broadcast; P + 2 numbers back per task, combined in a tree of
 * {@code depth} levels.
 */
public final class DistributedObjective implements Objective {
    private final PackedDataset data;
    private final ArchitectureShape shape;
    private final int parameterCount;
    private final double lossFactor;
    private final int depth;

    /**
     * @param depth the depth of the aggregation tree (2 suits up to some thousands of partitions)
     * @throws IllegalArgumentException if the network's input or output count differs from the data's, the loss is
     *                                  not a sum over rows, or depth &lt; 1
     */
    public DistributedObjective(PackedDataset data, Architecture architecture, int depth) {
        this.data = Objects.requireNonNull(data, "data");
        if (architecture.inputs() != data.inputNames().size() || architecture.outputs() != data.targetNames().size()) {
            throw new IllegalArgumentException("the network maps " + architecture.inputs() + " inputs to "
                    + architecture.outputs() + " outputs but the data has " + data.inputNames().size()
                    + " inputs and " + data.targetNames().size() + " targets");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1 but was " + depth);
        }
        this.shape = ArchitectureShape.of(architecture, Loss.SSE);
        this.parameterCount = architecture.parameterCount();
        this.lossFactor = lossFactor(architecture.loss(), data.rows());
        this.depth = depth;
    }

    /**
     * c(n) with J = c(n) Σ_i J_i: the factor that turns the per-row sum the executors compute into the loss.
     *
     * @throws IllegalArgumentException for a loss that is not a per-row sum times such a factor
     */
    static double lossFactor(Loss loss, long rows) {
        return switch (loss) {
            case SSE -> 1.0;
            case MSE -> 1.0 / rows;
            // A loss added to the core later must say here how it splits over rows before Spark can train it.
            default -> throw new IllegalArgumentException("loss " + loss.id() + " is not supported on Spark yet");
        };
    }

    @Override
    public int dimension() {
        return parameterCount;
    }

    @Override
    public double valueAndGradient(double[] parameters, double[] gradient) {
        return evaluate(parameters, gradient, Sample.ALL);
    }

    @Override
    public double value(double[] parameters) {
        checkLength(parameters, "parameters");
        GradientSum sum = aggregate(parameters, GradientSum.lossOnly(), Sample.ALL);
        return lossFactor * sum.loss();
    }

    /**
     * An objective that estimates J and ∇J on a fresh Bernoulli sample of the rows at every call (call t samples
     * with (seed, t)); {@link Objective#value} stays exact. A call whose sample happens to be empty draws again.
     *
     * @throws IllegalArgumentException unless 0 &lt; fraction ≤ 1 and fraction × n ≥ 1
     */
    public Objective sampled(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("sample fraction must be in (0, 1] but was " + fraction);
        }
        if (fraction * data.rows() < 1) {
            throw new IllegalArgumentException("sample fraction " + fraction + " of " + data.rows()
                    + " rows expects less than one row per iteration");
        }
        DistributedObjective full = this;
        return new Objective() {
            private int draws;

            @Override
            public int dimension() {
                return parameterCount;
            }

            @Override
            public double valueAndGradient(double[] parameters, double[] gradient) {
                return full.evaluate(parameters, gradient, new Sample(fraction, seed, draws++));
            }

            @Override
            public double value(double[] parameters) {
                return full.value(parameters);
            }
        };
    }

    private double evaluate(double[] parameters, double[] gradient, Sample sample) {
        checkLength(parameters, "parameters");
        checkLength(gradient, "gradient");
        GradientSum sum = aggregate(parameters, GradientSum.zero(parameterCount), sample);
        for (int redraw = 1; sum.rows() == 0; redraw++) {
            sample = new Sample(sample.fraction(), sample.seed() ^ (0x632BE59BD9B4E019L * redraw), sample.iteration());
            sum = aggregate(parameters, GradientSum.zero(parameterCount), sample);
        }
        // J = c(n) J_sum over all rows; a sample of n_f rows estimates J_sum by (n / n_f) Σ_sample.
        double factor = lossFactor * ((double) data.rows() / sum.rows());
        double[] total = sum.gradient();
        for (int i = 0; i < parameterCount; i++) {
            gradient[i] = factor * total[i];
        }
        return factor * sum.loss();
    }

    private GradientSum aggregate(double[] parameters, GradientSum zero, Sample sample) {
        JavaRDD<Block> blocks = data.blocks();
        Broadcast<double[]> theta = JavaSparkContext.fromSparkContext(blocks.context()).broadcast(parameters.clone());
        ArchitectureShape network = shape;
        try {
            return blocks.treeAggregate(zero,
                    (sum, block) -> sum.add(block, network, theta.value(), sample),
                    GradientSum::merge,
                    depth);
        } finally {
            theta.destroy();
        }
    }

    private void checkLength(double[] vector, String name) {
        if (vector.length != parameterCount) {
            throw new IllegalArgumentException(name + " has " + vector.length + " values but the network has "
                    + parameterCount + " parameters");
        }
    }
}
