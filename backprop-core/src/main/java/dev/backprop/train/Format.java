package dev.backprop.train;

import dev.backprop.linalg.FloatArrays;
import dev.backprop.linalg.Precision;
import dev.backprop.nn.Architecture;
import dev.backprop.nn.Backpropagation;
import dev.backprop.nn.FloatBackpropagation;
import dev.backprop.nn.Regularization;
import dev.backprop.optim.Objective;
import dev.backprop.optim.Optimizer;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One {@link Precision} as a training run holds its numbers: the array type A (double[] for float64, float[] for
 * float32) of θ, gradients, data and workspaces, and the operations the run's pieces ({@link TrainingLoop},
 * {@link TrainingCourse}, {@link MiniBatches}, {@link LossEvaluator}, {@link CachedObjective}) need on them, written
 * once over A. Checkpoints, results and listeners see doubles: a float widens to a double exactly and narrows back to
 * the same float, so a float32 run's state round-trips bit for bit. Stateless.
 *
 * @param <A> the array type
 */
abstract class Format<A> {
    /** double[] everywhere: the trainer as it was before float32. */
    static final Format<double[]> FLOAT64 = new Float64();
    /** float[] everywhere; the loss values are doubles summed from float terms. */
    static final Format<float[]> FLOAT32 = new Float32();

    /** The format of {@code precision}. */
    static Format<?> of(Precision precision) {
        return precision == Precision.FLOAT32 ? FLOAT32 : FLOAT64;
    }

    abstract Precision precision();

    /** A new zeroed array. */
    abstract A allocate(int length);

    abstract int length(A values);

    /** A copy. */
    abstract A copy(A values);

    /** Whether the two hold the same bits. */
    abstract boolean same(A a, A b);

    /** {@code values} in this format: the array itself for float64, a new rounded copy for float32. */
    abstract A narrow(double[] values);

    /** values in this format into {@code out}, which has their length. */
    abstract void narrow(double[] values, A out);

    /** {@code values} as a new double[] (exact). */
    abstract double[] widen(A values);

    /** {@code values} into {@code out}, which has their length (exact). */
    abstract void widen(A values, double[] out);

    /** The batch pass of this format. */
    abstract Pass<A> pass(Architecture architecture, int capacity, Regularization regularization,
                          RandomGenerator random);

    /** The optimizer's first-order step in this format ({@link Optimizer#step(float[], float[])} for float32). */
    abstract double step(Optimizer optimizer, A parameters, A gradient);

    /**
     * Tells {@code listener} of an update: float64 lends the run's own arrays; float32 widens them into the views,
     * or tells nothing when the views are null (the listener does not read them).
     */
    abstract void parametersUpdated(TrainingListener listener, A parameters, A gradient, double[] parameterView,
                                    double[] gradientView);

    /** λ/2 Σ W² of these parameters. */
    abstract double penalty(Regularization regularization, Architecture architecture, A parameters);

    /**
     * A line-search optimizer's step on θ in this format. Its state and arithmetic are double (its only form); for
     * float32, θ and ∇J are widened into {@code wide} buffers, J is evaluated at θ rounded to float, and the θ it
     * accepts is rounded back to float: scikit-learn's float32 networks under scipy's L-BFGS, whose θ is a double
     * that each evaluation rounds to float.
     */
    abstract LineSearchStep<A> lineSearch(int parameterCount);

    /**
     * The full batch of rows held elsewhere, whose objective takes double θ: float64 steps on it directly; float32
     * widens θ (exactly) into a buffer for each evaluation and rounds the gradient's double sums to float.
     */
    abstract FullBatch<A> remote(FullBatchObjective exact, Objective steps, int parameterCount);

    /** The objective over all rows of one format, for line searches. */
    interface Evaluation<A> {
        /** Writes ∇J(θ) into {@code gradient} and returns J(θ). */
        double valueAndGradient(A parameters, A gradient);
    }

    /** One line-search step on θ in some format, buffers allocated once. */
    interface LineSearchStep<A> {
        /** {@link Optimizer#step(double[], double[], double, Objective)} on θ of this format. */
        double step(Optimizer optimizer, A parameters, A gradient, double value, Evaluation<A> objective);
    }

    /** What one batch costs in this format: {@link Backpropagation} or {@link FloatBackpropagation}. */
    interface Pass<A> {
        int capacity();

        double lossAndGradient(A parameters, A x, int xOffset, A y, int yOffset, A weights, int weightOffset,
                               int rows, A gradient);

        double loss(A parameters, A x, int xOffset, A y, int yOffset, A weights, int weightOffset, int rows);
    }

    private static final class Float64 extends Format<double[]> {
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

    private static final class Float32 extends Format<float[]> {
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
}
