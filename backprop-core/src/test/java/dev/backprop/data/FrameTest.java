package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameTest {
    @Test
    void selectsRowsKeepingTheirLines() {
        Frame f = csv("a,b\n1,x\n2,y\n3,x\n");
        Frame picked = f.select(new int[] {2, 0, 2});
        assertThat(((NumericColumn) picked.column("a")).values()).containsExactly(3, 1, 3);
        assertThat(picked.column("b").label(0)).isEqualTo("x");
        assertThat(picked.line(0)).isEqualTo(4);
        assertThat(picked.line(1)).isEqualTo(2);
    }

    @Test
    void dropsColumnsByName() {
        Frame f = csv("a,b,c\n1,2,3\n");
        assertThat(f.drop(List.of("b")).names()).containsExactly("a", "c");
        assertThatThrownBy(() -> f.drop(List.of("z")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: no column named 'z' (columns: a, b, c)");
    }

    @Test
    void describesItself() {
        Frame f = csv("a,b\n1,x\n2,y\n");
        assertThat(f.toString()).isEqualTo("Frame(t.csv: 2 rows; a numeric, b categorical(2))");
        assertThat(f).isEqualTo(csv("a,b\n1,x\n2,y\n"));
    }

    @Test
    void buildsFromColumnsAndChecksThem() {
        NumericColumn a = NumericColumn.of("a", new double[] {1, Double.NaN});
        CategoricalColumn b = CategoricalColumn.of("b", List.of("x", "y"), new int[] {1, -1});
        Frame f = Frame.of(null, List.of(a, b));
        assertThat(f.rows()).isEqualTo(2);
        assertThat(f.line(0)).isZero();
        assertThat(a.missingCount()).isEqualTo(1);
        assertThat(b.label(0)).isEqualTo("y");
        assertThat(b.label(1)).isNull();
        assertThatThrownBy(() -> Frame.of(null, List.of(a, NumericColumn.of("a", new double[2]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two columns are named 'a'");
        assertThatThrownBy(() -> Frame.of(null, List.of(a, NumericColumn.of("c", new double[3]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'c' has 3 rows but the frame has 2");
        assertThatThrownBy(() -> CategoricalColumn.of("b", List.of("x"), new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'b' row 1 has code 1 but only 1 levels");
        assertThatThrownBy(() -> NumericColumn.of("n", new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNumericColumnBecomesCategoriesLabelledByValue() {
        CategoricalColumn c = NumericColumn.of("n", new double[] {2, 0.5, 2, Double.NaN}).toCategorical();
        assertThat(c.levels()).containsExactly("2", "0.5");
        assertThat(c.codes()).containsExactly(0, 1, 0, -1);
    }

    @Test
    void labelsAreCodedInOrderOfFirstAppearance() {
        CategoricalColumn c = CategoricalColumn.ofLabels("colour", new String[] {"red", null, "blue", "red", "green"});
        assertThat(c.name()).isEqualTo("colour");
        assertThat(c.levels()).containsExactly("red", "blue", "green");
        assertThat(c.codes()).containsExactly(0, -1, 1, 0, 2);
    }

    /**
     * The infinite cell of a column built in Java was named by its index, one row before the row every other message
     * names.
     */
    @Test
    void aBadCellOfAColumnBuiltInJavaIsNamedByItsRow() {
        assertThatThrownBy(() -> NumericColumn.of("height", new double[] {1.5, Double.NaN, Double.NEGATIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'height' row 3 is -Infinity: a cell is a finite number, or NaN for missing");
        assertThat(NumericColumn.of("height", new double[] {1.5, Double.NaN}).missingCount()).isEqualTo(1);
    }
}
