package dev.backprop.train;

import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.Objective;

import java.util.stream.IntStream;

/**
 * The training objective J(θ) and ∇J(θ) over n rows held elsewhere in {@link Block}s, from the {@link BlockSum}s
 * an engine adds up over them ({@link #sum}: a cluster's job, say): what {@link RemoteRows#objective} returns.
 *
 * <p>Why a sum is exact: every loss is c(n) S(θ) with S = Σ_i ℓ_i a plain sum over rows i (½ ‖y_i − ŷ_i‖² for the
 * squared errors, the row's cross-entropy for the others) and c = 1 for sse, 1/n for mse and the cross-entropies. Any
 * split of the rows into blocks b gives S = Σ_b S_b and ∇S = Σ_b ∇S_b. Rows with weights wᵢ (a block's
 * {@link RowBlock#w}) make S = Σ_i wᵢ ℓ_i, still a plain sum, so the same holds: the objective the core's trainer
 * minimises on weighted rows ({@link dev.backprop.nn.Backpropagation}'s J_w). The blocks return S for sse and mse
 * (mse's block sums come from sse), and S / n = Σ_b (n_b / n) J_b for the cross-entropies, whose block values J_b the core
 * computes as means; this class applies the factor left (1/n for mse). With an L2 penalty λ the objective is
 * S/n + λ/2 Σ W² whatever the loss, the penalty and its gradient λ W added once, here. Only the order of the additions
 * (and the rounding of the weights n_b / n) differs from the core's single-machine trainer; with one block there is
 * no difference at all.
 *
 * <p>The last exact evaluation is remembered ({@link CachedObjective}), as the core's trainer remembers it: a line
 * search ends by evaluating the point it accepts, and the next iteration asks for the same θ, which then costs no
 * pass. A sampled evaluation ({@link #sampled}) reads each row with probability f and scales the sums by n / n_f
 * (n_f the rows read), so that it estimates the full objective and one learning rate suits both. Not thread-safe.
 *
 * <p>In a float32 run ({@link #blocksIn}) every block computes in float32 at θ rounded to float (θ is then a float
 * already: the trainer keeps it in float) and the blocks' sums, the penalty and J stay double.
 */
public abstract class BlockObjective implements FullBatchObjective {
    private final Architecture architecture;
    private final Architecture blockArchitecture;
    private final Regularization regularization;
    private final long rows;
    private final int parameterCount;
    /** What turns the blocks' sum T into the data term: J = dataFactor T + penalty. */
    private final double dataFactor;
    private final CachedObjective<double[]> exact;
    /** The format every block is computed in ({@link #blocksIn}). */
    private Precision precision = Precision.FLOAT64;

    /**
     * @param architecture   the network, with its loss
     * @param regularization the L2 penalty λ (dropout must be 0: its masks are drawn per row from one stream)
     * @param inputs         the rows' inputs, m
     * @param targets        the rows' targets, k
     * @param rows           n, the rows of all blocks
     * @throws IllegalArgumentException if the network does not map m inputs to k outputs, or there is dropout
     */
    protected BlockObjective(Architecture architecture, Regularization regularization, int inputs, int targets,
                             long rows) {
        if (architecture.inputs() != inputs || architecture.outputs() != targets) {
            throw new IllegalArgumentException("the network maps " + architecture.inputs() + " inputs to "
                    + architecture.outputs() + " outputs but the data has " + inputs + " inputs and " + targets
                    + " targets");
        }
        if (regularization.dropout() > 0) {
            throw new IllegalArgumentException("dropout is not supported on rows held elsewhere: it draws a mask per "
                    + "row from one random stream, which they do not share");
        }
        this.architecture = architecture;
        // mse's block sums come exact from sse (the same δ, times n); the cross-entropies have no summed form, so
        // their blocks return means, weighed into the mean over all rows.
        Loss blockLoss = architecture.loss() == Loss.MSE ? Loss.SSE : architecture.loss();
        this.blockArchitecture = new Architecture(
                IntStream.range(0, architecture.depth()).mapToObj(architecture::layer).toList(), blockLoss);
        this.regularization = regularization;
        this.rows = rows;
        this.parameterCount = architecture.parameterCount();
        boolean mean = architecture.loss().meanOverRows() || regularization.l2() > 0;
        this.dataFactor = mean && !blockLoss.meanOverRows() ? 1.0 / rows : 1.0;
        this.exact = CachedObjective.of((parameters, gradient) -> evaluate(parameters, gradient, RowSample.ALL),
                parameterCount);
    }

