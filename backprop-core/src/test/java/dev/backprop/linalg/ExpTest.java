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
}
