package dev.backprop.bench;

import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.optim.GradientDescent;

/**
 * Trains a {@link Workload} exactly as the peers do, with the library's own training step: for each consecutive batch
 * (no shuffling; the last one may be partial) {@link Backpropagation#lossAndGradient} then
 * {@link GradientDescent#step}. The loss is the summed Σ ½ (y - ŷ)² and, for the batch-mean workloads, the step is
 * η / B with B the batch's own row count, which is how the numpy peer applies the learning rate
 * ({@code W -= (lr / B) * (Aᵀ δ)}). Everything is allocated in the constructor: an epoch allocates nothing.
 */
public final class WorkloadTraining {
    private final Workload workload;
    private final Backpropagation backpropagation;
    private final double[] parameters;
    private final double[] gradient;
    private final GradientDescent fullBatchStep;
    private final GradientDescent lastBatchStep;

    public WorkloadTraining(Workload workload) {
        this.workload = workload;
        Architecture architecture = workload.architecture();
        this.backpropagation = new Backpropagation(architecture, Math.min(workload.batch(), workload.rows()));
        this.parameters = workload.initialParameters();
        this.gradient = new double[parameters.length];
        int batch = Math.min(workload.batch(), workload.rows());
        int last = workload.rows() % batch == 0 ? batch : workload.rows() % batch;
        this.fullBatchStep = new GradientDescent(stepSize(batch));
        this.lastBatchStep = new GradientDescent(stepSize(last));
    }

    private double stepSize(int batchRows) {
        return workload.meanLoss() ? workload.learningRate() / batchRows : workload.learningRate();
    }

    /** Puts the parameters back to the workload's fixed initial values. */
    public void reset() {
        System.arraycopy(workload.initialParameters(), 0, parameters, 0, parameters.length);
    }

    /** One pass over the first {@code rows} rows in consecutive batches (W1: one full-batch iteration). */
    public void epoch(int rows) {
        int batch = workload.batch();
        int features = workload.features();
        double[] x = workload.x();
        double[] y = workload.y();
        for (int start = 0; start < rows; start += batch) {
            int count = Math.min(batch, rows - start);
            backpropagation.lossAndGradient(parameters, x, start * features, y, start, count, gradient);
            (count == batch ? fullBatchStep : lastBatchStep).step(parameters, gradient);
        }
    }

    /**
     * Runs {@code epochs} epochs on the first {@code rows} rows. For a warm-up on fewer rows than the workload has,
     * the partial last batch uses the full batch's step size when {@code rows} is a multiple of the batch.
     */
    public void train(int rows, int epochs) {
        for (int e = 0; e < epochs; e++) {
            epoch(rows);
        }
    }

    /** W1: J = Σ ½ (y - ŷ)²; W2, W3: the training MSE, mean (y - ŷ)² over all rows. */
    public double finalLoss() {
        int batch = backpropagation.capacity();
        double sum = 0.0;
        double[] y = workload.y();
        for (int start = 0; start < workload.rows(); start += batch) {
            int count = Math.min(batch, workload.rows() - start);
            double[] yhat = backpropagation.forward(parameters, workload.x(), start * workload.features(), count);
            for (int i = 0; i < count; i++) {
                double r = yhat[i] - y[start + i];
                sum += r * r;
            }
        }
        return workload.meanLoss() ? sum / workload.rows() : 0.5 * sum;
    }

    public double[] parameters() {
        return parameters;
    }
}
