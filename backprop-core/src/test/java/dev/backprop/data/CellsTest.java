package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The public cell rules are the CSV reader's: the same types, labels and order, and the same missing-cell error. */
class CellsTest {
    @Test
    void cellsAreMissingNumbersNonFiniteOrText() {
        assertThat(List.of("", "?", "NA")).allMatch(Cells::isMissing);
        assertThat(Cells.isMissing("na")).isFalse();
        assertThat(Cells.number("-1.5e3")).isEqualTo(-1500.0);
        assertThat(Cells.number("0x1p3")).isNaN();
        assertThat(Cells.number("1e400")).isInfinite();
        assertThat(List.of("abc", "0x1p3", "1d")).allMatch(Cells::isText);
        assertThat(List.of("1.5", "nan", "-Infinity", "1e400")).noneMatch(Cells::isText);
        assertThat(Cells.notFiniteReason("nan")).isEqualTo("'nan' is not a finite number");
    }

    @Test
    void categoryLabelsAreTheReadersLevelsAndSortInItsOrder() {
        Frame frame = csv("g\n2.0\nb\n10\n?\n1e400\nA\n2\n");
        CategoricalColumn read = (CategoricalColumn) frame.column("g");
        List<String> labels = new ArrayList<>();
        for (String cell : List.of("2.0", "b", "10", "?", "1e400", "A", "2")) {
            String label = Cells.categoryLabel(cell);
            if (label != null && !labels.contains(label)) {
                labels.add(label);
            }
        }

        assertThat(read.levels()).isEqualTo(labels).containsExactly("2", "b", "10", "1e400", "A");
        assertThat(Cells.categoryLabel("?")).isNull();
        assertThat(labels.stream().sorted(Cells.CATEGORY_ORDER).toList()).containsExactly("2", "10", "1e400", "A",
                "b");
        assertThat(Cells.label(3.0)).isEqualTo("3");
        assertThat(Cells.label(0.5)).isEqualTo("0.5");
    }

    @Test
    void theMissingCellErrorFromCountsIsTheFramesWithoutLines() {
        Frame read = csv("a,b,c,y\n1,,x,1\n,2,,0\n3,,z,1\n,4,w,0\n5,5,v,\n,6,u,1\n7,7,t,0\n,8,s,1\n9,9,r,0\n,0,q,1\n");
        Frame withoutLines = Frame.of("t.csv", read.columns());
        String fromFrame = catchThrowableOfType(() -> Preprocessor.fit(withoutLines, PreprocessConfig.of("y")),
                InvalidDataException.class).getMessage();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("a", 5L);
        counts.put("b", 2L);
        counts.put("c", 1L);
        counts.put("y", 1L);

        assertThat(MissingValues.error("t.csv", counts, new long[] {2, 4, 6, 8, 10}, true, List.of("y")))
                .hasMessage(fromFrame);
        assertThat(fromFrame).isEqualTo("t.csv, column 'a': 5 values are missing in this column (rows 2, 4, 6, 8, "
                + "10); so are values in 'b' (2), 'c' (1), 'y' (1); " + MissingValues.TRAINING_TARGET_HINT);
        assertThat(MissingValues.error(null, Map.of("a", 1L), new long[] {3}, false, List.of("y"))).hasMessage("column 'a': 1 "
                + "value is missing in this column (row 3); " + MissingValues.MODEL_HINT);
    }
}
