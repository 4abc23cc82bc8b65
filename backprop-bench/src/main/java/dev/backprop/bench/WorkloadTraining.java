package dev.backprop.bench;

import dev.backprop.linalg.FloatArrays;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.FloatBackpropagation;
import dev.backprop.optim.GradientDescent;

/**
 * Trains a {@link Workload} exactly as the peers do, with the library's own training step: for each consecutive batch
 * (no shuffling; the last one may be partial) {@link Backpropagation#lossAndGradient} then
 * {@link GradientDescent#step}. The loss is the summed Σ ½ (y - ŷ)² and, for the batch-mean workloads, the step is
 * η / B with B the batch's own row count, which is how the numpy peer applies the learning rate
 * ({@code W -= (lr / B) * (Aᵀ δ)}). In float32 ({@link FloatBackpropagation}) the data and parameters are floats, as
 * PyTorch's float32 peer holds them; the data is converted once, here. Everything is allocated in the constructor: an
 * epoch allocates nothing.
 */
public final class WorkloadTraining {
    private final Workload workload;
    private final Steps steps;
    private final GradientDescent fullBatchStep;
    private final GradientDescent lastBatchStep;

    /**
     * In float64.
     *
     * @param workload the workload
     */
    public WorkloadTraining(Workload workload) {
        this(workload, Precision.FLOAT64);
    }

    /**
     * @param workload  the workload
     * @param precision the format of the data, parameters and arithmetic
     */
    public WorkloadTraining(Workload workload, Precision precision) {
        this.workload = workload;
        int batch = Math.min(workload.batch(), workload.rows());
        this.steps = precision == Precision.FLOAT32 ? new FloatSteps(workload, batch) : new DoubleSteps(workload, batch);
        int last = workload.rows() % batch == 0 ? batch : workload.rows() % batch;
        this.fullBatchStep = new GradientDescent(stepSize(batch));
        this.lastBatchStep = new GradientDescent(stepSize(last));
    }

    private double stepSize(int batchRows) {
        return workload.meanLoss() ? workload.learningRate() / batchRows : workload.learningRate();
    }

    /** Puts the parameters back to the workload's fixed initial values. */
    public void reset() {
        steps.reset(workload.initialParameters());
    }

    /** One pass over the first {@code rows} rows in consecutive batches (W1: one full-batch iteration). */
    public void epoch(int rows) {
        int batch = workload.batch();
        for (int start = 0; start < rows; start += batch) {
            int count = Math.min(batch, rows - start);
            steps.update(start, count, count == batch ? fullBatchStep : lastBatchStep);
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
        int batch = Math.min(workload.batch(), workload.rows());
        double sum = 0.0;
        for (int start = 0; start < workload.rows(); start += batch) {
            sum += steps.squaredError(start, Math.min(batch, workload.rows() - start));
        }
        return workload.meanLoss() ? sum / workload.rows() : 0.5 * sum;
    }

    /** The parameters as they are now (a float32 run's widened to doubles). */
    public double[] parameters() {
        return steps.parameters();
    }

    /** One precision's arrays and pass. */
    private interface Steps {
        void reset(double[] initial);

        /** The gradient of {@code count} rows from {@code start}, then one step. */
        void update(int start, int count, GradientDescent step);

        /** Σ (ŷ - y)² over {@code count} rows from {@code start}, summed in double. */
        double squaredError(int start, int count);

        double[] parameters();
    }

    private static final class DoubleSteps implements Steps {
        private final Backpropagation backpropagation;
        private final double[] x;
        private final double[] y;
        private final int features;
        private final double[] parameters;
        private final double[] gradient;

        DoubleSteps(Workload workload, int batch) {
            Architecture architecture = workload.architecture();
            this.backpropagation = new Backpropagation(architecture, batch);
            this.x = workload.x();
            this.y = workload.y();
            this.features = workload.features();
            this.parameters = workload.initialParameters();
            this.gradient = new double[parameters.length];
        }

        @Override
        public void reset(double[] initial) {
            System.arraycopy(initial, 0, parameters, 0, parameters.length);
        }

        @Override
        public void update(int start, int count, GradientDescent step) {
            backpropagation.lossAndGradient(parameters, x, start * features, y, start, count, gradient);
            step.step(parameters, gradient);
        }

        @Override
        public double squaredError(int start, int count) {
            double[] yhat = backpropagation.forward(parameters, x, start * features, count);
            double sum = 0.0;
            for (int i = 0; i < count; i++) {
                double r = yhat[i] - y[start + i];
                sum += r * r;
            }
            return sum;
        }

        @Override
        public double[] parameters() {
            return parameters;
        }
    }

    private static final class FloatSteps implements Steps {
        private final FloatBackpropagation backpropagation;
        private final float[] x;
        private final float[] y;
        private final int features;
        private final float[] parameters;
        private final float[] gradient;

        FloatSteps(Workload workload, int batch) {
            this.backpropagation = new FloatBackpropagation(workload.architecture(), batch);
            this.x = FloatArrays.rounded(workload.x());
            this.y = FloatArrays.rounded(workload.y());
            this.features = workload.features();
            this.parameters = FloatArrays.rounded(workload.initialParameters());
            this.gradient = new float[parameters.length];
        }

        @Override
        public void reset(double[] initial) {
            FloatArrays.round(initial, 0, parameters, parameters.length);
        }

        @Override
        public void update(int start, int count, GradientDescent step) {
            backpropagation.lossAndGradient(parameters, x, start * features, y, start, count, gradient);
            step.step(parameters, gradient);
        }

        @Override
        public double squaredError(int start, int count) {
            float[] yhat = backpropagation.forward(parameters, x, start * features, count);
            double sum = 0.0;
            for (int i = 0; i < count; i++) {
                double r = (double) yhat[i] - y[start + i];
                sum += r * r;
            }
            return sum;
        }

        @Override
        public double[] parameters() {
            return FloatArrays.widened(parameters);
        }
    }
}
