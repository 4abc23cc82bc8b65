package dev.backprop.train;

import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.Objective;
import dev.backprop.optim.Optimizer;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** {@link Format#FLOAT64}: double[] everywhere, the trainer as it was before float32. */
final class Float64Format extends Format<double[]> {
    @Override
    Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    double[] allocate(int length) {
        return new double[length];
    }

    @Override
    int length(double[] values) {
        return values.length;
    }

    @Override
    double[] copy(double[] values) {
        return values.clone();
    }

    @Override
    boolean same(double[] a, double[] b) {
        return Arrays.equals(a, b);
    }

    @Override
    double[] narrow(double[] values) {
        return values;
    }

    @Override
    void narrow(double[] values, double[] out) {
        System.arraycopy(values, 0, out, 0, values.length);
    }

    @Override
    double[] widen(double[] values) {
        return values.clone();
    }

    @Override
    void widen(double[] values, double[] out) {
        System.arraycopy(values, 0, out, 0, values.length);
    }

    @Override
    Pass<double[]> pass(Architecture architecture, int capacity, Regularization regularization,
                        RandomGenerator random) {
        Backpropagation backprop = new Backpropagation(architecture, capacity, regularization, random);
        return new Pass<>() {
            @Override
            public int capacity() {
                return capacity;
            }

            @Override
            public double lossAndGradient(double[] parameters, double[] x, int xOffset, double[] y, int yOffset,
                                          double[] weights, int weightOffset, int rows, double[] gradient) {
                return backprop.lossAndGradient(parameters, x, xOffset, y, yOffset, weights, weightOffset, rows,
                        gradient);
            }

            @Override
            public double loss(double[] parameters, double[] x, int xOffset, double[] y, int yOffset,
                               double[] weights, int weightOffset, int rows) {
                return backprop.loss(parameters, x, xOffset, y, yOffset, weights, weightOffset, rows);
            }
        };
    }

    @Override
    double step(Optimizer optimizer, double[] parameters, double[] gradient) {
        return optimizer.step(parameters, gradient);
    }

    @Override
    void parametersUpdated(TrainingListener listener, double[] parameters, double[] gradient,
                           double[] parameterView, double[] gradientView) {
        listener.parametersUpdated(parameters, gradient);
    }

    @Override
    double penalty(Regularization regularization, Architecture architecture, double[] parameters) {
        return regularization.penalty(architecture, parameters);
    }

    @Override
    FullBatch<double[]> remote(FullBatchObjective exact, Objective steps, int parameterCount) {
        return FullBatch.of(exact, steps);
    }

    @Override
    LineSearchStep<double[]> lineSearch(int parameterCount) {
        return new LineSearchStep<>() {
            private Evaluation<double[]> last;
            /** {@code last} as the optimizer takes it, made once per objective rather than per step. */
            private Objective objective;

            @Override
            public double step(Optimizer optimizer, double[] parameters, double[] gradient, double value,
                               Evaluation<double[]> evaluation) {
                if (evaluation != last) {
                    last = evaluation;
                    objective = evaluation::valueAndGradient;
                }
                return optimizer.step(parameters, gradient, value, objective);
            }
        };
    }
}
