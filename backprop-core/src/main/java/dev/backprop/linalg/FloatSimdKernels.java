package dev.backprop.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatVectorKernels} on the JDK Vector API: {@link SimdKernels}' loops on {@link FloatVector}s (twice the
 * lanes; a dot product's lanes are summed by folding the vector in halves), except the logistic function and tanh,
 * whose lanes are widened to double and run the steps of the scalar {@link Exp#floatLogistic} or {@link Exp#floatTanh}
 * before one rounding to float, so that every element gets the bits of {@code (float) Exp.logistic(z)} or
 * {@code (float) Exp.tanh(z)}. Only exactly rounded operations are used, so results do not depend on whether the JIT
 * has compiled the vector code yet.
 */
final class FloatSimdKernels implements FloatVectorKernels {
    /** Rows {@link #axpyRows} adds into registers before it stores them: 64 rows of 4L columns stay in L1. */
    private static final int ROW_BLOCK = 64;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane i takes lane i + h (mod L): adding a vector to itself so rotated sums its halves, quarters, ... */
    private static final VectorShuffle<Float> ROTATE_8 = rotation(8);
    private static final VectorShuffle<Float> ROTATE_4 = rotation(4);
    private static final VectorShuffle<Float> ROTATE_2 = rotation(2);
    private static final VectorShuffle<Float> ROTATE_1 = rotation(1);
    /** The logistic function's double lanes, and floats as many as those: half a preferred float vector. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.length() * Float.SIZE));
    private static final int DL = D.length();
    private static final FloatVector UNIT = FloatVector.broadcast(S, 1.0f);
    private static final DoubleVector ONE = DoubleVector.broadcast(D, 1.0);
    private static final DoubleVector LOG2E = DoubleVector.broadcast(D, Exp.LOG2E);
    private static final DoubleVector ROUNDER = DoubleVector.broadcast(D, Exp.ROUNDER);
    private static final DoubleVector LN2_HI = DoubleVector.broadcast(D, Exp.LN2_HI);
    private static final DoubleVector LN2_LO = DoubleVector.broadcast(D, Exp.LN2_LO);
    private static final DoubleVector C13 = DoubleVector.broadcast(D, Exp.C13);
    private static final DoubleVector C12 = DoubleVector.broadcast(D, Exp.C12);
    private static final DoubleVector C11 = DoubleVector.broadcast(D, Exp.C11);
    private static final DoubleVector C10 = DoubleVector.broadcast(D, Exp.C10);
    private static final DoubleVector C9 = DoubleVector.broadcast(D, Exp.C9);
    private static final DoubleVector C8 = DoubleVector.broadcast(D, Exp.C8);
    private static final DoubleVector C7 = DoubleVector.broadcast(D, Exp.C7);
    private static final DoubleVector C6 = DoubleVector.broadcast(D, Exp.C6);
    private static final DoubleVector C5 = DoubleVector.broadcast(D, Exp.C5);
    private static final DoubleVector C4 = DoubleVector.broadcast(D, Exp.C4);
    private static final DoubleVector C3 = DoubleVector.broadcast(D, Exp.C3);
    private static final DoubleVector C2 = DoubleVector.broadcast(D, Exp.C2);

    private static VectorShuffle<Float> rotation(int h) {
        return VectorShuffle.fromOp(S, i -> (i + h) % L);
    }

    @Override
    public void logistic(float[] z, float[] a, int from, int to) {
        int end = from + (to - from) / DL * DL;
        if (end > from) {
            logisticVectors(z, a, from, end);
        }
        for (int i = end; i < to; i++) {
            a[i] = Exp.floatLogistic(z[i]);
        }
    }

    /**
     * The whole vectors of {@link #logistic}: {@link SimdKernels}' logistic steps on DL floats widened to double
     * (exactly), the series in Estrin's order as {@link Exp#estrinExp} sums it, then the quotient rounded to float.
     * Double lanes rather than a float polynomial: e^x is then good to 2^-52, so the one rounding to float gives the
     * correctly rounded logistic but for ties closer than that (a float e^x in float steps would add one to two ulp of
     * its own), and the same bits as the scalar path by construction. Lanes with |z| beyond {@link Exp#NORMAL_RANGE}
     * or NaN go through the scalar path, as in the double kernel.
     */
    private static void logisticVectors(float[] z, float[] a, int from, int end) {
        for (int i = from; i < end; i += DL) {
            DoubleVector x = ((DoubleVector) FloatVector.fromArray(HALF, z, i).convertShape(VectorOperators.F2D, D, 0))
                    .neg();
            if (!x.abs().compare(VectorOperators.LE, Exp.NORMAL_RANGE).allTrue()) {
                for (int lane = i; lane < i + DL; lane++) {
                    a[lane] = Exp.floatLogistic(z[lane]);
                }
                continue;
            }
            DoubleVector t = x.fma(LOG2E, ROUNDER);
            DoubleVector minusK = t.sub(ROUNDER).neg();
            DoubleVector r = minusK.fma(LN2_HI, x);
            r = minusK.fma(LN2_LO, r);
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector low = r4.fma(r2.fma(r.fma(C7, C6), r.fma(C5, C4)), r2.fma(r.fma(C3, C2), r.add(ONE)));
            DoubleVector high = r4.fma(r.fma(C13, C12), r2.fma(r.fma(C11, C10), r.fma(C9, C8)));
            DoubleVector p = r4.mul(r4).fma(high, low);
            LongVector n = ((LongVector) t.reinterpretAsLongs()).sub(Exp.ROUNDER_BITS);
            DoubleVector e = p.mul(n.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
            ((FloatVector) ONE.div(e.add(ONE)).convertShape(VectorOperators.D2F, HALF, 0)).intoArray(a, i);
        }
    }

    @Override
    public void tanh(float[] z, float[] a, int from, int to) {
        int end = from + (to - from) / DL * DL;
        if (end > from) {
            tanhVectors(z, a, from, end);
        }
        for (int i = end; i < to; i++) {
            a[i] = Exp.floatTanh(z[i]);
        }
    }

    /**
     * The whole vectors of {@link #tanh}: {@link Exp#tanh}'s quotient on DL floats widened to double, rounded to float.
     * A vector with a |z| below {@link Exp#TANH_SERIES} or above {@link Exp#TANH_ONE} (where the scalar path takes
     * the series or ±1), or a NaN, goes through the scalar path: in training, rare. The lanes' e^(−2z) then stays
     * within one product's scaling range, so the bits are the scalar ones.
     */
    private static void tanhVectors(float[] z, float[] a, int from, int end) {
        for (int i = from; i < end; i += DL) {
            DoubleVector w = (DoubleVector) FloatVector.fromArray(HALF, z, i).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector x = w.abs();
            if (!x.compare(VectorOperators.LE, Exp.TANH_ONE).allTrue()
                    || !x.compare(VectorOperators.GE, Exp.TANH_SERIES).allTrue()) {
                for (int lane = i; lane < i + DL; lane++) {
                    a[lane] = Exp.floatTanh(z[lane]);
                }
                continue;
            }
            DoubleVector minusTwoZ = w.mul(-2.0);
            DoubleVector t = minusTwoZ.fma(LOG2E, ROUNDER);
            DoubleVector minusK = t.sub(ROUNDER).neg();
            DoubleVector r = minusK.fma(LN2_HI, minusTwoZ);
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
            p = p.fma(r, ONE);
            LongVector n = ((LongVector) t.reinterpretAsLongs()).sub(Exp.ROUNDER_BITS);
            DoubleVector u = p.mul(n.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
            ((FloatVector) ONE.sub(u).div(ONE.add(u)).convertShape(VectorOperators.D2F, HALF, 0)).intoArray(a, i);
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int length) {
        if (length < 2 * L) {
            return SCALAR.dot(x, xOff, y, yOff, length);
        }
        int whole = length - length % (2 * L);
        float sum = dotVectors(x, xOff, y, yOff, whole);
        for (int p = whole; p < length; p++) {
            sum += x[xOff + p] * y[yOff + p];
        }
        return sum;
    }

    private static float dotVectors(float[] x, int xOff, float[] y, int yOff, int whole) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = s0;
        for (int p = 0; p < whole; p += 2 * L) {
            s0 = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), s0);
            s1 = FloatVector.fromArray(S, x, xOff + p + L).fma(FloatVector.fromArray(S, y, yOff + p + L), s1);
        }
        // lanes folded in halves, a fixed order of exactly rounded additions (reduceLanes may add in any): four
        // shuffles and additions instead of sixteen lane extractions and additions in a chain, which took longer
        // than the multiply-adds of a short row
        FloatVector s = s0.add(s1);
        if (L >= 16) {
            s = s.add(s.rearrange(ROTATE_8));
        }
        if (L >= 8) {
            s = s.add(s.rearrange(ROTATE_4));
        }
        s = s.add(s.rearrange(ROTATE_2));
        s = s.add(s.rearrange(ROTATE_1));
        return s.lane(0);
    }

    /**
     * Four rows at a time, their eight partial-sum vectors side by side: each row's dot product has {@link #dot}'s
     * operations in dot's order, but the folds of four rows overlap instead of waiting on each other (a one-output
     * layer's forward product is a dot product per row of short rows, where the fold took as long as the products).
     */
    @Override
    public void dotRows(float[] x, int xOff, int xStride, int rows, float[] y, int yOff, int length, float[] out,
                        int outOff) {
        int r = 0;
        if (length >= 2 * L) {
            int whole = length - length % (2 * L);
            for (; r + 4 <= rows; r += 4) {
                int x0 = xOff + r * xStride;
                int x1 = x0 + xStride;
                int x2 = x1 + xStride;
                int x3 = x2 + xStride;
                FloatVector s00 = FloatVector.zero(S);
                FloatVector s01 = s00;
                FloatVector s10 = s00;
                FloatVector s11 = s00;
                FloatVector s20 = s00;
                FloatVector s21 = s00;
                FloatVector s30 = s00;
                FloatVector s31 = s00;
                for (int p = 0; p < whole; p += 2 * L) {
                    FloatVector y0 = FloatVector.fromArray(S, y, yOff + p);
                    FloatVector y1 = FloatVector.fromArray(S, y, yOff + p + L);
                    s00 = FloatVector.fromArray(S, x, x0 + p).fma(y0, s00);
                    s01 = FloatVector.fromArray(S, x, x0 + p + L).fma(y1, s01);
                    s10 = FloatVector.fromArray(S, x, x1 + p).fma(y0, s10);
                    s11 = FloatVector.fromArray(S, x, x1 + p + L).fma(y1, s11);
                    s20 = FloatVector.fromArray(S, x, x2 + p).fma(y0, s20);
                    s21 = FloatVector.fromArray(S, x, x2 + p + L).fma(y1, s21);
                    s30 = FloatVector.fromArray(S, x, x3 + p).fma(y0, s30);
                    s31 = FloatVector.fromArray(S, x, x3 + p + L).fma(y1, s31);
                }
                FloatVector t0 = s00.add(s01);
                FloatVector t1 = s10.add(s11);
                FloatVector t2 = s20.add(s21);
                FloatVector t3 = s30.add(s31);
                if (L >= 16) {
                    t0 = t0.add(t0.rearrange(ROTATE_8));
                    t1 = t1.add(t1.rearrange(ROTATE_8));
                    t2 = t2.add(t2.rearrange(ROTATE_8));
                    t3 = t3.add(t3.rearrange(ROTATE_8));
                }
                if (L >= 8) {
                    t0 = t0.add(t0.rearrange(ROTATE_4));
                    t1 = t1.add(t1.rearrange(ROTATE_4));
                    t2 = t2.add(t2.rearrange(ROTATE_4));
                    t3 = t3.add(t3.rearrange(ROTATE_4));
                }
                t0 = t0.add(t0.rearrange(ROTATE_2));
                t1 = t1.add(t1.rearrange(ROTATE_2));
                t2 = t2.add(t2.rearrange(ROTATE_2));
                t3 = t3.add(t3.rearrange(ROTATE_2));
                t0 = t0.add(t0.rearrange(ROTATE_1));
                t1 = t1.add(t1.rearrange(ROTATE_1));
                t2 = t2.add(t2.rearrange(ROTATE_1));
                t3 = t3.add(t3.rearrange(ROTATE_1));
                float sum0 = t0.lane(0);
                float sum1 = t1.lane(0);
                float sum2 = t2.lane(0);
                float sum3 = t3.lane(0);
                for (int p = whole; p < length; p++) {
                    float yp = y[yOff + p];
                    sum0 += x[x0 + p] * yp;
                    sum1 += x[x1 + p] * yp;
                    sum2 += x[x2 + p] * yp;
                    sum3 += x[x3 + p] * yp;
                }
                out[outOff + r] += sum0;
                out[outOff + r + 1] += sum1;
                out[outOff + r + 2] += sum2;
                out[outOff + r + 3] += sum3;
            }
        }
        for (; r < rows; r++) {
            out[outOff + r] += dot(x, xOff + r * xStride, y, yOff, length);
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int length) {
        FloatSimdLoops.axpy(alpha, x, xOff, y, yOff, length);
    }

    /**
     * Rows in blocks of {@value #ROW_BLOCK}, and within a block, y held in four vector registers per 4L columns while
     * the block's rows are added: each y_i still gets fma(s_p, x_pi, y_i) for p in order in the vector part and
     * y_i + s_p x_pi in the tail, as {@link #axpy} does, without loading and storing y for every row: a bias gradient
     * is count = the batch's rows of these, and as separate axpy calls that traffic in y dominated it.
     */
    @Override
    public void axpyRows(float[] s, int sOff, float[] x, int xOff, int xStride, int count, float[] y, int yOff,
                         int length) {
        int whole = length < L ? 0 : length - length % L;
        for (int p0 = 0; p0 < count; p0 += ROW_BLOCK) {
            int p1 = Math.min(count, p0 + ROW_BLOCK);
            int i = 0;
            for (; i + 4 * L <= whole; i += 4 * L) {
                int yAt = yOff + i;
                FloatVector y0 = FloatVector.fromArray(S, y, yAt);
                FloatVector y1 = FloatVector.fromArray(S, y, yAt + L);
                FloatVector y2 = FloatVector.fromArray(S, y, yAt + 2 * L);
                FloatVector y3 = FloatVector.fromArray(S, y, yAt + 3 * L);
                for (int p = p0; p < p1; p++) {
                    FloatVector a = FloatVector.broadcast(S, s[sOff + p]);
                    int row = xOff + i + p * xStride;
                    y0 = a.fma(FloatVector.fromArray(S, x, row), y0);
                    y1 = a.fma(FloatVector.fromArray(S, x, row + L), y1);
                    y2 = a.fma(FloatVector.fromArray(S, x, row + 2 * L), y2);
                    y3 = a.fma(FloatVector.fromArray(S, x, row + 3 * L), y3);
                }
                // times one (exact for every value) before the store: JDK 17's C2 did not turn the store of a sum
                // coming straight out of the loop into a vector instruction, and allocated every vector of the loop
                y0.mul(UNIT).intoArray(y, yAt);
                y1.mul(UNIT).intoArray(y, yAt + L);
                y2.mul(UNIT).intoArray(y, yAt + 2 * L);
                y3.mul(UNIT).intoArray(y, yAt + 3 * L);
            }
            for (; i < whole; i += L) {
                FloatVector y0 = FloatVector.fromArray(S, y, yOff + i);
                for (int p = p0; p < p1; p++) {
                    y0 = FloatVector.broadcast(S, s[sOff + p])
                            .fma(FloatVector.fromArray(S, x, xOff + i + p * xStride), y0);
                }
                y0.mul(UNIT).intoArray(y, yOff + i);
            }
            for (int p = p0; p < p1; p++) {
                float alpha = s[sOff + p];
                int row = xOff + p * xStride;
                for (int t = whole; t < length; t++) {
                    y[yOff + t] += alpha * x[row + t];
                }
            }
        }
    }

    @Override
    public void scaleInto(float alpha, float[] x, int xOff, float[] y, int yOff, int length) {
        FloatSimdLoops.scaleInto(alpha, x, xOff, y, yOff, length);
    }

    @Override
    public float descend(float[] theta, float[] gradient, float eta, int from, int to) {
        return FloatSimdLoops.descend(theta, gradient, eta, from, to);
    }
}
