package dev.backprop.nn;

import dev.backprop.linalg.Gemm;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The arithmetic of one floating-point format, for the passes written once over the array type A:
 * {@link DenseLayerPass}, {@link Dropout} and {@link NetworkPass} hold {@code A} (double[] for float64, float[] for
 * float32) and call these operations, each of which is the format's own kernel (a {@link Gemm} overload, an
 * {@link Activation} or {@link Loss} in that format). The formulas of a pass therefore stay in one file, and each
 * format computes exactly what its kernels compute: the float64 instance makes the calls the pass made before float32
 * existed, in the same order, so float64 keeps its bits. Stateless and thread-safe.
 *
 * @param <A> the array type, {@code double[]} or {@code float[]}
 */
abstract class Arithmetic<A> {
    /** double[] arrays, binary64 arithmetic. */
    static final Arithmetic<double[]> FLOAT64 = new Float64();
    /** float[] arrays, binary32 arithmetic; loss values are summed in double. */
    static final Arithmetic<float[]> FLOAT32 = new Float32();

    /** A new zeroed array of {@code length} values. */
    abstract A allocate(int length);

    /** A new array of {@code length} ones. */
    abstract A ones(int length);

    /** {@link Gemm#gemmPlusBias}: C = A B + 1 biasᵀ if the engine adds the bias as it stores C. */
    abstract boolean gemmPlusBias(int m, int n, int k, A a, int aOffset, A b, int bOffset, A bias, int biasOffset,
                                  A c, int cOffset);

    /** {@link Gemm#multiply}: C = A B. */
    abstract void multiply(int m, int n, int k, A a, int aOffset, A b, int bOffset, A c, int cOffset);

    /** {@link Gemm#multiplyAdd}: C += A B. */
    abstract void multiplyAdd(int m, int n, int k, A a, int aOffset, A b, int bOffset, A c, int cOffset);

    /** {@link Gemm#multiplyTransposeA}: C = Aᵀ B. */
    abstract void multiplyTransposeA(int m, int n, int k, A a, int aOffset, A b, int bOffset, A c, int cOffset);

    /** {@link Gemm#multiplyTransposeB}: C = A Bᵀ. */
    abstract void multiplyTransposeB(int m, int n, int k, A a, int aOffset, A b, int bOffset, A c, int cOffset);

    /** {@link Activation#applyRows}: a = f(z) on rows [fromRow, toRow). */
    abstract void activate(Activation f, A z, A a, int fromRow, int toRow, int cols);

    /** {@link Activation#multiplyByDerivative}: δ ← δ ∘ f'(z) on [from, to). */
    abstract void multiplyByDerivative(Activation f, A z, A a, A delta, int from, int to);

    /** J_w of {@link WeightedLoss#value} (the plain J when {@code weights} is null), as a double. */
    abstract double loss(Loss loss, A z, A a, A y, int yOffset, A weights, int weightOffset, int rows, int outputs);

    /**
     * δ⁽ᴸ⁾ of {@link Loss#outputDelta}, each row multiplied by its weight (unless {@code weights} is null), then by
     * {@code dataScale} (unless 1).
     */
    abstract void outputDelta(Loss loss, Activation f, A z, A a, A y, int yOffset, A weights, int weightOffset,
                              int rows, int outputs, double dataScale, A delta);

    /** m_i = 0 with probability {@code rate}, else {@code keepScale}, for i &lt; count: one draw per value. */
    abstract void drawMask(A mask, int count, double rate, double keepScale, RandomGenerator random);

    /** out_i = m_i v_i for i &lt; count ({@code out} may be {@code v}). */
    abstract void multiplyElements(A mask, A v, A out, int count);

    /** {@link Regularization#penalty}: λ/2 Σ W², as a double. */
    abstract double penalty(Regularization regularization, Architecture architecture, A parameters);

    /** {@link Regularization#addPenaltyGradient}: gradient_W += λ W. */
    abstract void addPenaltyGradient(Regularization regularization, Architecture architecture, A parameters,
                                     A gradient);

    /** The first {@code count} values as a new double[] (exact: every float is a double). */
    abstract double[] widen(A values, int count);

    private static final class Float64 extends Arithmetic<double[]> {
        @Override
        double[] allocate(int length) {
            return new double[length];
        }

        @Override
        double[] ones(int length) {
            double[] ones = new double[length];
            Arrays.fill(ones, 1.0);
            return ones;
        }

        @Override
        boolean gemmPlusBias(int m, int n, int k, double[] a, int aOffset, double[] b, int bOffset, double[] bias,
                             int biasOffset, double[] c, int cOffset) {
            return Gemm.gemmPlusBias(m, n, k, a, aOffset, b, bOffset, bias, biasOffset, c, cOffset);
        }

