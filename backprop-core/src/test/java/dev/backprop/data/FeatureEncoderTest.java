package dev.backprop.data;

import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.backprop.data.Frames.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureEncoderTest {
    private static final List<String> WEATHER_INPUTS = List.of("outlook", "temperature", "humidity", "windy");

    @Test
    void oneHotEncodesWeatherWithSortedCategoriesAndExpandedNames() {
        Frame weather = DataFiles.read(SharedData.file("weather.nominal.arff"));
        FeatureEncoder encoder = FeatureEncoder.fit(weather, WEATHER_INPUTS);
        assertThat(encoder.width()).isEqualTo(10);
        assertThat(encoder.outputNames()).containsExactly("outlook=overcast", "outlook=rainy", "outlook=sunny",
                "temperature=cool", "temperature=hot", "temperature=mild", "humidity=high", "humidity=normal",
                "windy=FALSE", "windy=TRUE");
        Matrix x = encoder.encode(weather).x();
        assertThat(x.rows()).isEqualTo(14);
        // sunny, hot, high, FALSE
        assertThat(x.row(0)).containsExactly(0, 0, 1, 0, 1, 0, 1, 0, 1, 0);
        // rainy, mild, high, TRUE (the last row)
        assertThat(x.row(13)).containsExactly(0, 1, 0, 0, 0, 1, 1, 0, 0, 1);
        for (int i = 0; i < 14; i++) {
            double sum = 0;
            for (double v : x.row(i)) {
                sum += v;
            }
            assertThat(sum).isEqualTo(4.0);
        }
    }

    /** Rows past several copy tiles, numbers between categories: every cell where the encoding puts it. */
    @Test
    void everyCellLandsInItsPlaceAcrossCopyTiles() {
        int n = 1_300;
        StringBuilder text = new StringBuilder("a,c,b,d,y\n");
        for (int i = 0; i < n; i++) {
            text.append(i * 0.5).append(",k").append(i % 3).append(',').append(-i).append(',').append(i % 7 * 0.25)
                    .append(",0\n");
        }
        Frame f = csv(text.toString());
        FeatureEncoder encoder = FeatureEncoder.fit(f, List.of("a", "c", "b", "d"));
        Matrix x = encoder.encode(f).x();
        assertThat(encoder.outputNames()).containsExactly("a", "c=k0", "c=k1", "c=k2", "b", "d");
        for (int i = 0; i < n; i++) {
            double[] expected = {i * 0.5, i % 3 == 0 ? 1 : 0, i % 3 == 1 ? 1 : 0, i % 3 == 2 ? 1 : 0, -i, i % 7 * 0.25};
            assertThat(x.row(i)).as("row %d", i).containsExactly(expected);
        }
    }

    @Test
    void numericColumnsPassThroughBesideOneHotOnes() {
        Frame f = csv("size,color,y\n1.5,red,0\n-2,blue,1\n3,red,0\n");
        FeatureEncoder encoder = FeatureEncoder.fit(f, List.of("size", "color"));
        assertThat(encoder.outputNames()).containsExactly("size", "color=blue", "color=red");
        assertThat(encoder.encode(f).x()).isEqualTo(Matrix.of(new double[][] {{1.5, 0, 1}, {-2, 1, 0}, {3, 0, 1}}));
    }

    @Test
    void anUnseenCategoryEncodesAsZerosAndIsCounted() {
        FeatureEncoder encoder = FeatureEncoder.fit(csv("color,n\nred,1\nblue,2\n"), List.of("color", "n"));
        EncodedFeatures encoded = encoder.encode(csv("n,color,extra\n5,green,x\n6,red,y\n7,purple,z\n"));
        assertThat(encoded.x()).isEqualTo(Matrix.of(new double[][] {{0, 0, 5}, {0, 1, 6}, {0, 0, 7}}));
        assertThat(encoded.unseenCategories()).containsEntry("color", 2).hasSize(1);
        assertThat(encoded.unseenCount()).isEqualTo(2);
    }

    @Test
    void categoriesSortNumbersByValueBeforeText() {
        FeatureEncoder encoder = FeatureEncoder.fit(csv("c\n10\nx\n2\nB\na\n2\n"), List.of("c"));
        assertThat(encoder.categories().get(0)).containsExactly("2", "10", "B", "a", "x");
    }

    @Test
    void aCategoricalColumnMayArriveAsNumbersAndANumericOneAsNominalNumbers() {
        FeatureEncoder encoder = FeatureEncoder.fit(csv("code,v\n1,1\nA,2\n"), List.of("code", "v"));
        EncodedFeatures fromNumbers = encoder.encode(csv("code,v\n1.0,3\n"));
        assertThat(fromNumbers.x()).isEqualTo(Matrix.of(new double[][] {{1, 0, 3}}));
        Frame nominalNumbers = ArffReader.read(new java.io.StringReader(
                "@relation r\n@attribute code {A}\n@attribute v {1, 2.5}\n@data\nA,2.5\n"), "t.arff");
        assertThat(encoder.encode(nominalNumbers).x()).isEqualTo(Matrix.of(new double[][] {{0, 1, 2.5}}));
    }

    @Test
    void refusesTextInAColumnThatWasNumeric() {
        FeatureEncoder encoder = FeatureEncoder.fit(csv("v\n1\n2\n"), List.of("v"));
        assertThatThrownBy(() -> encoder.encode(csv("v\n1\n2\nbig\n")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 4, column 'v': 'big' is not a number, but this column was numeric in the "
                        + "training data");
    }

    @Test
    void refusesMissingColumnsAndCells() {
        FeatureEncoder encoder = FeatureEncoder.fit(csv("a,b,c\n1,2,3\n"), List.of("a", "b", "c"));
        assertThatThrownBy(() -> encoder.encode(csv("b\n1\n")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: no columns named 'a', 'c' (columns: b)");
        assertThatThrownBy(() -> encoder.encode(csv("a,b,c\n1,,3\n")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 2, column 'b': 1 value is missing in this column (line 2); fill them or drop "
                        + "those rows before encoding (see MissingPolicy)");
    }

    @Test
    void roundTripsThroughItsState() {
        Frame weather = DataFiles.read(SharedData.file("weather.nominal.arff"));
        FeatureEncoder encoder = FeatureEncoder.fit(weather, WEATHER_INPUTS);
        FeatureEncoder copy = FeatureEncoder.of(encoder.columns(), encoder.types(), encoder.categories());
        assertThat(copy).isEqualTo(encoder).hasSameHashCodeAs(encoder);
        assertThat(copy.encode(weather)).isEqualTo(encoder.encode(weather));
        assertThat(copy.toString()).isEqualTo("FeatureEncoder(outlook{overcast, rainy, sunny}, temperature{cool, "
                + "hot, mild}, humidity{high, normal}, windy{FALSE, TRUE} -> 10 columns)");
    }

    @Test
    void ofChecksItsState() {
        assertThatThrownBy(() -> FeatureEncoder.of(List.of("a"), List.of(ColumnType.NUMERIC), List.of(List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numeric column 'a' cannot have categories");
        assertThatThrownBy(() -> FeatureEncoder.of(List.of("a"), List.of(ColumnType.CATEGORICAL), List.of(List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("categorical column 'a' has no categories");
    }

    /**
     * A numeric column named "a=b" beside category "b" of column "a" gave two inputs one name: the model could list
     * its inputs only ambiguously. It is refused naming both sources, whichever comes first.
     */
    @Test
    void twoInputsThatWouldShareANameAreRefused() {
        Frame frame = csv("a,a=b,y\nb,1,1\nc,2,2\n");
        assertThatThrownBy(() -> FeatureEncoder.fit(frame, List.of("a", "a=b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("category 'b' of column 'a' and column 'a=b' would both be the input 'a=b': rename one of "
                        + "the columns");
        assertThatThrownBy(() -> FeatureEncoder.of(List.of("x=1", "x"),
                List.of(ColumnType.NUMERIC, ColumnType.CATEGORICAL), List.of(List.of(), List.of("0", "1"))))
                .hasMessageStartingWith("column 'x=1' and category '1' of column 'x' would both be the input 'x=1'");
        assertThat(FeatureEncoder.fit(frame, List.of("a", "y")).outputNames()).containsExactly("a=b", "a=c", "y");
    }
}
