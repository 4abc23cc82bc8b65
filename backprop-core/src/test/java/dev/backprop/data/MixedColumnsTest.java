package dev.backprop.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The almost-numeric rule on its own, at its boundaries: what the CSV reader and backprop-spark both apply. */
class MixedColumnsTest {
    @Test
    void aColumnAtLeastHalfNumbersWithSomeTextIsRefusedAndOneMostlyTextIsNot() {
        assertThatThrownBy(() -> MixedColumns.check("f.csv", "b", 2, 2, "x", 3, null, 0))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("f.csv: line 3, column 'b': 'x' is not a number, but 2 of the column's 4 values are: fix "
                        + "the cell, leave it empty (a missing value, see --missing), or declare the column "
                        + "categorical with --categorical b");
        assertThatCode(() -> MixedColumns.check("f.csv", "b", 2, 3, "x", 3, null, 0)).doesNotThrowAnyException();
        assertThatCode(() -> MixedColumns.check("f.csv", "b", 5, 0, null, 0, null, 0)).doesNotThrowAnyException();
        assertThatCode(() -> MixedColumns.check("f.csv", "b", 0, 4, "x", 2, null, 0)).doesNotThrowAnyException();
    }

    @Test
    void aNumberWrittenWithACommaIsNamedFirstWithItsReadings() {
        assertThatThrownBy(() -> MixedColumns.check(null, "b", 3, 1, "x", 2, "3,5", 4))
                .hasMessage("line 4, column 'b': '3,5' looks like a number written with a decimal comma, but numbers "
                        + "need a decimal point ('3.5'): convert the file, or declare the column categorical with "
                        + "--categorical b");
        assertThatThrownBy(() -> MixedColumns.check(null, "b", 3, 0, null, 0, "1,234,567", 0))
                .hasMessageContaining("thousands separators, but numbers are written without them ('1234567')");
        assertThatThrownBy(() -> MixedColumns.check(null, "b", 3, 0, null, 0, "741,786", 0))
                .hasMessageContaining("written with neither ('741786' or '741.786')");
    }

    @Test
    void commaNumbersAreDecimalCommasAndThousandsSeparatorsOnly() {
        assertThat(new String[] {"3,14", "-0,5", "+1,234", "1,234,567"})
                .allMatch(MixedColumns::isCommaNumber);
        assertThat(new String[] {"3.14", "1,2,3,", "a,b", ",5", "1,,2", "12,34,567"})
                .noneMatch(MixedColumns::isCommaNumber);
    }
}