        @Override
        void multiply(int m, int n, int k, double[] a, int aOffset, double[] b, int bOffset, double[] c,
                      int cOffset) {
            Gemm.multiply(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        }

        @Override
        void multiplyAdd(int m, int n, int k, double[] a, int aOffset, double[] b, int bOffset, double[] c,
                         int cOffset) {
            Gemm.multiplyAdd(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        }

        @Override
        void multiplyTransposeA(int m, int n, int k, double[] a, int aOffset, double[] b, int bOffset, double[] c,
                                int cOffset) {
            Gemm.multiplyTransposeA(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        }

        @Override
        void multiplyTransposeB(int m, int n, int k, double[] a, int aOffset, double[] b, int bOffset, double[] c,
                                int cOffset) {
            Gemm.multiplyTransposeB(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        }

        @Override
        void activate(Activation f, double[] z, double[] a, int fromRow, int toRow, int cols) {
            f.applyRows(z, a, fromRow, toRow, cols);
        }

        @Override
        void multiplyByDerivative(Activation f, double[] z, double[] a, double[] delta, int from, int to) {
            f.multiplyByDerivative(z, a, delta, from, to);
        }

        @Override
        double loss(Loss loss, double[] z, double[] a, double[] y, int yOffset, double[] weights, int weightOffset,
                    int rows, int outputs) {
            return WeightedLoss.value(loss, z, a, y, yOffset, weights, weightOffset, rows, outputs);
        }

        @Override
        void outputDelta(Loss loss, Activation f, double[] z, double[] a, double[] y, int yOffset, double[] weights,
                         int weightOffset, int rows, int outputs, double dataScale, double[] delta) {
            loss.outputDelta(f, z, a, y, yOffset, rows, outputs, delta);
            if (weights != null) {
                WeightedLoss.weightRows(delta, weights, weightOffset, rows, outputs);
            }
            if (dataScale != 1.0) {
                for (int i = 0, len = rows * outputs; i < len; i++) {
                    delta[i] *= dataScale;
                }
            }
        }

        @Override
        void drawMask(double[] mask, int count, double rate, double keepScale, RandomGenerator random) {
            for (int i = 0; i < count; i++) {
                mask[i] = random.nextDouble() < rate ? 0.0 : keepScale;
            }
        }

        @Override
        void multiplyElements(double[] mask, double[] v, double[] out, int count) {
            for (int i = 0; i < count; i++) {
                out[i] = mask[i] * v[i];
            }
        }

        @Override
        double penalty(Regularization regularization, Architecture architecture, double[] parameters) {
            return regularization.penalty(architecture, parameters);
        }

        @Override
        void addPenaltyGradient(Regularization regularization, Architecture architecture, double[] parameters,
                                double[] gradient) {
            regularization.addPenaltyGradient(architecture, parameters, gradient);
        }

        @Override
        double[] widen(double[] values, int count) {
            return Arrays.copyOf(values, count);
        }
    }

    private static final class Float32 extends Arithmetic<float[]> {
        @Override
        float[] allocate(int length) {
            return new float[length];
        }

        @Override
        float[] ones(int length) {
            float[] ones = new float[length];
            Arrays.fill(ones, 1.0f);
            return ones;
        }

        @Override
        boolean gemmPlusBias(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset, float[] bias,
                             int biasOffset, float[] c, int cOffset) {
            return Gemm.gemmPlusBias(m, n, k, a, aOffset, b, bOffset, bias, biasOffset, c, cOffset);
        }

        @Override
        void multiply(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
            Gemm.multiply(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        }

        @Override
        void multiplyAdd(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset, float[] c,
                         int cOffset) {
            Gemm.multiplyAdd(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        }

        @Override
        void multiplyTransposeA(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset, float[] c,
                                int cOffset) {
            Gemm.multiplyTransposeA(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        }

        @Override
        void multiplyTransposeB(int m, int n, int k, float[] a, int aOffset, float[] b, int bOffset, float[] c,
                                int cOffset) {
            Gemm.multiplyTransposeB(m, n, k, a, aOffset, b, bOffset, c, cOffset);
        }

        @Override
        void activate(Activation f, float[] z, float[] a, int fromRow, int toRow, int cols) {
            f.applyRows(z, a, fromRow, toRow, cols);
        }

        @Override
        void multiplyByDerivative(Activation f, float[] z, float[] a, float[] delta, int from, int to) {
            f.multiplyByDerivative(z, a, delta, from, to);
        }

        @Override
        double loss(Loss loss, float[] z, float[] a, float[] y, int yOffset, float[] weights, int weightOffset,
                    int rows, int outputs) {
            return WeightedLoss.value(loss, z, a, y, yOffset, weights, weightOffset, rows, outputs);
        }

        @Override
        void outputDelta(Loss loss, Activation f, float[] z, float[] a, float[] y, int yOffset, float[] weights,
                         int weightOffset, int rows, int outputs, double dataScale, float[] delta) {
            loss.outputDelta(f, z, a, y, yOffset, rows, outputs, delta);
            if (weights != null) {
                WeightedLoss.weightRows(delta, weights, weightOffset, rows, outputs);
            }
            if (dataScale != 1.0) {
                float scale = (float) dataScale;
                for (int i = 0, len = rows * outputs; i < len; i++) {
                    delta[i] *= scale;
                }
            }
        }

        /** The same draws as float64's, so a float32 run drops the units a float64 run with its seed drops. */
        @Override
        void drawMask(float[] mask, int count, double rate, double keepScale, RandomGenerator random) {
            float keep = (float) keepScale;
            for (int i = 0; i < count; i++) {
                mask[i] = random.nextDouble() < rate ? 0.0f : keep;
            }
        }

        @Override
        void multiplyElements(float[] mask, float[] v, float[] out, int count) {
            for (int i = 0; i < count; i++) {
                out[i] = mask[i] * v[i];
            }
        }

        @Override
        double penalty(Regularization regularization, Architecture architecture, float[] parameters) {
            return regularization.penalty(architecture, parameters);
        }

        @Override
        void addPenaltyGradient(Regularization regularization, Architecture architecture, float[] parameters,
                                float[] gradient) {
            regularization.addPenaltyGradient(architecture, parameters, gradient);
        }

        @Override
        double[] widen(float[] values, int count) {
            double[] wide = new double[count];
            for (int i = 0; i < count; i++) {
                wide[i] = values[i];
            }
            return wide;
        }
    }
}
