package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class FitSummaryTest {
    private static final List<String> COLUMNS = List.of("x", "c");
    private static final List<ColumnType> NUM_CAT = List.of(ColumnType.NUMERIC, ColumnType.CATEGORICAL);
    private static final Frame ROWS = csv("x,c\n0.1,b\n,a\n0.2,b\n-3,\n0.3,c\n");

    @Test
    void summarisesPresentValuesAndLabelsInOrderOfFirstAppearance() {
        FitSummary summary = FitSummary.of(ROWS, COLUMNS, NUM_CAT);
        assertThat(summary.rows()).isEqualTo(5);
        assertThat(summary.present(0)).isEqualTo(4);
        assertThat(summary.sum(0)).isEqualTo(((0.1 + 0.2) + -3) + 0.3);
        assertThat(summary.min(0)).isEqualTo(-3);
        assertThat(summary.max(0)).isEqualTo(0.3);
        assertThat(summary.maxAbs(0)).isEqualTo(3);
        assertThat(summary.labelCounts(1)).containsExactly(Map.entry("b", 2L), Map.entry("a", 1L), Map.entry("c", 1L));
        assertThat(summary.categories(1)).containsExactly("a", "b", "c");
        assertThat(summary.mode(1)).isEqualTo("b");
    }

    @Test
    void addingBlockByBlockGivesTheSequentialSumBitForBit() {
        FitSummary whole = FitSummary.of(ROWS, COLUMNS, NUM_CAT);
        FitSummary blocks = FitSummary.of(List.of(ROWS.select(new int[] {0, 1}), ROWS.select(new int[] {2, 3, 4}))
                .iterator(), COLUMNS, NUM_CAT);
        assertThat(blocks.sum(0)).isEqualTo(whole.sum(0));
        assertThat(blocks.labelCounts(1)).containsExactlyEntriesOf(whole.labelCounts(1));
    }

    @Test
    void mergingPartsGivesTheCountsExtremesAndLabelsOfTheWhole() {
        FitSummary whole = FitSummary.of(ROWS, COLUMNS, NUM_CAT);
        FitSummary merged = FitSummary.empty(COLUMNS, NUM_CAT)
                .merge(FitSummary.of(ROWS.select(new int[] {0, 1, 2}), COLUMNS, NUM_CAT))
                .merge(FitSummary.of(ROWS.select(new int[] {3, 4}), COLUMNS, NUM_CAT));
        assertThat(merged.rows()).isEqualTo(whole.rows());
        assertThat(merged.present(0)).isEqualTo(whole.present(0));
        assertThat(merged.sum(0)).isCloseTo(whole.sum(0), offset(1e-15));
        assertThat(new double[] {merged.min(0), merged.max(0), merged.maxAbs(0)})
                .containsExactly(whole.min(0), whole.max(0), whole.maxAbs(0));
        assertThat(merged.labelCounts(1)).containsExactlyEntriesOf(whole.labelCounts(1));
    }

    @Test
    void theMeanOfValuesWhoseSumOverflowsIsStillTheirMean() {
        // Twenty 1.7e308 add up past a double; --missing mean refused the column with "the mean is Infinity". With
        // ±1.7e308 the running sum passes +∞ and the mean came out NaN.
        Frame big = csv("x,c\n" + "1.7e308,a\n".repeat(20) + ",a\n");
        FitSummary summary = FitSummary.of(big, COLUMNS, NUM_CAT);
        assertThat(summary.sum(0)).isInfinite();
        assertThat(summary.mean(0)).isEqualTo(1.7e308);
        Frame both = csv("x,c\n" + "1.7e308,a\n".repeat(3) + "-1.7e308,a\n".repeat(3) + "1e300,a\n");
        FitSummary merged = FitSummary.of(both.select(new int[] {0, 1, 2}), COLUMNS, NUM_CAT)
                .merge(FitSummary.of(both.select(new int[] {3, 4, 5, 6}), COLUMNS, NUM_CAT));
        // Within rounding of the large terms (1.7e308 · 2⁻⁵² is 4e292), as any sum of them is.
        assertThat(merged.mean(0)).isCloseTo(1e300 / 7, offset(1e294));
        Imputation fill = Imputation.fit(summary, 1, "big.csv");
        assertThat(fill.means()).containsExactly(1.7e308);
    }

    @Test
    void aPreprocessorFittedFromTheSummaryEqualsTheOneFittedFromTheFrame() {
        Frame train = csv("x,c,y\n1,b,u\n,a,v\n5,b,u\n3,,v\n");
        PreprocessConfig config = PreprocessConfig.of("y").withMissing(MissingPolicy.MEAN);
        FitSummary summary = FitSummary.of(train, List.of("x", "c", "y"),
                List.of(ColumnType.NUMERIC, ColumnType.CATEGORICAL, ColumnType.CATEGORICAL));
        assertThat(Preprocessor.fit(summary, config, null)).isEqualTo(Preprocessor.fit(train, config));
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        FitSummary summary = FitSummary.of(ROWS, COLUMNS, NUM_CAT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(summary);
        }
        FitSummary copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (FitSummary) in.readObject();
        }
        assertThat(copy.sum(0)).isEqualTo(summary.sum(0));
        assertThat(copy.labelCounts(1)).containsExactlyEntriesOf(summary.labelCounts(1));
    }
}
