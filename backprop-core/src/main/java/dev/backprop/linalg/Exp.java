package dev.backprop.linalg;

/**
 * e^x from additions, multiplications and fused multiply-adds only, in an order that a vector lane and a scalar
 * loop share ({@link SimdKernels} runs the same steps on vectors). Every one of those operations is exactly rounded
 * in IEEE 754 whether the JIT has compiled it or not, so e^x comes out bit for bit the same in every lane, at every
 * position of an array, before and after warm-up, with and without the Vector API. The JDK's vector EXP does not
 * promise that (its intrinsic and its fallback differ in the last bit), and training must give the same bits for the
 * same seed.
 *
 * <p>Method: k = rint(x log₂e), r = x − k ln 2 (ln 2 split in two for an exact product), e^r by its Taylor series to
 * r¹³ in Horner form (|r| ≤ ln 2 / 2, truncation below 1e-17 relative), then times 2^k in two halves so that
 * subnormal results need no special path. Within 2 ulp of {@link Math#exp}; x &gt; 709.78 gives +∞, x &lt; −745.13
 * gives 0, NaN gives NaN.
 */
final class Exp {
    static final double LOG2E = 1.4426950408889634;
    /** 1.5 · 2⁵², added and subtracted to round to the nearest integer. */
    static final double ROUNDER = 6755399441055744.0;
    /** ROUNDER's bits: t = x log₂e + ROUNDER holds k = rint(x log₂e) in its low bits, so bits(t) − this is k. */
    static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    static final double LN2_HI = Double.longBitsToDouble(0x3FE62E42FEE00000L);
    static final double LN2_LO = Double.longBitsToDouble(0x3DEA39EF35793C76L);
    static final double OVERFLOW = 709.782712893384;
    /**
     * For |x| ≤ this, k = rint(x log₂e) lies in [-1021, 1021]: 2^k and e^x are normal numbers, so p 2^k in one
     * product is exact and equals the two-step scaling below.
     */
    static final double NORMAL_RANGE = 708.0;
    static final double UNDERFLOW = -745.1332191019412;
    /** Cn = 1/n!, the Taylor coefficients of e^r (C1 = C0 = 1). */
    static final double C13 = 1.0 / 6227020800.0;
    static final double C12 = 1.0 / 479001600.0;
    static final double C11 = 1.0 / 39916800.0;
    static final double C10 = 1.0 / 3628800.0;
    static final double C9 = 1.0 / 362880.0;
    static final double C8 = 1.0 / 40320.0;
    static final double C7 = 1.0 / 5040.0;
    static final double C6 = 1.0 / 720.0;
    static final double C5 = 1.0 / 120.0;
    static final double C4 = 1.0 / 24.0;
    static final double C3 = 1.0 / 6.0;
    static final double C2 = 0.5;

    private Exp() {
    }

