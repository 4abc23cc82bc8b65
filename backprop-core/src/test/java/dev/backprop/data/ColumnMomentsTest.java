package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Column moments in one piece and in parts, as a cluster sums them, against the textbook formulas. */
class ColumnMomentsTest {
    @Test
    void momentsAreTheMeanAndPopulationSdAndPartsAddUpToTheWhole() {
        double[] x = {1, 10, 2, 20, 3, 30, 6, 40};
        ColumnMoments whole = ColumnMoments.of(Matrix.wrap(4, 2, x));
        assertThat(whole.mean()).containsExactly(3, 25);
        assertThat(whole.sd()).containsExactly(Math.sqrt((4 + 1 + 0 + 9) / 4.0),
                Math.sqrt((225 + 25 + 25 + 225) / 4.0));

        // 103 rows of 3 columns cut into parts of 40, 1 and 62 rows: the two passes over the parts, added up.
        double[] values = new SplittableRandom(7).doubles(103 * 3, -5, 50).toArray();
        ColumnMoments expected = ColumnMoments.of(Matrix.wrap(103, 3, values));
        int[][] parts = {{0, 40}, {40, 41}, {41, 103}};
        double[] sums = new double[3];
        for (int[] part : parts) {
            double[] partSums = new double[3];
            ColumnMoments.addSums(Arrays.copyOfRange(values, part[0] * 3, part[1] * 3), part[1] - part[0], partSums);
            for (int j = 0; j < 3; j++) {
                sums[j] += partSums[j];
            }
        }
        double[] mean = ColumnMoments.means(sums, 103);
        double[] squares = new double[3];
        for (int[] part : parts) {
            ColumnMoments.addSquaredDeviations(Arrays.copyOfRange(values, part[0] * 3, part[1] * 3),
                    part[1] - part[0], mean, squares);
        }
        ColumnMoments merged = ColumnMoments.of(mean, squares, 103);
        assertThat(merged.mean()).containsExactly(expected.mean(), within(1e-12));
        assertThat(merged.sd()).containsExactly(expected.sd(), within(1e-12));
        assertThat(ColumnMoments.of(Matrix.wrap(0, 3, new double[0])).sd()).containsExactly(0, 0, 0);
    }

    @Test
    void finiteValuesWhoseSumsOverflowStillHaveTheirFiniteMeanAndSd() {
        // Column 1: Σ (x - mean)² overflows; column 2: Σ x overflows (two values near the largest double); column 3:
        // a deviation of 1e200 squares past 1.8e308. Each against its closed form.
        double big = 1.7e308;
        double max = Double.MAX_VALUE;
        Matrix data = Matrix.of(new double[][] {{-big, max, 1e200}, {big, max, 3e200}, {0, 0, 1e200},
                {0, 0, 3e200}});
        ColumnMoments moments = ColumnMoments.of(data);
        assertThat(moments.mean()[0]).isZero();
        assertThat(moments.sd()[0]).isCloseTo(big / Math.sqrt(2), within(1e-15 * big));
        assertThat(moments.mean()[1]).isCloseTo(max / 2, within(1e-15 * max));
        assertThat(moments.sd()[1]).isCloseTo(max / 2, within(1e-15 * max));
        assertThat(moments.mean()[2]).isCloseTo(2e200, within(1e185));
        assertThat(moments.sd()[2]).isCloseTo(1e200, within(1e185));

        Matrix withNan = Matrix.of(new double[][] {{Double.NaN}, {big}, {-big}});
        assertThat(ColumnMoments.of(withNan).sd()[0]).isNaN();
    }

    /**
     * A distributed trainer's passes over blocks of rows, with the three more after an overflow, give the moments
     * {@link ColumnMoments#of(Matrix)} gives: bit for bit over one block, and to the last bits over two (whose sums
     * add in another order). Before, they left such a column's moments infinite or NaN.
     */
    @Test
    void theDistributedPassesFindTheSameMomentsWhenTheSumsOverflow() {
        double big = 1.7e308;
        double[] x = {-big, Double.MAX_VALUE, 1e200, 1, big, Double.MAX_VALUE, 3e200, 2, 0, 0, 1e200, 4,
                0, 0, 3e200, 8};
        ColumnMoments whole = ColumnMoments.of(Matrix.wrap(4, 4, x.clone()));
        assertThat(distributed(x, 4, 4)).usingRecursiveComparison().isEqualTo(whole);
        ColumnMoments twoBlocks = distributed(x, 4, 2);
        for (int j = 0; j < 4; j++) {
            assertThat(twoBlocks.mean()[j]).isCloseTo(whole.mean()[j], within(1e-15 * Math.abs(whole.mean()[j])));
            assertThat(twoBlocks.sd()[j]).isCloseTo(whole.sd()[j], within(1e-15 * whole.sd()[j]));
        }
        assertThat(whole.overflowed()).isFalse();
    }

    /** The passes a distributed trainer makes, over blocks of {@code blockRows} rows of the 4-column {@code x}. */
    private static ColumnMoments distributed(double[] x, int rows, int blockRows) {
        int cols = 4;
        double[][] blocks = new double[rows / blockRows][];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = Arrays.copyOfRange(x, b * blockRows * cols, (b + 1) * blockRows * cols);
        }
        double[] sums = new double[cols];
        for (double[] block : blocks) {
            ColumnMoments.addSums(block, blockRows, sums);
        }
        double[] mean = ColumnMoments.means(sums, rows);
        double[] squares = new double[cols];
        for (double[] block : blocks) {
            ColumnMoments.addSquaredDeviations(block, blockRows, mean, squares);
        }
        ColumnMoments moments = ColumnMoments.of(mean, squares, rows);
        assertThat(moments.overflowed()).isTrue();
        double[] largest = new double[cols];
        for (double[] block : blocks) {
            ColumnMoments.addLargestMagnitudes(block, blockRows, largest);
        }
        double[] divisors = ColumnMoments.divisors(largest);
        double[] scaledSums = new double[cols];
        for (double[] block : blocks) {
            ColumnMoments.addSums(block, blockRows, divisors, scaledSums);
        }
        double[] scaledMean = ColumnMoments.means(scaledSums, rows);
        double[] scaledSquares = new double[cols];
        for (double[] block : blocks) {
            ColumnMoments.addSquaredDeviations(block, blockRows, divisors, scaledMean, scaledSquares);
        }
        ColumnMoments.rescaled(scaledMean, scaledSquares, rows, divisors, moments);
        return moments;
    }
}
