package dev.backprop.spark;

import dev.backprop.data.ColumnRanges;
import dev.backprop.data.Scaling;
import dev.backprop.data.ScalingMethod;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Loss;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.Objective;
import dev.backprop.train.FullBatchObjective;
import dev.backprop.train.RemoteRows;
import dev.backprop.train.TrainingListener;

import java.util.List;
import java.util.Locale;

/**
 * Packed rows on the cluster as the core's {@link RemoteRows}: the core's trainer steps on their
 * {@link DistributedObjective}, each evaluation a Spark job, or with a sample fraction f &lt; 1 on a Bernoulli sample
 * of about f n rows per update.
 */
final class ClusterRows implements RemoteRows {
    /** How far a row's targets may sum from 1 for categorical cross-entropy, as the core allows. */
    private static final double TARGET_SUM_TOLERANCE = 1e-6;

    private final PackedDataset data;
    private final int aggregationDepth;
    private final double sampleFraction;

    private ClusterRows(PackedDataset data, int aggregationDepth, double sampleFraction) {
        this.data = data;
        this.aggregationDepth = aggregationDepth;
        this.sampleFraction = sampleFraction;
    }

    /**
     * The rows of {@code data} for a network of {@code loss} trained with {@code scaling}.
     *
     * @throws IllegalArgumentException if the data was packed for another scaling or loss
     */
    static ClusterRows of(PackedDataset data, ScalingMethod scaling, Loss loss, int aggregationDepth,
                          double sampleFraction) {
        if (data.inputScaling().method() != scaling) {
            throw new IllegalArgumentException("the data was packed with scaling " + data.inputScaling().method().id()
                    + " but this trainer scales by " + scaling.id());
        }
        Scaling targetScaling = targetScaling(data.targetRanges(), scaling, loss, data.targetNames());
        if (!targetScaling.equals(data.outputScaling())) {
            throw new IllegalArgumentException("the data was packed with targets scaled by "
                    + data.outputScaling().method().id() + " but loss " + loss.id() + " needs them scaled by "
                    + targetScaling.method().id() + ": pack it for this loss");
        }
        if (loss == Loss.CATEGORICAL_CROSS_ENTROPY && data.targetSumError() > TARGET_SUM_TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs one-hot targets (each row sums "
                    + "to 1) but some row's sum is off by %s", loss.id(), data.targetSumError()));
        }
        return new ClusterRows(data, aggregationDepth, sampleFraction);
    }

    /**
     * The target scaling for {@code loss} on targets with these ranges: none for the cross-entropies, whose targets
     * are probabilities, as the core's trainer does; otherwise {@code method}'s.
     *
     * @throws IllegalArgumentException if a cross-entropy target lies outside [0, 1], naming the column
     */
    static Scaling targetScaling(ColumnRanges ranges, ScalingMethod method, Loss loss, List<String> names) {
        if (!loss.crossEntropy()) {
            return Scaling.fit(method, ranges);
        }
        double[] min = ranges.min();
        double[] max = ranges.max();
        for (int j = 0; j < min.length; j++) {
            if (!(min[j] >= 0 && max[j] <= 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s needs targets in [0, 1] but column %s has values from %s to %s", loss.id(),
                        names.get(j), min[j], max[j]));
            }
        }
        return Scaling.none(min.length);
    }

    @Override
    public long rows() {
        return data.rows();
    }

    @Override
    public List<String> inputNames() {
        return data.inputNames();
    }

    @Override
    public List<String> targetNames() {
        return data.targetNames();
    }

    @Override
    public Scaling inputScaling() {
        return data.inputScaling();
    }

    @Override
    public Scaling outputScaling() {
        return data.outputScaling();
    }

    @Override
    public FullBatchObjective objective(Architecture architecture, Regularization regularization) {
        return new DistributedObjective(data, architecture, regularization, aggregationDepth);
    }

    @Override
    public Objective steps(FullBatchObjective exact, long seed) {
        return sampleFraction < 1 ? ((DistributedObjective) exact).sampled(sampleFraction, seed) : exact;
    }

    /** Logs each iteration's J and time at debug level: an iteration is one or more Spark jobs. */
    static final class IterationLog implements TrainingListener {
        private static final System.Logger LOG = System.getLogger(SparkTrainer.class.getName());
        private long start = System.nanoTime();

        @Override
        public void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
            long now = System.nanoTime();
            long millis = (now - start) / 1_000_000;
            start = now;
            LOG.log(System.Logger.Level.DEBUG, () -> "iteration " + epoch + ": J = " + trainingLoss + " (" + millis
                    + " ms)");
        }
    }
}
