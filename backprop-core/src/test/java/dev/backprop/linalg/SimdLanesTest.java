package dev.backprop.linalg;

import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SimdLanes}, the plain-Java form a cold start runs, gives {@link SimdKernels}' bits on every kernel: every
 * length around the vector widths, offsets, and values that take the logistic function's scalar lanes (|z| > 708,
 * NaN, infinities) or make sums cancel.
 */
class SimdLanesTest {
    private static final int L = DoubleVector.SPECIES_PREFERRED.length();
    private final SimdKernels vectors = new SimdKernels();
    private final SimdLanes lanes = new SimdLanes(L);
    private final SplittableRandom random = new SplittableRandom(21);

    @Test
    void logisticGivesTheVectorsBits() {
        for (int length = 0; length <= 5 * L + 3; length++) {
            double[] z = values(length + 2);
            double[] expected = new double[z.length];
            double[] actual = new double[z.length];
            vectors.logistic(z, expected, 2, z.length);
            lanes.logistic(z, actual, 2, z.length);
            assertThat(Arrays.equals(actual, expected)).as("logistic length " + length).isTrue();
        }
    }

    @Test
    void dotGivesTheVectorsBits() {
        for (int length = 0; length <= 6 * L + 3; length++) {
            double[] x = values(length + 1);
            double[] y = values(length + 3);
            long expected = Double.doubleToLongBits(vectors.dot(x, 1, y, 3, length));
            assertThat(Double.doubleToLongBits(lanes.dot(x, 1, y, 3, length))).as("dot length " + length)
                    .isEqualTo(expected);
        }
    }

    @Test
    void axpyAndScaleIntoGiveTheVectorsBits() {
        for (int length = 0; length <= 5 * L + 3; length++) {
            double alpha = random.nextDouble(-3, 3);
            double[] x = values(length + 1);
            double[] y = values(length + 2);
            double[] expected = y.clone();
            double[] actual = y.clone();
            vectors.axpy(alpha, x, 1, expected, 2, length);
            lanes.axpy(alpha, x, 1, actual, 2, length);
            assertThat(Arrays.equals(actual, expected)).as("axpy length " + length).isTrue();
            vectors.scaleInto(alpha, x, 1, expected, 2, length);
            lanes.scaleInto(alpha, x, 1, actual, 2, length);
            assertThat(Arrays.equals(actual, expected)).as("scaleInto length " + length).isTrue();
        }
    }

    @Test
    void axpyRowsGivesTheVectorsBits() {
        for (int length : new int[] {1, L - 1, L, 2 * L + 1, 4 * L, 4 * L + 3, 9 * L + 5}) {
            for (int rows : new int[] {1, 2, 63, 64, 65, 130}) {
                int stride = length + 2;
                double[] s = values(rows + 1);
                double[] x = values(3 + rows * stride);
                double[] y = values(length + 1);
                double[] expected = y.clone();
                double[] actual = y.clone();
                vectors.axpyRows(s, 1, x, 3, stride, rows, expected, 1, length);
                lanes.axpyRows(s, 1, x, 3, stride, rows, actual, 1, length);
                assertThat(Arrays.equals(actual, expected)).as("axpyRows " + rows + " x " + length).isTrue();
            }
        }
    }

    @Test
    void descendGivesTheVectorsBitsAndLargestChange() {
        for (int length = 0; length <= 9 * L + 3; length++) {
            double[] theta = values(length + 1);
            double[] gradient = values(length + 1);
            double[] expected = theta.clone();
            double[] actual = theta.clone();
            double largest = vectors.descend(expected, gradient, 0.3, 1, length + 1);
            assertThat(Double.doubleToLongBits(lanes.descend(actual, gradient, 0.3, 1, length + 1)))
                    .isEqualTo(Double.doubleToLongBits(largest));
            assertThat(Arrays.equals(actual, expected)).as("descend length " + length).isTrue();
        }
    }

    /** Mostly moderate values of both signs, with the special ones that take other paths. */
    private double[] values(int length) {
        double[] special = {0.0, -0.0, 709.5, -745.0, 1e300, -1e-310, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1e16, -1e16};
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = random.nextInt(12) == 0 ? special[random.nextInt(special.length)] : random.nextDouble(-20, 20);
        }
        return v;
    }
}
