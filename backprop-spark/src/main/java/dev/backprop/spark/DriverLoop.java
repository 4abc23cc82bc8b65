package dev.backprop.spark;

import dev.backprop.optim.Optimizer;
import dev.backprop.train.StopReason;
import dev.backprop.train.TrainerConfig;

import java.util.Arrays;

/**
 * The iterations of one distributed run, on the driver: the core's full-batch training loop with one optimizer step
 * per iteration, each evaluation of J and ∇J a Spark job. The learning-rate schedule, the stopping rules and their
 * order are the core trainer's: a non-finite loss ({@link StopReason#DIVERGED}, keeping the last finite weights), no
 * parameter moving by more than the tolerance ({@link StopReason#CONVERGED}), the loss not improving by more than the
 * tolerance for {@code patience} iterations ({@link StopReason#NO_IMPROVEMENT}), the iteration limit
 * ({@link StopReason#MAX_EPOCHS}).
 */
final class DriverLoop {
    /** How the run went; {@code parameters} hold the kept weights. */
    record Outcome(StopReason stopReason, int epochs, double[] lossHistory, double finalLoss) {
    }

    private static final System.Logger LOG = System.getLogger(DriverLoop.class.getName());

    private final TrainerConfig config;

    DriverLoop(TrainerConfig config) {
        this.config = config;
    }

    /**
     * Trains {@code parameters} in place.
     *
     * @param exact     the full-batch objective: the line searches' J, and the final loss
     * @param gradients where each iteration's J and ∇J come from: {@code exact}, or a sampled estimate of it
     */
    Outcome run(double[] parameters, DistributedObjective exact, Objective gradients) {
        int p = parameters.length;
        Optimizer optimizer = config.optimizer().create(config.learningRate(), config.momentum());
        optimizer.init(p);
        double[] gradient = new double[p];
        double[] lastFinite = new double[p];
        boolean haveFinite = false;
        double[] history = new double[config.maxEpochs()];
        double rate = config.learningRate();
        double bestLoss = Double.POSITIVE_INFINITY;
        int wait = 0;
        int epochs = 0;
        StopReason stop = StopReason.MAX_EPOCHS;
        while (epochs < config.maxEpochs()) {
            long start = System.nanoTime();
            if (epochs > 0) {
                double next = config.schedule().rate(config.learningRate(), rate, epochs, wait);
                if (next != rate) {
                    rate = next;
                    optimizer.setLearningRate(rate);
                }
            }
            double j = gradients.valueAndGradient(parameters, gradient);
            if (!Double.isFinite(j)) {
                stop = StopReason.DIVERGED;
                break;
            }
            System.arraycopy(parameters, 0, lastFinite, 0, p);
            haveFinite = true;
            double largestChange = optimizer.step(parameters, gradient, j, exact);
            history[epochs++] = j;
            int epoch = epochs;
            LOG.log(System.Logger.Level.DEBUG, () -> "iteration " + epoch + ": J = " + j + " ("
                    + (System.nanoTime() - start) / 1_000_000 + " ms)");
            wait = j < bestLoss - config.tolerance() ? 0 : wait + 1;
            bestLoss = Math.min(bestLoss, j);
            // As the core's loop: an update that moves nothing has converged whatever the tolerance.
            if (largestChange < config.tolerance() || largestChange == 0.0) {
                stop = StopReason.CONVERGED;
                break;
            }
            if (config.patience() > 0 && wait >= config.patience()) {
                stop = StopReason.NO_IMPROVEMENT;
                break;
            }
        }
        if (stop == StopReason.DIVERGED && haveFinite) {
            System.arraycopy(lastFinite, 0, parameters, 0, p);
        }
        double finalLoss = exact.value(parameters);
        if (!Double.isFinite(finalLoss) && stop != StopReason.DIVERGED && haveFinite) {
            // The last update itself blew up: keep the weights before it.
            stop = StopReason.DIVERGED;
            System.arraycopy(lastFinite, 0, parameters, 0, p);
            finalLoss = exact.value(parameters);
        }
        return new Outcome(stop, epochs, Arrays.copyOf(history, epochs), finalLoss);
    }
}
