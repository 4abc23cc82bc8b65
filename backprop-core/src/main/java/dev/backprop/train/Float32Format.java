package dev.backprop.train;

import dev.backprop.linalg.FloatArrays;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.FloatBackpropagation;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.Objective;
import dev.backprop.optim.Optimizer;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** {@link Format#FLOAT32}: float[] everywhere, the loss values doubles summed from float terms. */
final class Float32Format extends Format<float[]> {
    @Override
    Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    float[] allocate(int length) {
        return new float[length];
    }

    @Override
    int length(float[] values) {
        return values.length;
    }

    @Override
    float[] copy(float[] values) {
        return values.clone();
    }

    @Override
    boolean same(float[] a, float[] b) {
        return Arrays.equals(a, b);
    }

    @Override
    float[] narrow(double[] values) {
        return FloatArrays.rounded(values);
    }

    @Override
    void narrow(double[] values, float[] out) {
        FloatArrays.round(values, 0, out, values.length);
    }

    @Override
    double[] widen(float[] values) {
        return FloatArrays.widened(values);
    }

    @Override
    void widen(float[] values, double[] out) {
        FloatArrays.widen(values, out, values.length);
    }

    @Override
    Pass<float[]> pass(Architecture architecture, int capacity, Regularization regularization,
                       RandomGenerator random) {
        FloatBackpropagation backprop = new FloatBackpropagation(architecture, capacity, regularization, random);
        return new Pass<>() {
            @Override
            public int capacity() {
                return capacity;
            }

            @Override
            public double lossAndGradient(float[] parameters, float[] x, int xOffset, float[] y, int yOffset,
                                          float[] weights, int weightOffset, int rows, float[] gradient) {
                return backprop.lossAndGradient(parameters, x, xOffset, y, yOffset, weights, weightOffset, rows,
                        gradient);
            }

            @Override
            public double loss(float[] parameters, float[] x, int xOffset, float[] y, int yOffset,
                               float[] weights, int weightOffset, int rows) {
                return backprop.loss(parameters, x, xOffset, y, yOffset, weights, weightOffset, rows);
            }
        };
    }

    @Override
    double step(Optimizer optimizer, float[] parameters, float[] gradient) {
        return optimizer.step(parameters, gradient);
    }

    @Override
    void parametersUpdated(TrainingListener listener, float[] parameters, float[] gradient,
                           double[] parameterView, double[] gradientView) {
        if (parameterView != null) {
            widen(parameters, parameterView);
            widen(gradient, gradientView);
            listener.parametersUpdated(parameterView, gradientView);
        }
    }

    @Override
    double penalty(Regularization regularization, Architecture architecture, float[] parameters) {
        return regularization.penalty(architecture, parameters);
    }

    @Override
    FullBatch<float[]> remote(FullBatchObjective exact, Objective steps, int parameterCount) {
        double[] theta = new double[parameterCount];
        double[] wideGradient = new double[parameterCount];
        return new FullBatch<>() {
            private final Evaluation<float[]> evaluation = (parameters, gradient) -> evaluate(exact, parameters,
                    gradient);

            @Override
            public double valueAndGradient(float[] parameters, float[] gradient) {
                return evaluate(steps, parameters, gradient);
            }

            @Override
            public Evaluation<float[]> exact() {
                return evaluation;
            }

            @Override
            public double loss(float[] parameters) {
                widen(parameters, theta);
                return exact.value(theta);
            }

            private double evaluate(Objective objective, float[] parameters, float[] gradient) {
                widen(parameters, theta);
                double j = objective.valueAndGradient(theta, wideGradient);
                narrow(wideGradient, gradient);
                return j;
            }
        };
    }

    @Override
    LineSearchStep<float[]> lineSearch(int parameterCount) {
        double[] theta = new double[parameterCount];
        double[] wideGradient = new double[parameterCount];
        float[] point = new float[parameterCount];
        float[] pointGradient = new float[parameterCount];
        return new LineSearchStep<>() {
            private Evaluation<float[]> objective;
            /** J at θ rounded to float, its gradient widened: what the double optimizer sees. */
            private final Objective rounded = (parameters, gradient) -> {
                narrow(parameters, point);
                double j = objective.valueAndGradient(point, pointGradient);
                widen(pointGradient, gradient);
                return j;
            };

            @Override
            public double step(Optimizer optimizer, float[] parameters, float[] gradient, double value,
                               Evaluation<float[]> evaluation) {
                objective = evaluation;
                widen(parameters, theta);
                widen(gradient, wideGradient);
                optimizer.step(theta, wideGradient, value, rounded);
                float largest = 0.0f;
                for (int i = 0; i < parameterCount; i++) {
                    float moved = (float) theta[i];
                    largest = Math.max(largest, Math.abs(moved - parameters[i]));
                    parameters[i] = moved;
                }
                return largest;
            }
        };
    }
}
