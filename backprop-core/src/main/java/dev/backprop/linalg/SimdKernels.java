package dev.backprop.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernels} on the JDK Vector API. e^x is {@link Exp}'s, lane by lane the same operations as its scalar
 * form, so every element gets the same bits wherever it sits; dot products keep two vectors of partial sums and add
 * their lanes in a fixed order at the end; axpy uses FMA. Only exactly rounded operations are used, so results do not
 * depend on whether the JIT has compiled the vector code yet.
 */
final class SimdKernels implements VectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);
    private static final DoubleVector LOG2E = DoubleVector.broadcast(S, Exp.LOG2E);
    private static final DoubleVector ROUNDER = DoubleVector.broadcast(S, Exp.ROUNDER);
    private static final DoubleVector LN2_HI = DoubleVector.broadcast(S, Exp.LN2_HI);
    private static final DoubleVector LN2_LO = DoubleVector.broadcast(S, Exp.LN2_LO);
    private static final DoubleVector C13 = DoubleVector.broadcast(S, Exp.C13);
    private static final DoubleVector C12 = DoubleVector.broadcast(S, Exp.C12);
    private static final DoubleVector C11 = DoubleVector.broadcast(S, Exp.C11);
    private static final DoubleVector C10 = DoubleVector.broadcast(S, Exp.C10);
    private static final DoubleVector C9 = DoubleVector.broadcast(S, Exp.C9);
    private static final DoubleVector C8 = DoubleVector.broadcast(S, Exp.C8);
    private static final DoubleVector C7 = DoubleVector.broadcast(S, Exp.C7);
    private static final DoubleVector C6 = DoubleVector.broadcast(S, Exp.C6);
    private static final DoubleVector C5 = DoubleVector.broadcast(S, Exp.C5);
    private static final DoubleVector C4 = DoubleVector.broadcast(S, Exp.C4);
    private static final DoubleVector C3 = DoubleVector.broadcast(S, Exp.C3);
    private static final DoubleVector C2 = DoubleVector.broadcast(S, Exp.C2);

    @Override
    public void logistic(double[] z, double[] a, int from, int to) {
        int i = from;
        if (to - from >= L) {
            logisticVectors(z, a, from, from + S.loopBound(to - from));
            i = from + S.loopBound(to - from);
        }
        for (; i < to; i++) {
            a[i] = Exp.logistic(z[i]);
        }
    }

    /**
     * The whole vectors of {@link #logistic}; kept apart so short slices never run (or wait for) vector code. A vector
     * whose every |z| is at most {@link Exp#NORMAL_RANGE} (almost all of them) takes {@link #expNormal}: a quarter less
     * time than {@link #exp} for the same bits. The two bodies do not share a vector variable, so C2 keeps the vectors
     * in registers (a vector merged from two branches would be boxed).
     */
    private static void logisticVectors(double[] z, double[] a, int from, int end) {
        for (int i = from; i < end; i += L) {
            DoubleVector minusZ = DoubleVector.fromArray(S, z, i).neg();
            if (minusZ.abs().compare(VectorOperators.LE, Exp.NORMAL_RANGE).allTrue()) {
                ONE.div(expNormal(minusZ).add(ONE)).intoArray(a, i);
            } else {
                ONE.div(exp(minusZ).add(ONE)).intoArray(a, i);
            }
        }
    }

    /** {@link Exp#exp} on every lane, step for step. */
    private static DoubleVector exp(DoubleVector x) {
        DoubleVector t = x.fma(LOG2E, ROUNDER);
        DoubleVector p = polynomial(x, t);
        LongVector n = ((LongVector) t.reinterpretAsLongs()).sub(Exp.ROUNDER_BITS);
        LongVector half = n.lanewise(VectorOperators.ASHR, 1);
        DoubleVector low = half.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector high = n.sub(half).add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector e = p.mul(low).mul(high);
        e = e.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, Exp.OVERFLOW));
        return e.blend(0.0, x.compare(VectorOperators.LT, Exp.UNDERFLOW)); // NaN in: NaN out, as in Exp
    }

    /**
     * {@link #exp} where every |x| ≤ {@link Exp#NORMAL_RANGE}: 2ⁿ and p 2ⁿ are then normal numbers, so the one exact
     * product p 2ⁿ has the two-step scaling's bits, and no lane needs the overflow or underflow blends.
     */
    private static DoubleVector expNormal(DoubleVector x) {
        DoubleVector t = x.fma(LOG2E, ROUNDER);
        DoubleVector p = polynomial(x, t);
        LongVector n = ((LongVector) t.reinterpretAsLongs()).sub(Exp.ROUNDER_BITS);
        return p.mul(n.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
    }

    /** e^r for r = x − k ln 2, k = t − ROUNDER: {@link Exp#exp}'s reduction and Taylor series, lane by lane. */
    private static DoubleVector polynomial(DoubleVector x, DoubleVector t) {
        DoubleVector minusK = t.sub(ROUNDER).neg();
        DoubleVector r = minusK.fma(LN2_HI, x);
        r = minusK.fma(LN2_LO, r);
        DoubleVector p = C13.fma(r, C12);
        p = p.fma(r, C11);
        p = p.fma(r, C10);
        p = p.fma(r, C9);
        p = p.fma(r, C8);
        p = p.fma(r, C7);
        p = p.fma(r, C6);
        p = p.fma(r, C5);
        p = p.fma(r, C4);
        p = p.fma(r, C3);
        p = p.fma(r, C2);
        p = p.fma(r, ONE);
        return p.fma(r, ONE);
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
        DoubleVector s = s0.add(s1);
        double sum = 0.0;
        for (int lane = 0; lane < L; lane++) {   // a fixed order: reduceLanes may add in any
            sum += s.lane(lane);
        }
        return sum;
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

    @Override
    public void scaleInto(double alpha, double[] x, int xOff, double[] y, int yOff, int length) {
        int whole = length < L ? 0 : length - length % L;
        if (whole > 0) {
            scaleIntoVectors(alpha, x, xOff, y, yOff, whole);
        }
        for (int i = whole; i < length; i++) {
            y[yOff + i] = 0.0 + alpha * x[xOff + i];
        }
    }

    /** fma(alpha, x, +0): the axpy of {@link #axpy} onto zeros, without writing the zeros first. */
    private static void scaleIntoVectors(double alpha, double[] x, int xOff, double[] y, int yOff, int whole) {
        DoubleVector a = DoubleVector.broadcast(S, alpha);
        DoubleVector zero = DoubleVector.zero(S);
        for (int i = 0; i < whole; i += L) {
            a.fma(DoubleVector.fromArray(S, x, xOff + i), zero).intoArray(y, yOff + i);
        }
    }

    @Override
    public double descend(double[] theta, double[] gradient, double eta, int from, int to) {
        if (to - from < 4 * L) { // the seed's 9 parameters: setting up vectors would cost more than the loop
            return SCALAR.descend(theta, gradient, eta, from, to);
        }
        int end = from + S.loopBound(to - from);
        double largest = from < end ? descendVectors(theta, gradient, eta, from, end) : 0.0;
        return Math.max(largest, SCALAR.descend(theta, gradient, eta, end, to));
    }

    /** The whole vectors of {@link #descend}: the scalar steps lane by lane (multiply, then subtract). */
    private static double descendVectors(double[] theta, double[] gradient, double eta, int from, int end) {
        DoubleVector step = DoubleVector.broadcast(S, eta);
        DoubleVector largest = DoubleVector.zero(S);
        for (int i = from; i < end; i += L) {
            DoubleVector change = step.mul(DoubleVector.fromArray(S, gradient, i));
            DoubleVector.fromArray(S, theta, i).sub(change).intoArray(theta, i);
            largest = largest.max(change.abs());
        }
        double max = 0.0;
        for (int lane = 0; lane < L; lane++) { // NaN wins, as in Math.max
            max = Math.max(max, largest.lane(lane));
        }
        return max;
    }

    private static void axpyVectors(double alpha, double[] x, int xOff, double[] y, int yOff, int whole) {
        DoubleVector a = DoubleVector.broadcast(S, alpha);
        for (int i = 0; i < whole; i += L) {
            a.fma(DoubleVector.fromArray(S, x, xOff + i), DoubleVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
    }
}
