package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoded columns' ranges from a summary of the rows ({@link EncodedRanges}) against the ranges of the matrix the
 * preprocessor encodes from the rows themselves: filled cells, one-hot columns whose category every row (or none)
 * has, a numeric target and a class target.
 */
class EncodedRangesTest {
    private static final double NA = Double.NaN;

    private static Frame frame(Column target) {
        return Frame.of("t.csv", List.of(
                NumericColumn.of("a", new double[]{3, NA, -7, 2, NA, 10}),
                NumericColumn.of("b", new double[]{NA, 5, 5, 5, 5, 5}),
                CategoricalColumn.ofLabels("colour", new String[]{"red", null, "red", "blue", "red", null}),
                CategoricalColumn.ofLabels("all", new String[]{"x", "x", null, "x", "x", "x"}),
                target));
    }

    private static void rangesAreThoseOfTheEncodedMatrix(Frame frame, String target) {
        Preprocessor preprocessor = Preprocessor.fit(frame,
                PreprocessConfig.of(target).withMissing(MissingPolicy.MEAN));
        List<String> used = List.of("a", "b", "colour", "all", target);
        List<ColumnType> uses = List.of(ColumnType.NUMERIC, ColumnType.NUMERIC, ColumnType.CATEGORICAL,
                ColumnType.CATEGORICAL, preprocessor.target().task().targetUse());
        FitSummary summary = FitSummary.of(frame, used, uses);
        Dataset encoded = preprocessor.apply(frame).dataset();
        ColumnRanges inputs = EncodedRanges.inputs(preprocessor, summary);
        ColumnRanges expected = ColumnRanges.of(encoded.x());
        assertThat(inputs.min()).isEqualTo(expected.min());
        assertThat(inputs.max()).isEqualTo(expected.max());
        assertThat(inputs.maxAbs()).isEqualTo(expected.maxAbs());
        ColumnRanges targets = EncodedRanges.target(preprocessor, summary);
        ColumnRanges expectedTargets = ColumnRanges.of(encoded.y());
        assertThat(targets.min()).isEqualTo(expectedTargets.min());
        assertThat(targets.max()).isEqualTo(expectedTargets.max());
        assertThat(targets.maxAbs()).isEqualTo(expectedTargets.maxAbs());
    }

    @Test
    void numericTarget() {
        rangesAreThoseOfTheEncodedMatrix(frame(NumericColumn.of("y", new double[]{1, -4, 2, 8, 0, 3})), "y");
    }

    @Test
    void classTarget() {
        rangesAreThoseOfTheEncodedMatrix(frame(CategoricalColumn.ofLabels("y",
                new String[]{"no", "yes", "no", "no", "maybe", "yes"})), "y");
    }
}
