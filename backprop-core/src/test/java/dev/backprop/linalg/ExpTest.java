package dev.backprop.linalg;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** e^x of exactly rounded operations: accurate, the same in every lane and position, and right at the edges. */
class ExpTest {
    @Test
    void withinTwoUlpOfMathExp() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            double x = random.nextDouble(-745, 709.7);
            double expected = Math.exp(x);
            double actual = Exp.exp(x);
            assertThat(Math.abs(actual - expected)).as("e^%s", x)
                    .isLessThanOrEqualTo(2 * Math.ulp(expected));
        }
        assertThat(Exp.exp(0)).isEqualTo(1.0);
        assertThat(Exp.exp(1)).isCloseTo(Math.E, org.assertj.core.api.Assertions.within(2 * Math.ulp(Math.E)));
    }

    @Test
    void edges() {
        assertThat(Exp.exp(710)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Exp.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Exp.exp(-746)).isEqualTo(0.0);
        assertThat(Exp.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Exp.exp(Double.NaN)).isNaN();
        assertThat(Exp.exp(-740)).isPositive().isCloseTo(Math.exp(-740), org.assertj.core.api.Assertions.within(1e-320));
        assertThat(Exp.logistic(1000)).isEqualTo(1.0);
        assertThat(Exp.logistic(-1000)).isEqualTo(0.0);
    }

    @Test
    void everyPositionAndEngineGivesTheSameBits() {
        SplittableRandom random = new SplittableRandom(2);
        double[] z = new double[1037];
        for (int i = 0; i < z.length; i++) {
            z[i] = random.nextDouble(-40, 40);
        }
        z[5] = Double.NaN;
        z[6] = 1000;
        z[7] = -1000;
        double[] scalar = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            scalar[i] = Exp.logistic(z[i]);
        }
        // Many calls so the vector code runs interpreted, then compiled: the bits must not change.
        for (int round = 0; round < 3000; round++) {
            double[] a = new double[z.length];
            int from = round % 13;
            Elementwise.logistic(z, a, from, z.length);
            for (int i = from; i < z.length; i++) {
                if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(scalar[i])) {
                    throw new AssertionError("element " + i + " in round " + round + ": " + a[i] + " vs " + scalar[i]);
                }
            }
        }
    }

    @Test
    void vectorsNearTheEdgesOfTheNormalRangeGiveTheScalarBits() {
        // whole vectors inside |x| <= 708 take the one-product scaling, others the two-step one with its blends;
        // results near the overflow and subnormal edges must still be the scalar's, lane for lane
        SplittableRandom random = new SplittableRandom(3);
        double[] z = new double[4096];
        for (int i = 0; i < z.length; i++) {
            double edge = switch (i % 4) {
                case 0 -> 708.0;
                case 1 -> -708.0;
                case 2 -> 709.78;
                default -> -745.13;
            };
            if (i < 1024) {
                z[i] = edge + random.nextDouble(-2, 2);
            } else if (i < 2048) {
                z[i] = (i % 2 == 0 ? 1 : -1) * (708.0 - random.nextDouble(0, 2)); // whole vectors in range
            } else {
                z[i] = random.nextDouble(-760, 760);
            }
        }
        for (int round = 0; round < 200; round++) {
            double[] a = new double[z.length];
            Elementwise.logistic(z, a, round % 8, z.length);
            for (int i = round % 8; i < z.length; i++) {
                double expected = Exp.logistic(z[i]);
                if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(expected)) {
                    throw new AssertionError("z=" + z[i] + " in round " + round + ": " + a[i] + " vs " + expected);
                }
            }
        }
        assertThat(Exp.exp(708.0)).isCloseTo(Math.exp(708.0), org.assertj.core.api.Assertions.within(
                2 * Math.ulp(Math.exp(708.0))));
        assertThat(Exp.exp(-708.0)).isCloseTo(Math.exp(-708.0), org.assertj.core.api.Assertions.within(
                2 * Math.ulp(Math.exp(-708.0))));
    }

    @Test
    void widenedIsTheCastForEveryExponentSignAndKindOfFloat() {
        SplittableRandom random = new SplittableRandom(4);
        int[] fractions = new int[4096];
        fractions[1] = 1;
        fractions[2] = 0x7f_ffff;
        fractions[3] = 0x40_0000;
        for (int i = 4; i < fractions.length; i++) {
            fractions[i] = random.nextInt(0x80_0000);
        }
        for (int sign = 0; sign < 2; sign++) {
            for (int exponent = 0; exponent < 256; exponent++) { // 0: zeros and subnormals, 255: infinities and NaNs
                for (int fraction : fractions) {
                    float z = Float.intBitsToFloat(sign << 31 | exponent << 23 | fraction);
                    long expected = Double.doubleToRawLongBits(z);
                    if (Double.doubleToRawLongBits(Exp.widened(z)) != expected) {
                        throw new AssertionError(Float.floatToRawIntBits(z) + ": " + Exp.widened(z) + " vs " + z);
                    }
                }
            }
        }
    }

    @Test
    void floatLogisticIsTheDoubleOneRoundedAcrossTheWholeFloatRange() {
        // estrinExp's series order gives every float the double logistic's float (all 2^32 were compared once); here
        // every 251st bit pattern: each exponent, both signs, zeros, subnormals, infinities and NaNs
        for (long pattern = 0; pattern < 1L << 32; pattern += 251) {
            float z = Float.intBitsToFloat((int) pattern);
            int expected = Float.floatToRawIntBits((float) Exp.logistic((double) z));
            if (Float.floatToRawIntBits(Exp.floatLogistic(z)) != expected) {
                throw new AssertionError("logistic(" + z + ") = " + Exp.floatLogistic(z) + " but "
                        + Float.intBitsToFloat(expected) + " rounded from double");
            }
        }
    }

    @Test
    void estrinExpIsWithinTwoUlpOfMathExp() {
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 200_000; i++) {
            double x = random.nextDouble(-745, 709.7);
            double expected = Math.exp(x);
            assertThat(Math.abs(Exp.estrinExp(x) - expected)).as("e^%s", x)
                    .isLessThanOrEqualTo(2 * Math.ulp(expected));
        }
        assertThat(Exp.estrinExp(0)).isEqualTo(1.0);
        assertThat(Exp.estrinExp(710)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Exp.estrinExp(-746)).isEqualTo(0.0);
        assertThat(Exp.estrinExp(Double.NaN)).isNaN();
    }

    @Test
    void floatLogisticAndTanhAreTheDoubleOnesOfTheCastRounded() {
        SplittableRandom random = new SplittableRandom(5);
        float[] specials = {0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE, Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0x1p-12f, 20f, -88.7f, 104f};
        for (int i = 0; i < 200_000 + specials.length; i++) {
            float z = i < specials.length ? specials[i]
                    : i % 2 == 0 ? (float) random.nextDouble(-30, 30) : Float.intBitsToFloat(random.nextInt());
            assertThat(Float.floatToRawIntBits(Exp.floatLogistic(z))).as("logistic(%s)", z)
                    .isEqualTo(Float.floatToRawIntBits((float) Exp.logistic((double) z)));
            assertThat(Float.floatToRawIntBits(Exp.floatTanh(z))).as("tanh(%s)", z)
                    .isEqualTo(Float.floatToRawIntBits((float) Exp.tanh((double) z)));
        }
    }
}
