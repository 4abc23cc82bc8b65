package dev.backprop.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * ROC and precision-recall curves against a case worked by hand and against scikit-learn 1.2.1's
 * {@code roc_auc_score} and {@code average_precision_score}, run once on the same rows by this script:
 * <pre>
 * from sklearn.metrics import roc_auc_score, average_precision_score
 * score = [((i * 37) % 17) / 16.0 for i in range(40)]
 * label = [1 if (i * 13) % 7 &lt; 3 else 0 for i in range(40)]
 * print(repr(roc_auc_score(label, score)), repr(average_precision_score(label, score)))
 * </pre>
 */
class BinaryCurvesTest {
    @Test
    void fourRowsWorkedByHand() {
        // Scores 0.8 (+), 0.4 (-), 0.35 (+), 0.1 (-): of the 4 positive-negative pairs, 3 are ordered right.
        BinaryCurves curves = BinaryCurves.of(new double[] {0.1, 0.4, 0.35, 0.8},
                new boolean[] {false, false, true, true});
        assertThat(curves.rocThresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1);
        assertThat(curves.falsePositiveRate()).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(curves.truePositiveRate()).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(curves.rocAuc()).isEqualTo(0.75);
        // Precision at each threshold: 1/1, 1/2, 2/3, 2/4; recall 1/2, 1/2, 1, 1; AP = 1/2 * 1 + 1/2 * 2/3.
        assertThat(curves.prThresholds()).containsExactly(0.8, 0.4, 0.35, 0.1);
        assertThat(curves.precision()).containsExactly(1, 0.5, 2.0 / 3, 0.5, 1);
        assertThat(curves.recall()).containsExactly(0.5, 0.5, 1, 1, 0);
        assertThat(curves.averagePrecision()).isCloseTo(0.5 + 1.0 / 3, within(1e-15));
    }

    @Test
    void tiedScoresAreOneThresholdAndCountHalfInTheAuc() {
        BinaryCurves curves = BinaryCurves.of(new double[] {0.5, 0.5, 0.5, 0.5},
                new boolean[] {true, false, true, false});
        assertThat(curves.falsePositiveRate()).containsExactly(0, 1);
        assertThat(curves.truePositiveRate()).containsExactly(0, 1);
        assertThat(curves.rocAuc()).isEqualTo(0.5);
        assertThat(curves.averagePrecision()).isEqualTo(0.5);
    }

    @Test
    void matchesScikitLearnOnFortyRowsWithTies() {
        int n = 40;
        double[] score = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            score[i] = ((i * 37) % 17) / 16.0;
            positive[i] = (i * 13) % 7 < 3;
        }
        BinaryCurves curves = BinaryCurves.of(score, positive);
        assertThat(curves.rocAuc()).isCloseTo(0.4466145833333333, within(1e-15));
        assertThat(curves.averagePrecision()).isCloseTo(0.3935914160420739, within(1e-15));
    }

    @Test
    void aPerfectScoreHasAreaOneAndAReversedOneAreaZero() {
        double[] score = {0.9, 0.8, 0.3, 0.2, 0.1};
        boolean[] positive = {true, true, false, false, false};
        assertThat(BinaryCurves.of(score, positive).rocAuc()).isEqualTo(1.0);
        assertThat(BinaryCurves.of(score, positive).averagePrecision()).isEqualTo(1.0);
        boolean[] reversed = {false, false, true, true, true};
        assertThat(BinaryCurves.of(score, reversed).rocAuc()).isEqualTo(0.0);
    }

    @Test
    void refusesOneClassNaNAndMismatchedLengths() {
        assertThatThrownBy(() -> BinaryCurves.of(new double[] {0.1, 0.2}, new boolean[] {true, true}))
                .hasMessage("ROC and precision-recall curves need rows of both classes, but all 2 are positive");
        assertThatThrownBy(() -> BinaryCurves.of(new double[] {0.1, Double.NaN}, new boolean[] {true, false}))
                .hasMessage("the score of row 2 is NaN");
        assertThatThrownBy(() -> BinaryCurves.of(new double[] {0.1}, new boolean[] {true, false}))
                .hasMessage("1 scores but 2 labels");
    }
}
