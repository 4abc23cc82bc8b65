package dev.backprop.linalg;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The single-precision element-wise kernels: vector and scalar lanes to the bit, and against the closed forms. */
class FloatElementwiseTest {
    /** Inputs across the whole float range: training's |z| &lt; 20, the saturating tails, specials, subnormals. */
    private static float[] inputs(int length, SplittableRandom random) {
        float[] z = new float[length];
        for (int i = 0; i < length; i++) {
            z[i] = switch (i % 8) {
                case 0 -> (float) (random.nextDouble() * 40 - 20);
                case 1 -> (float) (random.nextDouble() * 240 - 120);
                case 2 -> (float) (random.nextDouble() * 2 - 1) * 1e-3f;
                case 3 -> Float.intBitsToFloat(random.nextInt()); // any bit pattern, NaNs included
                default -> (float) random.nextGaussian() * 4;
            };
        }
        return z;
    }

    @Test
    void logisticVectorLanesGiveTheScalarBitsWhereverTheyFall() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"java".equals(System.getProperty("backprop.engine"))) {
            assertThat(GemmEngines.FLOAT_VECTOR).isInstanceOf(FloatSimdKernels.class);
        }
        SplittableRandom random = new SplittableRandom(21);
        float[] z = inputs(4099, random);
        z[100] = Float.NaN;
        z[101] = Float.POSITIVE_INFINITY;
        z[102] = Float.NEGATIVE_INFINITY;
        z[103] = Float.MIN_VALUE;
        z[104] = -0.0f;
        for (int from : new int[] {0, 1, 5, 17}) {
            float[] scalar = new float[z.length];
            FloatVectorKernels.SCALAR.logistic(z, scalar, from, z.length - 3);
            float[] vector = new float[z.length];
            Elementwise.logistic(z, vector, from, z.length - 3);
            for (int i = 0; i < z.length; i++) {
                assertThat(Float.floatToRawIntBits(vector[i])).as("z=" + z[i] + " at " + i + " from " + from)
                        .isEqualTo(Float.floatToRawIntBits(scalar[i]));
            }
        }
    }

    @Test
    void logisticIsWithinOneUlpOfTheCorrectlyRoundedValueAndMostlyIsIt() {
        SplittableRandom random = new SplittableRandom(22);
        float[] z = inputs(100_000, random);
        float[] a = new float[z.length];
        Elementwise.logistic(z, a, 0, z.length);
        int rounded = 0;
        int finite = 0;
        for (int i = 0; i < z.length; i++) {
            if (Float.isNaN(z[i])) {
                assertThat(a[i]).isNaN();
                continue;
            }
            // 1 / (1 + e^-z) in double is within a few double ulps: rounding it to float is correctly rounded but for
            // ties nearer than 2⁻⁵⁰ relative
            float expected = (float) (1.0 / (1.0 + Math.exp(-(double) z[i])));
            finite++;
            if (a[i] == expected) {
                rounded++;
            } else {
                assertThat(Math.abs(a[i] - expected)).as("z=" + z[i]).isLessThanOrEqualTo(Math.ulp(expected));
            }
            assertThat(a[i]).as("z=" + z[i]).isBetween(0.0f, 1.0f);
        }
        assertThat(rounded).as("correctly rounded of " + finite).isGreaterThanOrEqualTo(finite - finite / 10_000);
    }

    @Test
    void logisticSaturatesAndWorksInPlace() {
        float[] z = new float[40];
        z[0] = -1000f;
        z[1] = 1000f;
        z[2] = Float.NaN;
        z[3] = -88f;
        z[4] = 17f;
        Elementwise.logistic(z, z, 0, z.length);
        assertThat(z[0]).isEqualTo(0.0f);
        assertThat(z[1]).isEqualTo(1.0f);
        assertThat(z[2]).isNaN();
        assertThat(z[3]).isEqualTo((float) (1 / (1 + Math.exp(88)))).isPositive();
        assertThat(z[4]).isEqualTo(1.0f - 0x1p-24f); // 1 − 4.1e-8, nearer to the float below 1 than to 1
        assertThat(z[5]).isEqualTo(0.5f);
        assertThatThrownBy(() -> Elementwise.logistic(z, new float[39], 0, 40))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    @Test
    void tanhVectorLanesGiveTheScalarBitsWhereverTheyFall() {
        SplittableRandom random = new SplittableRandom(24);
        float[] z = inputs(4099, random);
        z[200] = Float.NaN;
        z[201] = -0.0f;
        z[202] = 0x1p-12f; // the series' bound, and either side of it
        z[203] = Math.nextDown(0x1p-12f);
        z[204] = -Math.nextUp(0x1p-12f);
        z[205] = 20f; // where the scalar path turns to ±1, and just beyond
        z[207] = -Math.nextUp(20f);
        z[206] = Float.NEGATIVE_INFINITY;
        for (int from : new int[] {0, 3}) {
            float[] scalar = new float[z.length];
            FloatVectorKernels.SCALAR.tanh(z, scalar, from, z.length - 1);
            float[] vector = new float[z.length];
            Elementwise.tanh(z, vector, from, z.length - 1);
            for (int i = 0; i < z.length; i++) {
                assertThat(Float.floatToRawIntBits(vector[i])).as("z=" + z[i] + " at " + i + " from " + from)
                        .isEqualTo(Float.floatToRawIntBits(scalar[i]));
            }
        }
    }

    @Test
    void tanhIsWithinOneUlpOfTheCorrectlyRoundedValueAndOdd() {
        SplittableRandom random = new SplittableRandom(25);
        float[] z = inputs(100_000, random);
        float[] a = new float[z.length];
        Elementwise.tanh(z, a, 0, z.length);
        int rounded = 0;
        int finite = 0;
        for (int i = 0; i < z.length; i++) {
            if (Float.isNaN(z[i])) {
                assertThat(a[i]).isNaN();
                continue;
            }
            float expected = (float) Math.tanh(z[i]); // within 2.5 double ulps: correctly rounded but for near-ties
            finite++;
            if (a[i] == expected) {
                rounded++;
            } else {
                assertThat(Math.abs(a[i] - expected)).as("z=" + z[i]).isLessThanOrEqualTo(Math.ulp(expected));
            }
        }
        assertThat(rounded).as("correctly rounded of " + finite).isGreaterThanOrEqualTo(finite - finite / 10_000);
        float[] ends = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 1e-30f, -20f, 0.5f, -0.5f, 0, 0};
        Elementwise.tanh(ends, ends, 0, ends.length);
        assertThat(ends[0]).isEqualTo(1.0f);
        assertThat(ends[1]).isEqualTo(-1.0f);
        assertThat(Float.floatToRawIntBits(ends[2])).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(ends[3]).isEqualTo(1e-30f);
        assertThat(ends[4]).isEqualTo(-1.0f);
        assertThat(ends[5]).isEqualTo(-ends[6]).isEqualTo((float) Math.tanh(0.5));
        assertThatThrownBy(() -> Elementwise.tanh(ends, new float[3], 0, 4))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    @Test
    void descendGivesThePlainFloatLoopsBitsAndLargestChange() {
        SplittableRandom random = new SplittableRandom(23);
        for (int length : new int[] {0, 1, 15, 16, 17, 64, 1000, 1003}) {
            float[] theta = new float[length];
            float[] gradient = new float[length];
            for (int i = 0; i < length; i++) {
                theta[i] = (float) (random.nextDouble() - 0.5);
                gradient[i] = (float) ((random.nextDouble() - 0.5) * 1e3);
            }
            for (int from : new int[] {0, Math.min(3, length)}) {
                float[] expected = theta.clone();
                float largest = 0.0f;
                for (int i = from; i < length; i++) {
                    float change = 0.3f * gradient[i];
                    expected[i] = expected[i] - change;
                    largest = Math.max(largest, Math.abs(change));
                }
                float[] actual = theta.clone();
                assertThat(Elementwise.descend(actual, gradient, 0.3f, from, length)).isEqualTo(largest);
                assertThat(actual).as("length " + length + " from " + from).isEqualTo(expected);
            }
        }
        float[] theta = new float[80];
        float[] gradient = new float[80];
        gradient[37] = Float.NaN; // inside a whole vector
        assertThat(Elementwise.descend(theta, gradient, 0.1f, 0, 80)).isNaN();
        assertThat(theta[37]).isNaN();
        assertThatThrownBy(() -> Elementwise.descend(theta, new float[3], 0.1f, 0, 4))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    @Test
    void shortArraysGiveTheBitsOfTheRoundedDoubleFunctionsAtEveryLength() {
        // arrays shorter than a vector (the seed network's 3 and 9 values) run the scalar tail alone
        SplittableRandom random = new SplittableRandom(26);
        for (int n = 0; n <= 40; n++) {
            float[] z = inputs(n, random);
            for (int from = 0; from <= Math.min(n, 3); from++) {
                float[] logistic = new float[n];
                float[] scalarLogistic = new float[n];
                float[] tanh = new float[n];
                float[] scalarTanh = new float[n];
                for (int round = 0; round < 50; round++) { // interpreted, then compiled
                    Elementwise.logistic(z, logistic, from, n);
                    FloatVectorKernels.SCALAR.logistic(z, scalarLogistic, from, n);
                    Elementwise.tanh(z, tanh, from, n);
                    FloatVectorKernels.SCALAR.tanh(z, scalarTanh, from, n);
                }
                for (int i = 0; i < n; i++) {
                    float expectedLogistic = i < from ? 0.0f : (float) Exp.logistic((double) z[i]);
                    float expectedTanh = i < from ? 0.0f : (float) Exp.tanh((double) z[i]);
                    String at = "z=" + z[i] + " at " + i + " of " + n + " from " + from;
                    assertThat(Float.floatToRawIntBits(logistic[i])).as(at)
                            .isEqualTo(Float.floatToRawIntBits(expectedLogistic));
                    assertThat(Float.floatToRawIntBits(scalarLogistic[i])).as(at)
                            .isEqualTo(Float.floatToRawIntBits(expectedLogistic));
                    assertThat(Float.floatToRawIntBits(tanh[i])).as(at)
                            .isEqualTo(Float.floatToRawIntBits(expectedTanh));
                    assertThat(Float.floatToRawIntBits(scalarTanh[i])).as(at)
                            .isEqualTo(Float.floatToRawIntBits(expectedTanh));
                }
            }
        }
    }
}
