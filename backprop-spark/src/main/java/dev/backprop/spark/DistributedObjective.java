package dev.backprop.spark;

import dev.backprop.nn.Architecture;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Regularization;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The core's training objective J(θ) and ∇J(θ) over a {@link PackedDataset}, one Spark job per evaluation: θ goes to
 * the executors by broadcast, every task runs the core's backpropagation on its cached blocks, and one
 * {@code treeAggregate} sums the partial losses and gradients to the driver.
 *
 * <p>Why a sum is exact: every loss is c(n) S(θ) with S = Σ_i ℓ_i a plain sum over rows i (½ ‖y_i − ŷ_i‖² for the
 * squared errors, the row's cross-entropy for the others) and c = 1 for sse, 1/n for mse and the cross-entropies. Any
 * split of the rows into blocks b gives S = Σ_b S_b and ∇S = Σ_b ∇S_b. The executors return S for sse and mse (mse's
 * block sums come from sse), and S / n = Σ_b (n_b / n) J_b for the cross-entropies, whose block values J_b the core
 * computes as means ({@link GradientSum}); the driver applies the factor left (1/n for mse). With an L2 penalty λ the
 * core's objective is S/n + λ/2 Σ W² whatever the loss; the penalty and its gradient λ W are added once, on the
 * driver. Only the order of the additions (and the rounding of the weights n_b / n) differs from the core's
 * single-machine trainer, which changes the results in the last bits; with one block there is no difference at all.
 *
 * <p>The last exact evaluation is remembered: a line search ends by evaluating the point it accepts, and the next
 * iteration asks for the same θ (compared bit for bit), which then costs no Spark job, as the core's trainer caches
 * it too.
 *
 * <p>A sampled evaluation ({@link #sampled}) reads each row with probability f and scales the sums by n / n_f (n_f
 * the rows read), so that it estimates the full objective and one learning rate suits both.
 *
 * <p>Communication per evaluation: θ (P doubles) out by broadcast; P + 2 numbers back per task, combined in a tree of
 * {@code depth} levels. Not thread-safe.
 */
public final class DistributedObjective implements Objective {
    private final PackedDataset data;
    private final Architecture architecture;
    private final Architecture executorArchitecture;
    private final Regularization regularization;
    private final int parameterCount;
    /** What turns the executors' sum T into the data term: J = dataFactor T + penalty. */
    private final double dataFactor;
    private final int depth;
    private double[] lastPoint;
    private double[] lastGradient;
    private double lastValue;

    /**
     * @param data           the packed training rows
     * @param architecture   the network, with its loss
     * @param regularization the L2 penalty λ (dropout must be 0: its masks are drawn per row from one stream)
     * @param depth          the depth of the aggregation tree (2 suits up to some thousands of partitions)
     * @throws IllegalArgumentException if the network's input or output count differs from the data's, there is
     *                                  dropout, or depth &lt; 1
     */
    public DistributedObjective(PackedDataset data, Architecture architecture, Regularization regularization,
                                int depth) {
        this.data = Objects.requireNonNull(data, "data");
        if (architecture.inputs() != data.inputNames().size() || architecture.outputs() != data.targetNames().size()) {
            throw new IllegalArgumentException("the network maps " + architecture.inputs() + " inputs to "
                    + architecture.outputs() + " outputs but the data has " + data.inputNames().size()
                    + " inputs and " + data.targetNames().size() + " targets");
        }
        if (regularization.dropout() > 0) {
            throw new IllegalArgumentException("dropout is not supported on Spark: it draws a mask per row from one "
                    + "random stream, which a cluster does not share");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1 but was " + depth);
        }
        this.architecture = architecture;
        // mse's block sums come exact from sse (the same δ, times n); the cross-entropies have no summed form, so
        // their blocks return means, weighed into the mean over all rows.
        Loss executorLoss = architecture.loss() == Loss.MSE ? Loss.SSE : architecture.loss();
        this.executorArchitecture = new Architecture(
                IntStream.range(0, architecture.depth()).mapToObj(architecture::layer).toList(), executorLoss);
        this.regularization = regularization;
        this.parameterCount = architecture.parameterCount();
        boolean mean = architecture.loss().meanOverRows() || regularization.l2() > 0;
        this.dataFactor = mean && !executorLoss.meanOverRows() ? 1.0 / data.rows() : 1.0;
        this.depth = depth;
    }

    @Override
    public int dimension() {
        return parameterCount;
    }

    @Override
    public double valueAndGradient(double[] parameters, double[] gradient) {
        checkLength(parameters, "parameters");
        checkLength(gradient, "gradient");
        if (lastPoint == null || !Arrays.equals(parameters, lastPoint)) {
            double[] fresh = new double[parameterCount];
            lastValue = evaluate(parameters, fresh, Sample.ALL);
            lastGradient = fresh;
            lastPoint = parameters.clone();
        }
        System.arraycopy(lastGradient, 0, gradient, 0, parameterCount);
        return lastValue;
    }

    @Override
    public double value(double[] parameters) {
        checkLength(parameters, "parameters");
        if (lastPoint != null && Arrays.equals(parameters, lastPoint)) {
            return lastValue;
        }
        GradientSum sum = aggregate(parameters, GradientSum.lossOnly(data.rows()), Sample.ALL);
        return dataFactor * sum.loss() + regularization.penalty(architecture, parameters);
    }

    /**
     * An objective that estimates J and ∇J on a fresh Bernoulli sample of the rows at every call (call t samples
     * with (seed, t)); {@link Objective#value} stays exact. A call whose sample happens to be empty draws again. The
     * estimate is not deterministic, so it does not suit the line searches of lbfgs and bfgs.
     *
     * @param fraction f, the probability that a row is read
     * @param seed     the run's seed
     * @return the sampled objective
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
                full.checkLength(parameters, "parameters");
                full.checkLength(gradient, "gradient");
                return full.evaluate(parameters, gradient, new Sample(fraction, seed, draws++));
            }

            @Override
            public double value(double[] parameters) {
                return full.value(parameters);
            }
        };
    }

    private double evaluate(double[] parameters, double[] gradient, Sample sample) {
        GradientSum sum = aggregate(parameters, GradientSum.zero(parameterCount, data.rows()), sample);
        for (int redraw = 1; sum.rows() == 0; redraw++) {
            sample = new Sample(sample.fraction(), sample.seed() ^ (0x632BE59BD9B4E019L * redraw), sample.iteration());
            sum = aggregate(parameters, GradientSum.zero(parameterCount, data.rows()), sample);
        }
        // A sample of n_f rows estimates the sum over all rows by (n / n_f) times its own.
        double factor = dataFactor * ((double) data.rows() / sum.rows());
        double[] total = sum.gradient();
        for (int i = 0; i < parameterCount; i++) {
            gradient[i] = factor * total[i];
        }
        regularization.addPenaltyGradient(architecture, parameters, gradient);
        return factor * sum.loss() + regularization.penalty(architecture, parameters);
    }

    private GradientSum aggregate(double[] parameters, GradientSum zero, Sample sample) {
        JavaRDD<Block> blocks = data.blocks();
        Broadcast<double[]> theta = JavaSparkContext.fromSparkContext(blocks.context()).broadcast(parameters.clone());
        Architecture network = executorArchitecture;
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
