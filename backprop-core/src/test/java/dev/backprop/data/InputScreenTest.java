package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputScreenTest {
    /** n rows of {@code cell(i)} in column "c", beside a number. */
    private static Frame column(int n, java.util.function.IntFunction<String> cell) {
        StringBuilder text = new StringBuilder("c,y\n");
        for (int i = 0; i < n; i++) {
            text.append(cell.apply(i)).append(',').append(i).append('\n');
        }
        return csv(text.toString());
    }

    private static List<String> leftOut(Frame frame, Set<String> keep) {
        return InputScreen.find(frame, List.of("c"), keep).stream().map(InputScreen.LeftOut::column).toList();
    }

    @Test
    void aTextColumnDistinctInNineTenthsOfAtLeastTwentyRowsIsAnIdentifier() {
        assertThat(leftOut(column(20, i -> "u" + i), Set.of())).containsExactly("c");
        assertThat(leftOut(column(19, i -> "u" + i), Set.of())).isEmpty();
        assertThat(leftOut(column(20, i -> "u" + Math.min(i, 17)), Set.of())).containsExactly("c");   // 18 of 20
        assertThat(leftOut(column(20, i -> "u" + Math.min(i, 16)), Set.of())).isEmpty();             // 17 of 20
        assertThat(leftOut(column(30, Integer::toString), Set.of())).isEmpty();                      // numbers
        assertThat(leftOut(column(20, i -> "u" + i), Set.of("c"))).isEmpty();
    }

    @Test
    void aColumnOfIsoDatesOrDateTimesIsADateColumnWhateverItsSizeAndNeverAnIdentifier() {
        assertThat(InputScreen.dates(column(3, i -> "2024-02-2" + (7 + i)), List.of("c"))).containsExactly("c");
        assertThat(InputScreen.dates(column(2, i -> i == 0 ? "2024-03-01T14:30" : "2024-03-01 14:30:05.250"),
                List.of("c"))).containsExactly("c");
        assertThat(InputScreen.dates(column(2, i -> i == 0 ? "2024-03-01T14:30:05Z" : "2024-03-01T14:30:05+02:00"),
                List.of("c"))).containsExactly("c");
        assertThat(InputScreen.dates(column(2, i -> i == 0 ? "2023-02-29" : "2024-03-01"), List.of("c"))).isEmpty();
        assertThat(InputScreen.dates(column(2, i -> "01/03/2024"), List.of("c"))).isEmpty();
        assertThat(InputScreen.dates(column(2, i -> i == 0 ? "2024-03-01" : "soon"), List.of("c"))).isEmpty();
        Frame days = column(40, i -> java.time.LocalDate.of(2024, 1, 1).plusDays(i).toString());
        assertThat(leftOut(days, Set.of())).isEmpty();
        assertThat(InputScreen.dates(days, List.of("c", "y"))).containsExactly("c");
        assertThatThrownBy(() -> InputScreen.find(column(2, i -> "2024-03-01"), List.of("c"), Set.of("c")))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("this column holds dates, which are "
                        + "read as numbers");
    }

    @Test
    void aColumnOfMoreThanHalfDatesIsRefusedAtItsFirstOtherCellNotOneHotEncoded() {
        // 2024-02-30 is no day: 3 of 4 cells are dates, so the column is a date column with a bad cell, not text.
        Frame typo = column(4, i -> i == 2 ? "2024-02-30" : "2024-03-0" + (i + 1));
        assertThatThrownBy(() -> InputScreen.dates(typo, List.of("c")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 4, column 'c': '2024-02-30' is not an ISO date (2024-05-01, "
                        + "2024-05-01T14:30), but 3 of the column's 4 values are: fix the cell, leave it empty (a "
                        + "missing value, see --missing), or leave the column out with --ignore c");
        // The census a cluster counts says the same without a line.
        InputScreen.TextCensus counted = new InputScreen.TextCensus("c", 41, 30, 39);
        assertThatThrownBy(() -> InputScreen.dates(List.of(counted), List.of("c")))
                .hasMessage("column 'c': 2 values are not ISO dates (2024-05-01, 2024-05-01T14:30), but 39 of the "
                        + "column's 41 values are: fix the cell, leave it empty (a missing value, see --missing), or "
                        + "leave the column out with --ignore c");
        assertThat(InputScreen.dates(List.of(counted), List.of("y"))).isEmpty();
        // Half dates or fewer is text, as before; an empty cell is missing, not a bad date.
        assertThat(InputScreen.dates(column(4, i -> i < 2 ? "2024-03-01" : "later"), List.of("c"))).isEmpty();
        assertThat(InputScreen.dates(column(3, i -> i == 1 ? "" : "2024-03-01"), List.of("c")))
                .containsExactly("c");
    }

    @Test
    void columnNamesThatLookLikeARowOfDataAreNamedInAWarning() {
        assertThat(InputScreen.headerWarning(List.of("5.1", "3.5", "1.4", "0.2", "Iris-setosa"))).isEqualTo("the "
                + "column names are numbers (5.1, 3.5, 1.4, ...), as in a row of data: if the file has no header "
                + "line, add one, since its first line is read as the names and not as a row");
        assertThat(InputScreen.headerWarning(List.of("0.5", "-2"))).contains("(0.5, -2)");
        assertThat(InputScreen.headerWarning(List.of("country", "2019", "2020", "2021"))).isNull();
        assertThat(InputScreen.headerWarning(List.of("x", "y", "1.5"))).isNull();
        assertThat(InputScreen.headerWarning(List.of("1.5"))).isNull();
        assertThat(InputScreen.headerWarning(List.of("sepal_length", "species"))).isNull();
    }
}
