package dev.backprop.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The mean and sd of fold scores, by their formulas, and finite wherever the true values are. */
class ScoresTest {
    @Test
    void meanAndSdAreTheFormulasBitForBitOnOrdinaryScores() {
        double[] values = {0.9667, 0.9333, 0.9667, 0.9667, 0.9667};
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / 5;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        assertThat(Scores.mean(values)).isEqualTo(mean);
        assertThat(Scores.sd(values)).isEqualTo(Math.sqrt(squares / 4));
    }

    @Test
    void finiteScoresWhoseSumsOverflowKeepAFiniteMeanAndSd() {
        // Two diverged folds' R^2: the squared deviations (1e400) overflowed, and the sd was Infinity.
        double[] apart = {-1e200, 1e200};
        assertThat(Scores.mean(apart)).isZero();
        assertThat(Scores.sd(apart)).isCloseTo(Math.sqrt(2) * 1e200, within(1e186));
        // The sum of 1.7e308 twice overflowed, and the mean with it.
        double[] large = {1.7e308, 1.7e308};
        assertThat(Scores.mean(large)).isEqualTo(1.7e308);
        assertThat(Scores.sd(large)).isZero();
        // A true sd past the largest double stays infinite; a NaN stays NaN.
        assertThat(Scores.sd(new double[] {-1.7e308, 1.7e308})).isInfinite();
        assertThat(Scores.sd(new double[] {Double.NaN, 1})).isNaN();
    }
}
