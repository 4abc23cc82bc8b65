package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The numeric-only {@link CsvFiles} / {@link Table} API keeps working over the new readers. */
class CsvFilesTest {
    private static Table table(String text) {
        return CsvFiles.read(new StringReader(text), "t.csv");
    }

    @Test
    void readsNumericColumnsIntoATable() {
        Table t = table("a,b,y\n1,2,3\n4,5,6\n");
        assertThat(t.columns()).containsExactly("a", "b", "y");
        assertThat(t.values()).isEqualTo(Matrix.of(2, 3, new double[] {1, 2, 3, 4, 5, 6}));
        Dataset d = t.toDataset("y");
        assertThat(d.inputNames()).containsExactly("a", "b");
        assertThat(d.x()).isEqualTo(Matrix.of(2, 2, new double[] {1, 2, 4, 5}));
        assertThat(d.y()).isEqualTo(Matrix.of(2, 1, new double[] {3, 6}));
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
    void refusesTextAndMissingValuesAtTheirLine() {
        assertThatThrownBy(() -> table("a,b\n1,2\n3,x\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 3, column 'b': 'x' is not a number (this column must be numeric)");
        assertThatThrownBy(() -> table("a,b\n1,2\n3,\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 3, column 'b': the value is missing");
        assertThatThrownBy(() -> table("a,b\n1,x\n,2\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 2, column 'b': 'x' is not a number (this column must be numeric)");
    }
}