    /** e^x; see the class comment for accuracy and special values. */
    static double exp(double x) {
        if (x > OVERFLOW) {
            return Double.POSITIVE_INFINITY;
        }
        if (x < UNDERFLOW) {
            return 0.0;
        }
        double t = Math.fma(x, LOG2E, ROUNDER);
        double r = reduced(x, t);
        double p = Math.fma(C13, r, C12);
        p = Math.fma(p, r, C11);
        p = Math.fma(p, r, C10);
        p = Math.fma(p, r, C9);
        p = Math.fma(p, r, C8);
        p = Math.fma(p, r, C7);
        p = Math.fma(p, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        return timesPowerOfTwo(p, Double.doubleToRawLongBits(t) - ROUNDER_BITS);
    }

    /**
     * r = x − k ln 2 for k = t − {@link #ROUNDER}, the whole number nearest x / ln 2 that t carries in its low
     * bits: ln 2 in two parts, so r is exact to about 2⁻¹⁰⁰ of x.
     */
    private static double reduced(double x, double t) {
        double k = t - ROUNDER;
        double r = Math.fma(-k, LN2_HI, x);
        return Math.fma(-k, LN2_LO, r);
    }

    /** p · 2ⁿ as two products of about 2^(n/2) each: neither overflows nor underflows where p · 2ⁿ does not. */
    private static double timesPowerOfTwo(double p, long n) {
        long half = n >> 1;
        return p * Double.longBitsToDouble((half + 1023) << 52) * Double.longBitsToDouble((n - half + 1023) << 52);
    }

    /** Below this |z|, tanh z is its odd series z − z³/3 + 2z⁵/15 (truncation below 2⁻⁷² relative). */
    static final double TANH_SERIES = 0x1p-12;
    /** Above this |z|, tanh z rounds to ±1 in double (1 − tanh z ≈ 2e^(−2|z|) &lt; 2⁻⁵⁴ from 19.06 on). */
    static final double TANH_ONE = 20.0;
    static final double TANH_C5 = 2.0 / 15.0;
    static final double TANH_C3 = -1.0 / 3.0;

    /**
     * tanh z = (1 − e^(−2z)) / (1 + e^(−2z)) through {@link #exp}; its odd series below {@link #TANH_SERIES}, where
     * 1 − e^(−2z) would cancel, and ±1 beyond {@link #TANH_ONE}. Within a few ulp of double: near the series' bound
     * 1 − e^(−2z) loses at most 2¹¹ of e^x's relative 2⁻⁵², so about 2⁻⁴⁰ relative, ample for a result rounded to
     * float. ±∞ give ±1, NaN gives NaN, −0 gives −0.
     */
    static double tanh(double z) {
        double x = Math.abs(z);
        if (x < TANH_SERIES) {
            double x2 = x * x;
            return Math.copySign(Math.fma(x * x2, Math.fma(x2, TANH_C5, TANH_C3), x), z);
        }
        if (!(x <= TANH_ONE)) {
            return x > TANH_ONE ? Math.copySign(1.0, z) : z; // z is NaN otherwise
        }
        double u = exp(-2.0 * z);
        return (1.0 - u) / (1.0 + u);
    }

    /** The logistic function 1 / (1 + e^-z) through {@link #exp}. */
    static double logistic(double z) {
        return 1.0 / (1.0 + exp(-z));
    }

    /**
     * {@link #logistic(double)} of a float, rounded to float: the bits of (float) logistic(z) for every float z, from z
     * {@link #widened} and e^x by {@link #estrinExp}.
     */
    static float floatLogistic(float z) {
        return (float) (1.0 / (1.0 + estrinExp(-widened(z))));
    }

    /**
     * e^x by {@link #exp}'s steps, its series summed in Estrin's order: r², r⁴, r⁸ and the pairs C2i + C2i+1 r side by
     * side, then combined in three levels, 4 dependent operations where Horner's form has 13; and within
     * {@link #NORMAL_RANGE} the scaling by 2^k in one product (exact there, so the bits of exp's two). The series is
     * most of the logistic function's latency, and on a handful of values (the seed network's layers) latency is the
     * time.
     * The result may differ from exp's in the last bit, so double results keep exp; 1 / (1 + e^-z) rounded to float
     * does not: it is the float of {@link #logistic(double)} for every one of the 2^32 floats z (all were compared;
     * ExpTest compares a sample). Not for tanh, whose 1 − e^-2z near |z| = 2^-12 cancels enough that 27 floats round
     * differently.
     */
    static double estrinExp(double x) {
        if (x > OVERFLOW) {
            return Double.POSITIVE_INFINITY;
        }
        if (x < UNDERFLOW) {
            return 0.0;
        }
        double t = Math.fma(x, LOG2E, ROUNDER);
        double r = reduced(x, t);
        double r2 = r * r;
        double r4 = r2 * r2;
        double r8 = r4 * r4;
        double low = Math.fma(r4, Math.fma(r2, Math.fma(r, C7, C6), Math.fma(r, C5, C4)),
                Math.fma(r2, Math.fma(r, C3, C2), r + 1.0));
        double high = Math.fma(r4, Math.fma(r, C13, C12), Math.fma(r2, Math.fma(r, C11, C10), Math.fma(r, C9, C8)));
        double p = Math.fma(r8, high, low);
        long n = Double.doubleToRawLongBits(t) - ROUNDER_BITS;
        if (Math.abs(x) <= NORMAL_RANGE) {
            return p * Double.longBitsToDouble((n + 1023) << 52);
        }
        return timesPowerOfTwo(p, n);
    }

    /** {@link #tanh(double)} of a float, rounded to float: (float) tanh(z), z {@link #widened}. */
    static float floatTanh(float z) {
        return (float) tanh(widened(z));
    }

    /**
     * z as a double (exactly, as the cast gives it), assembled from z's bits when z is a normal float, cast otherwise.
     * Not a plain cast, for speed: C2 compiles a float-to-double cast as (v)cvtss2sd, which keeps the upper bits of
     * its destination register and therefore waits for the last instruction that wrote that register. In a loop of
     * logistic values that register held the previous element's quotient, so each element started only when the
     * previous one was finished, where the double loop overlaps its independent elements. A move from an integer
     * register (vmovq) writes the whole register and waits for nothing.
     */
    static double widened(float z) {
        int bits = Float.floatToRawIntBits(z);
        int magnitude = bits & 0x7fff_ffff;
        if (magnitude >= 0x0080_0000 && magnitude < 0x7f80_0000) {
            // exponent e of the float becomes e − 127 + 1023 = e + 896; its 23 fraction bits lead the double's 52
            long wide = ((long) magnitude << 29) + (896L << 52);
            return Double.longBitsToDouble(wide | ((long) bits << 32 & Long.MIN_VALUE));
        }
        return z; // zero, subnormal, infinite or NaN
    }
}
