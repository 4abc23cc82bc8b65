package dev.backprop.spark;

import dev.backprop.nn.Architecture;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.Objective;
import dev.backprop.train.BlockObjective;
import dev.backprop.train.FullBatchObjective;
import dev.backprop.train.RemoteRows;
import dev.backprop.train.TrainingListener;

/**
 * Packed rows on the cluster as the core's {@link RemoteRows}: the core's trainer steps on their
 * {@link DistributedObjective}, each evaluation a Spark job, or with a sample fraction f &lt; 1 on a Bernoulli sample
 * of about f n rows per update.
 */
final class ClusterRows implements RemoteRows {
    private final PackedDataset data;
    private final int aggregationDepth;
    private final double sampleFraction;

    /** The rows of {@code data}, summed in a tree of {@code aggregationDepth}, a {@code sampleFraction} an update. */
    ClusterRows(PackedDataset data, int aggregationDepth, double sampleFraction) {
        this.data = data;
        this.aggregationDepth = aggregationDepth;
        this.sampleFraction = sampleFraction;
    }

    @Override
    public Description description() {
        return data.description();
    }

    @Override
    public FullBatchObjective objective(Architecture architecture, Regularization regularization) {
        return new DistributedObjective(data, architecture, regularization, aggregationDepth);
    }

    @Override
    public Objective steps(FullBatchObjective exact, long seed) {
        return sampleFraction < 1 ? ((BlockObjective) exact).sampled(sampleFraction, seed) : exact;
    }

    /**
     * Logs each iteration's J and time at debug level (an iteration is one or more Spark jobs), and passes every event
     * on to the user's listener, which may stop the run.
     */
    static final class IterationLog implements TrainingListener {
        private static final System.Logger LOG = System.getLogger(SparkTrainer.class.getName());
        private final TrainingListener next;
        private long start = System.nanoTime();

        /** @param next the user's listener, told of everything and asked whether to stop */
        IterationLog(TrainingListener next) {
            this.next = next;
        }

        @Override
        public void trainingStarted(int maxEpochs, int rows, int batchesPerEpoch) {
            next.trainingStarted(maxEpochs, rows, batchesPerEpoch);
        }

        @Override
        public void batchEnded(int epoch, int batch, double loss) {
            next.batchEnded(epoch, batch, loss);
        }

        @Override
        public void parametersUpdated(double[] parameters, double[] gradient) {
            next.parametersUpdated(parameters, gradient);
        }

        @Override
        public void epochEnded(int epoch, double trainingLoss, double validationLoss, double learningRate) {
            long now = System.nanoTime();
            long millis = (now - start) / 1_000_000;
            start = now;
            LOG.log(System.Logger.Level.DEBUG, () -> "iteration " + epoch + ": J = " + trainingLoss + " (" + millis
                    + " ms)");
            next.epochEnded(epoch, trainingLoss, validationLoss, learningRate);
        }

        @Override
        public boolean stopRequested() {
            return next.stopRequested();
        }
    }
}
