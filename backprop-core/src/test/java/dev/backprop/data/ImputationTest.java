package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImputationTest {
    private static final List<ColumnType> NUM_CAT = List.of(ColumnType.NUMERIC, ColumnType.CATEGORICAL);

    @Test
    void fitsTheMeanOfNumericAndTheModeOfCategoricalColumns() {
        Frame train = csv("x,c\n1,b\n,a\n5,b\n3,\n");
        Imputation imputation = Imputation.fit(train, List.of("x", "c"), NUM_CAT);
        assertThat(imputation.means()).containsExactly(3.0, 0.0);
        assertThat(imputation.modes()).containsExactly(null, "b");
        Frame filled = imputation.apply(train);
        assertThat(((NumericColumn) filled.column("x")).values()).containsExactly(1, 3, 5, 3);
        assertThat(filled.column("c").label(3)).isEqualTo("b");
        assertThat(filled.column("c").missingCount()).isZero();
    }

    @Test
    void aTieGoesToTheFirstCategoryInSortedOrder() {
        Imputation imputation = Imputation.fit(csv("c\nz\ny\nz\ny\n"), List.of("c"), List.of(ColumnType.CATEGORICAL));
        assertThat(imputation.modes()).containsExactly("y");
    }

    @Test
    void fillsNewDataWithTheTrainingValuesEvenIfItsLevelsDiffer() {
        Imputation imputation = Imputation.fit(csv("x,c\n2,b\n4,b\n"), List.of("x", "c"), NUM_CAT);
        Frame filled = imputation.apply(csv("x,c\n,q\n7,\n"));
        assertThat(((NumericColumn) filled.column("x")).values()).containsExactly(3, 7);
        assertThat(((CategoricalColumn) filled.column("c")).levels()).containsExactly("q", "b");
        assertThat(filled.column("c").label(1)).isEqualTo("b");
    }

    @Test
    void aColumnWithNoValueCannotBeFilled() {
        assertThatThrownBy(() -> Imputation.fit(csv("x,y\n,1\n?,2\n"), List.of("x"), List.of(ColumnType.NUMERIC)))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv, column 'x': every value of this column is missing in the training data, so there "
                        + "is no mean to fill them with; drop the column with --ignore x");
    }

    @Test
    void roundTripsThroughItsState() {
        Imputation imputation = Imputation.fit(csv("x,c\n1,b\n,a\n5,b\n"), List.of("x", "c"), NUM_CAT);
        Imputation copy = Imputation.of(imputation.columns(), imputation.types(), imputation.means(),
                imputation.modes());
        assertThat(copy).isEqualTo(imputation).hasSameHashCodeAs(imputation);
        assertThat(copy.toString()).isEqualTo("Imputation(x=3.0, c=b)");
        assertThatThrownBy(() -> Imputation.of(List.of("x"), List.of(ColumnType.NUMERIC), new double[] {Double.NaN},
                new String[1])).isInstanceOf(IllegalArgumentException.class);
    }
}
