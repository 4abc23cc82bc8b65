package dev.backprop.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernels} on the JDK Vector API. e^x comes from the API's EXP (vectorised, within 1 ulp of
 * {@link Math#exp}); dot products keep two vectors of partial sums and reduce them at the end; axpy uses FMA.
 */
final class SimdKernels implements VectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void logistic(double[] z, double[] a, int from, int to) {
        int i = from;
        if (to - from >= L) {
            logisticVectors(z, a, from, from + S.loopBound(to - from));
            i = from + S.loopBound(to - from);
        }
        for (; i < to; i++) {
            a[i] = 1.0 / (1.0 + Math.exp(-z[i]));
        }
    }

    /** The whole vectors of {@link #logistic}; kept apart so short slices never run (or wait for) vector code. */
    private static void logisticVectors(double[] z, double[] a, int from, int end) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = from; i < end; i += L) {
            DoubleVector e = DoubleVector.fromArray(S, z, i).neg().lanewise(VectorOperators.EXP);
            one.div(e.add(one)).intoArray(a, i);
        }
    }

    @Override
    public double dot(double[] x, int xOff, double[] y, int yOff, int length) {
        if (length < 2 * L) {
            return SCALAR.dot(x, xOff, y, yOff, length);
        }
        int whole = length - length % (2 * L);
        double sum = dotVectors(x, xOff, y, yOff, whole);
        for (int p = whole; p < length; p++) {
            sum += x[xOff + p] * y[yOff + p];
        }
        return sum;
    }

    private static double dotVectors(double[] x, int xOff, double[] y, int yOff, int whole) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = s0;
        for (int p = 0; p < whole; p += 2 * L) {
            s0 = DoubleVector.fromArray(S, x, xOff + p).fma(DoubleVector.fromArray(S, y, yOff + p), s0);
            s1 = DoubleVector.fromArray(S, x, xOff + p + L).fma(DoubleVector.fromArray(S, y, yOff + p + L), s1);
        }
        return s0.add(s1).reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int length) {
        int whole = length < L ? 0 : length - length % L;
        if (whole > 0) {
            axpyVectors(alpha, x, xOff, y, yOff, whole);
        }
        for (int i = whole; i < length; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    private static void axpyVectors(double alpha, double[] x, int xOff, double[] y, int yOff, int whole) {
        DoubleVector a = DoubleVector.broadcast(S, alpha);
        for (int i = 0; i < whole; i += L) {
            a.fma(DoubleVector.fromArray(S, x, xOff + i), DoubleVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
    }
}
