package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The numeric-only {@link CsvFiles} / {@link Table} API keeps working over the new readers. */
class CsvFilesTest {
    private static Table read(String text) {
        return CsvFiles.read(new StringReader(text), "t.csv");
    }

    @Test
    void readsHeaderAndNumbers() {
        Table table = read("\uFEFFsleep,\"study\",score\r\n3,5,75\r\n5,1.5e0,82\r\n\r\n10,2,-9.3\r\n");
        assertThat(table.columns()).containsExactly("sleep", "study", "score");
        assertThat(table.rows()).isEqualTo(3);
        assertThat(table.values().get(1, 1)).isEqualTo(1.5);
        assertThat(table.values().get(2, 2)).isEqualTo(-9.3);
    }

    @Test
    void readsNumericColumnsIntoATable() {
        Table t = read("a,b,y\n1,2,3\n4,5,6\n");
        assertThat(t.columns()).containsExactly("a", "b", "y");
        assertThat(t.values()).isEqualTo(Matrix.of(2, 3, new double[] {1, 2, 3, 4, 5, 6}));
    }

    @Test
    void readsSharedNumericFiles() {
        Table diabetes = CsvFiles.read(SharedData.file("diabetes.csv"));
        assertThat(diabetes.rows()).isEqualTo(442);
        assertThat(diabetes.toDataset("progression").x().cols()).isEqualTo(10);
        Table cpu = CsvFiles.read(SharedData.file("cpu.arff"));
        assertThat(cpu.rows()).isEqualTo(209);
    }

    @Test
    void badCellsAreNamedByLineAndColumn() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,red\n"))
                .hasMessage("t.csv: line 3, column 'b': 'red' is not a number (this column must be numeric)");
        assertThatThrownBy(() -> read("a,b\n1,2\n3\n")).hasMessage("t.csv: line 3, column 'b': the row has 1 field "
                + "but the header has 2 (this column and those after it have no value)");
        assertThatThrownBy(() -> read("a,b\n1,\n")).hasMessage("t.csv: line 2, column 'b': the value is missing");
        assertThatThrownBy(() -> read("a,b\n1,NaN\n"))
                .hasMessage("t.csv: line 2, column 'b': 'NaN' is not a finite number");
        assertThatThrownBy(() -> read("a,b\n1,1e999\n")).hasMessageContaining("too large for a double");
        assertThatThrownBy(() -> read("a,b\n1,1d\n")).hasMessageContaining("'1d' is not a number");
        assertThatThrownBy(() -> read("")).hasMessage("t.csv: is empty: expected a header row and data rows");
        assertThatThrownBy(() -> read("a,b\n")).hasMessage("t.csv: has a header but no data rows");
        assertThatThrownBy(() -> read("a,a\n1,2\n"))
                .hasMessage("t.csv: line 1, column 'a': the header names this column twice");
    }

    @Test
    void theFirstBadCellInFileOrderIsReported() {
        assertThatThrownBy(() -> read("a,b\n1,x\n,2\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 2, column 'b': 'x' is not a number (this column must be numeric)");
    }

    @Test
    void aTargetColumnSplitsOff() {
        Dataset data = read("a,b,c\n1,2,3\n4,5,6\n").toDataset("b");
        assertThat(data.inputNames()).containsExactly("a", "c");
        assertThat(data.x().toRows()).isEqualTo(new double[][] {{1, 3}, {4, 6}});
        assertThat(data.y().toRows()).isEqualTo(new double[][] {{2}, {5}});
        assertThatThrownBy(() -> read("a,b\n1,2\n").toDataset("z"))
                .hasMessage("t.csv: no column named 'z' (columns: a, b)");
    }
}