    /**
     * Has every block computed in {@code precision} from now on ({@link BlockSum#zero(int, long, Precision)}): the
     * trainer's float32 run on rows elsewhere. Called before the first evaluation.
     */
    void blocksIn(Precision precision) {
        this.precision = precision;
    }

    /**
     * Adds every block's contribution into {@code zero}: {@code zero.add(block, blockArchitecture(), parameters,
     * sample)} for each block, the partial sums combined by {@link BlockSum#merge}, in any order and grouping.
     *
     * @param parameters θ; not modified
     * @param zero       the empty sum to start from (each partial sum starts from a copy of it)
     * @param sample     which rows to read
     * @return the sum over all blocks
     */
    protected abstract BlockSum sum(double[] parameters, BlockSum zero, RowSample sample);

    /**
     * The network each block's J_b is computed with: this objective's, with sse in place of mse.
     *
     * @return the blocks' architecture
     */
    protected final Architecture blockArchitecture() {
        return blockArchitecture;
    }

    @Override
    public double valueAndGradient(double[] parameters, double[] gradient) {
        checkLength(parameters, "parameters");
        checkLength(gradient, "gradient");
        return exact.valueAndGradient(parameters, gradient);
    }

    @Override
    public double value(double[] parameters) {
        checkLength(parameters, "parameters");
        if (exact.holds(parameters)) {
            return exact.value();
        }
        BlockSum sum = sum(parameters, BlockSum.lossOnly(rows, precision), RowSample.ALL);
        return dataFactor * sum.loss() + regularization.penalty(architecture, parameters);
    }

    /**
     * An objective that estimates J and ∇J on a fresh Bernoulli sample of the rows at every call (call t samples
     * with (seed, t)). A call whose sample happens to be empty draws again. The estimate is not deterministic, so it
     * does not suit the line searches of lbfgs and bfgs.
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
        if (fraction * rows < 1) {
            throw new IllegalArgumentException("sample fraction " + fraction + " of " + rows
                    + " rows expects less than one row per iteration");
        }
        int[] draws = {0};
        return (parameters, gradient) -> {
            checkLength(parameters, "parameters");
            checkLength(gradient, "gradient");
            return evaluate(parameters, gradient, new RowSample(fraction, seed, draws[0]++));
        };
    }

    private double evaluate(double[] parameters, double[] gradient, RowSample sample) {
        BlockSum sum = sum(parameters, BlockSum.zero(parameterCount, rows, precision), sample);
        for (int redraw = 1; sum.rows() == 0; redraw++) {
            sample = new RowSample(sample.fraction(), sample.seed() ^ (0x632BE59BD9B4E019L * redraw),
                    sample.iteration());
            sum = sum(parameters, BlockSum.zero(parameterCount, rows, precision), sample);
        }
        // A sample of n_f rows estimates the sum over all rows by (n / n_f) times its own.
        double factor = dataFactor * ((double) rows / sum.rows());
        double[] total = sum.gradient();
        for (int i = 0; i < parameterCount; i++) {
            gradient[i] = factor * total[i];
        }
        regularization.addPenaltyGradient(architecture, parameters, gradient);
        return factor * sum.loss() + regularization.penalty(architecture, parameters);
    }

    private void checkLength(double[] vector, String name) {
        if (vector.length != parameterCount) {
            throw new IllegalArgumentException(name + " has " + vector.length + " values but the network has "
                    + parameterCount + " parameters");
        }
    }
}
