package dev.backprop.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernels} on the JDK Vector API. e^x is {@link Exp}'s, lane by lane the same operations as its scalar
 * form, so every element gets the same bits wherever it sits; dot products keep two vectors of partial sums and add
 * their lanes in a fixed order at the end; axpy uses FMA. Only exactly rounded operations are used, so results do not
 * depend on whether the JIT has compiled the vector code yet. While {@link ColdStart} says so, each method hands its
 * work to {@link SimdLanes}, the same operations lane by lane in plain Java (same bits).
 */
final class SimdKernels implements VectorKernels {
    /** Rows {@link #axpyRows} adds into registers before it stores them: 64 rows of 4L columns stay in L1. */
    private static final int ROW_BLOCK = 64;
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
    private static final SimdLanes LANES = new SimdLanes(L);

    @Override
    public void logistic(double[] z, double[] a, int from, int to) {
        if (ColdStart.plain(to - from)) {
            LANES.logistic(z, a, from, to);
            return;
        }
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
     * The whole vectors of {@link #logistic}, with {@link Exp#exp}'s steps on every lane: k = rint(x log₂e), the
     * reduction r = x − k ln 2, the Taylor series, then p 2^k in one product. That product is exact, and the scalar
     * two-step scaling's bits, when every |z| of the vector is at most {@link Exp#NORMAL_RANGE} (2^k and p 2^k are
     * then normal numbers) — in training, nearly every vector. A vector with a larger |z| or a NaN goes through the
     * scalar {@link Exp#logistic}, lane by lane, with the same bits by construction. One method, no vector passed to
     * another: a vector handed to a method C2 does not inline is boxed, which costs more than the whole computation
     * (docs/performance.md, "Sigmoid").
     */
    private static void logisticVectors(double[] z, double[] a, int from, int end) {
        for (int i = from; i < end; i += L) {
            DoubleVector x = DoubleVector.fromArray(S, z, i).neg();
            if (!x.abs().compare(VectorOperators.LE, Exp.NORMAL_RANGE).allTrue()) {
                for (int lane = i; lane < i + L; lane++) {
                    a[lane] = Exp.logistic(z[lane]);
                }
                continue;
            }
            DoubleVector t = x.fma(LOG2E, ROUNDER);
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
            p = p.fma(r, ONE);
            LongVector n = ((LongVector) t.reinterpretAsLongs()).sub(Exp.ROUNDER_BITS);
            DoubleVector e = p.mul(n.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
            ONE.div(e.add(ONE)).intoArray(a, i);
        }
    }

    @Override
    public double dot(double[] x, int xOff, double[] y, int yOff, int length) {
        if (ColdStart.plain(length)) {
            return LANES.dot(x, xOff, y, yOff, length);
        }
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
        if (ColdStart.plain(length)) {
            LANES.axpy(alpha, x, xOff, y, yOff, length);
            return;
        }
        SimdLoops.axpy(alpha, x, xOff, y, yOff, length);
    }

    /**
     * Rows in blocks of {@value #ROW_BLOCK}, and within a block, y held in four vector registers per 4L columns while
     * the block's rows are added: each y_i still gets fma(s_p, x_pi, y_i) for p in order in the vector part and
     * y_i + s_p x_pi in the tail, as {@link #axpy} does, without loading and storing y for every row: a bias gradient
     * is count = the batch's rows of these, and as separate axpy calls that traffic in y dominated it.
     */
    @Override
    public void axpyRows(double[] s, int sOff, double[] x, int xOff, int xStride, int count, double[] y, int yOff,
                         int length) {
        if (ColdStart.plain((long) count * length)) {
            LANES.axpyRows(s, sOff, x, xOff, xStride, count, y, yOff, length);
            return;
        }
        int whole = length < L ? 0 : length - length % L;
        for (int p0 = 0; p0 < count; p0 += ROW_BLOCK) {
            int p1 = Math.min(count, p0 + ROW_BLOCK);
            int i = 0;
            for (; i + 4 * L <= whole; i += 4 * L) {
                axpyRows4(s, sOff, x, xOff + i, xStride, p0, p1, y, yOff + i);
            }
            for (; i < whole; i += L) {
                axpyRows1(s, sOff, x, xOff + i, xStride, p0, p1, y, yOff + i);
            }
            for (int p = p0; p < p1; p++) {
                double alpha = s[sOff + p];
                int row = xOff + p * xStride;
                for (int t = whole; t < length; t++) {
                    y[yOff + t] += alpha * x[row + t];
                }
            }
        }
    }

    /** Rows p0..p1 of {@link #axpyRows} on 4L columns from y[yAt], x's columns from x[xAt + p·xStride]. */
    private static void axpyRows4(double[] s, int sOff, double[] x, int xAt, int xStride, int p0, int p1, double[] y,
                                  int yAt) {
        DoubleVector y0 = DoubleVector.fromArray(S, y, yAt);
        DoubleVector y1 = DoubleVector.fromArray(S, y, yAt + L);
        DoubleVector y2 = DoubleVector.fromArray(S, y, yAt + 2 * L);
        DoubleVector y3 = DoubleVector.fromArray(S, y, yAt + 3 * L);
        for (int p = p0; p < p1; p++) {
            DoubleVector a = DoubleVector.broadcast(S, s[sOff + p]);
            int row = xAt + p * xStride;
            y0 = a.fma(DoubleVector.fromArray(S, x, row), y0);
            y1 = a.fma(DoubleVector.fromArray(S, x, row + L), y1);
            y2 = a.fma(DoubleVector.fromArray(S, x, row + 2 * L), y2);
            y3 = a.fma(DoubleVector.fromArray(S, x, row + 3 * L), y3);
        }
        y0.intoArray(y, yAt);
        y1.intoArray(y, yAt + L);
        y2.intoArray(y, yAt + 2 * L);
        y3.intoArray(y, yAt + 3 * L);
    }

    /** Rows p0..p1 of {@link #axpyRows} on L columns. */
    private static void axpyRows1(double[] s, int sOff, double[] x, int xAt, int xStride, int p0, int p1, double[] y,
                                  int yAt) {
        DoubleVector y0 = DoubleVector.fromArray(S, y, yAt);
        for (int p = p0; p < p1; p++) {
            y0 = DoubleVector.broadcast(S, s[sOff + p]).fma(DoubleVector.fromArray(S, x, xAt + p * xStride), y0);
        }
        y0.intoArray(y, yAt);
    }

    @Override
    public void scaleInto(double alpha, double[] x, int xOff, double[] y, int yOff, int length) {
        if (ColdStart.plain(length)) {
            LANES.scaleInto(alpha, x, xOff, y, yOff, length);
            return;
        }
        SimdLoops.scaleInto(alpha, x, xOff, y, yOff, length);
    }

    @Override
    public double descend(double[] theta, double[] gradient, double eta, int from, int to) {
        // short steps run scalar in SimdLoops anyway; longer ones in plain Java while ColdStart says so
        if (to - from >= 4 * L && ColdStart.plain(to - from)) {
            return SCALAR.descend(theta, gradient, eta, from, to);
        }
        return SimdLoops.descend(theta, gradient, eta, from, to);
    }
}
