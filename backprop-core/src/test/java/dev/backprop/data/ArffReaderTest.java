package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArffReaderTest {
    private static Frame arff(String text) {
        return ArffReader.read(new StringReader(text), "t.arff");
    }

    private static final String HEADER = "@relation r\n@attribute x numeric\n@attribute c {a, b}\n@data\n";

    @Test
    void readsIrisWithFourNumericAttributesAndAThreeValuedClass() {
        Frame iris = DataFiles.read(SharedData.file("iris.arff"));
        assertThat(iris.rows()).isEqualTo(150);
        assertThat(iris.names()).containsExactly("sepallength", "sepalwidth", "petallength", "petalwidth", "class");
        for (int j = 0; j < 4; j++) {
            assertThat(iris.columns().get(j).type()).isEqualTo(ColumnType.NUMERIC);
            assertThat(iris.columns().get(j).missingCount()).isZero();
        }
        CategoricalColumn species = (CategoricalColumn) iris.column("class");
        assertThat(species.levels()).containsExactly("Iris-setosa", "Iris-versicolor", "Iris-virginica");
        assertThat(((NumericColumn) iris.column("petalwidth")).value(149)).isEqualTo(1.8);
        assertThat(iris.line(0)).isEqualTo(73);
    }

    @Test
    void readsVoteWithQuotedNominalValuesAndMissingCells() {
        Frame vote = DataFiles.read(SharedData.file("vote.arff"));
        assertThat(vote.rows()).isEqualTo(435);
        assertThat(vote.columns()).hasSize(17).allMatch(c -> c.type() == ColumnType.CATEGORICAL);
        assertThat(((CategoricalColumn) vote.column("handicapped-infants")).levels()).containsExactly("n", "y");
        assertThat(((CategoricalColumn) vote.column("Class")).levels()).containsExactly("democrat", "republican");
        int missing = 0;
        for (Column c : vote.columns()) {
            missing += c.missingCount();
        }
        assertThat(missing).isEqualTo(392);
        assertThat(vote.column("export-administration-act-south-africa").missingCount()).isEqualTo(104);
        assertThat(vote.column("Class").missingCount()).isZero();
        assertThat(vote.column("water-project-cost-sharing").label(0)).isEqualTo("y");
    }

    @Test
    void readsWeatherAsAllNominal() {
        Frame weather = DataFiles.read(SharedData.file("weather.nominal.arff"));
        assertThat(weather.rows()).isEqualTo(14);
        assertThat(weather.columns()).allMatch(c -> c.type() == ColumnType.CATEGORICAL);
        assertThat(((CategoricalColumn) weather.column("outlook")).levels())
                .containsExactly("sunny", "overcast", "rainy");
        assertThat(((CategoricalColumn) weather.column("play")).codes())
                .containsExactly(1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void readsCpuAsAllNumeric() {
        Frame cpu = DataFiles.read(SharedData.file("cpu.arff"));
        assertThat(cpu.rows()).isEqualTo(209);
        assertThat(cpu.columns()).hasSize(7).allMatch(c -> c.type() == ColumnType.NUMERIC);
        assertThat(((NumericColumn) cpu.column("class")).value(0)).isEqualTo(198.0);
    }

    @Test
    void keywordsAreCaseInsensitiveAndCommentsAreSkipped() {
        Frame f = arff("% a comment\n\n@RELATION 'my data' % trailing\n@Attribute 'a b' REAL\n"
                + "@ATTRIBUTE \"c\" Integer\n  @attribute d {\"x y\", 'it\\'s', z}\n@DATA\n% comment\n"
                + "1.5, 2, 'x y' % comment after a row\n\n-3,4,\"it's\"\n0,?,z\n");
        assertThat(f.names()).containsExactly("a b", "c", "d");
        assertThat(f.rows()).isEqualTo(3);
        assertThat(((CategoricalColumn) f.column("d")).levels()).containsExactly("x y", "it's", "z");
        assertThat(((CategoricalColumn) f.column("d")).codes()).containsExactly(0, 1, 2);
        assertThat(((NumericColumn) f.column("c")).isMissing(2)).isTrue();
        assertThat(f.line(0)).isEqualTo(9);
        assertThat(f.line(1)).isEqualTo(11);
    }

    @Test
    void aQuotedQuestionMarkIsAValueNotMissing() {
        Frame f = arff("@relation r\n@attribute c {'?', a}\n@data\n'?'\n?\n");
        CategoricalColumn c = (CategoricalColumn) f.column("c");
        assertThat(c.codes()).containsExactly(0, -1);
    }

    @Test
    void sparseRowsFillNumericZerosAndTheFirstNominalValue() {
        Frame f = arff("@relation r\n@attribute x numeric\n@attribute y numeric\n@attribute c {a, b}\n@data\n"
                + "{1 5, 2 b}\n{}\n{0 ?}\n1,2,a\n");
        assertThat(((NumericColumn) f.column("x")).values()).containsExactly(0, 0, Double.NaN, 1);
        assertThat(((NumericColumn) f.column("y")).values()).containsExactly(5, 0, 0, 2);
        assertThat(((CategoricalColumn) f.column("c")).codes()).containsExactly(1, 0, 0, 0);
    }

    @Test
    void refusesAnUndeclaredNominalValue() {
        assertThatThrownBy(() -> arff(HEADER + "1,a\n2,c\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 6, column 'c': 'c' is not one of the values declared for this attribute: "
                        + "{a, b}");
    }

    @Test
    void refusesRowsWithTooFewOrTooManyValues() {
        assertThatThrownBy(() -> arff(HEADER + "1\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 5, column 'c': the row has 1 value but 2 attributes are declared (this "
                        + "attribute and those after it have none)");
        assertThatThrownBy(() -> arff(HEADER + "1,a\n1,a,3,4\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 6: the row has 4 values but 2 attributes are declared");
    }

    @Test
    void refusesAnUnterminatedQuote() {
        assertThatThrownBy(() -> arff(HEADER + "1,'a\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 5, column 'c': the quote ' at character 3 is never closed (ARFF values "
                        + "cannot span lines)");
        assertThatThrownBy(() -> arff("@relation r\n@attribute 'x numeric\n@data\n1\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 2: the quote ' at character 12 is never closed (ARFF values cannot span "
                        + "lines)");
    }

    @Test
    void refusesAFileWithoutData() {
        assertThatThrownBy(() -> arff("@relation r\n@attribute x numeric\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 2: the file ends without a @data section: declare the rows after a line "
                        + "'@data'");
        assertThatThrownBy(() -> arff("@relation r\n@attribute x numeric\n@data\n% nothing\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: has a header but no rows of data after @data");
        assertThatThrownBy(() -> arff("% only comments\n\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: is empty: expected an ARFF header and @data");
        assertThatThrownBy(() -> arff("@relation r\n@data\n1\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 2: @data comes before any @attribute");
    }

    @Test
    void refusesStringAndDateAttributesWithAWayOut() {
        assertThatThrownBy(() -> arff("@relation r\n@attribute name string\n@data\n'bob'\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 2, column 'name': is a string attribute, which backprop cannot learn from; "
                        + "delete the attribute and its values, or declare it nominal with its values listed: "
                        + "{a, b, c}");
        assertThatThrownBy(() -> arff("@relation r\n@attribute when DATE \"yyyy-MM-dd\"\n@data\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("t.arff: line 2, column 'when': is a date attribute");
    }

    @Test
    void refusesBadDeclarations() {
        assertThatThrownBy(() -> arff("@relation r\n@attribute x float\n@data\n1\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 2, column 'x': unknown attribute type 'float' (allowed: numeric, real, "
                        + "integer, or nominal values {a, b, c})");
        assertThatThrownBy(() -> arff("@relation r\n@attribute x numeric\n@attribute X real\n@attribute x real\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 4, column 'x': an attribute of this name is already declared");
        assertThatThrownBy(() -> arff("@relation r\n@attribute c {a, b, a}\n@data\na\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 2, column 'c': the nominal value 'a' is declared twice");
        assertThatThrownBy(() -> arff("@relation r\n@attribute c {a, b\n@data\na\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 2, column 'c': the list of nominal values is not closed with '}'");
        assertThatThrownBy(() -> arff("@relation r\n@attrib x numeric\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 2: unknown declaration '@attrib' (expected @relation, @attribute or @data)");
        assertThatThrownBy(() -> arff("a,b,c\n1,2,3\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 1: expected @relation, @attribute or @data but found 'a,b,c'; is this an "
                        + "ARFF file?");
    }

    @Test
    void refusesNonNumbersInNumericAttributes() {
        assertThatThrownBy(() -> arff(HEADER + "abc,a\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 5, column 'x': 'abc' is not a number (the attribute is declared numeric)");
        assertThatThrownBy(() -> arff(HEADER + "NaN,a\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 5, column 'x': 'NaN' is not a finite number");
        assertThatThrownBy(() -> arff(HEADER + "1e999,a\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 5, column 'x': '1e999' is too large for a double (largest about 1.8e308)");
        assertThatThrownBy(() -> arff(HEADER + ",a\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 5, column 'x': the value is empty; write ? for a missing value");
    }

    @Test
    void refusesBadSparseRowsAndInstanceWeights() {
        assertThatThrownBy(() -> arff(HEADER + "{2 1}\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 5: sparse index 2 is outside 0..1 (2 attributes are declared)");
        assertThatThrownBy(() -> arff(HEADER + "{0 1, 0 2}\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 5, column 'x': the sparse row gives this attribute (index 0) twice");
        assertThatThrownBy(() -> arff(HEADER + "{0 1\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 5: the sparse row is not closed with '}'");
        assertThatThrownBy(() -> arff(HEADER + "1,a,{3}\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.arff: line 5: instance weights ({weight} after the values) are not supported; remove "
                        + "them");
    }

    /** Sparse and dense rows mixed, in any entry order: the frame a dense file of the same values gives. */
    @Test
    void sparseRowsInAnyOrderMixedWithDenseOnesReadAsTheDenseFile() {
        String header = "@relation r\n@attribute a numeric\n@attribute b numeric\n@attribute c {p, q}\n"
                + "@attribute d numeric\n@data\n";
        Frame sparse = arff(header + "{3 4, 1 2}\n1,2,q,3\n{}\n{2 q}\n{0 ?, 3 5}\n");
        Frame dense = arff(header + "0,2,p,4\n1,2,q,3\n0,0,p,0\n0,0,q,0\n?,0,p,5\n");
        assertThat(sparse.rows()).isEqualTo(5);
        for (String numeric : new String[] {"a", "b", "d"}) {
            assertThat(((NumericColumn) sparse.column(numeric)).values())
                    .containsExactly(((NumericColumn) dense.column(numeric)).values());
        }
        assertThat(sparse.column("c").toCategorical().codes()).containsExactly(0, 1, 0, 1, 0)
                .containsExactly(dense.column("c").toCategorical().codes());
        assertThatThrownBy(() -> arff(header + "{3 x, 0 y}\n")).hasMessageContaining("column 'a': 'y'");
    }

    /**
     * A sparse row costs what it names: the attributes it leaves out are filled once, at the end, to the exact number
     * of rows. Filling every attribute on every row grew each column by doubling (and copied it once more at the
     * end): three times the frame's bytes, which for a small file of many attributes meant gigabytes and many seconds
     * before the heap check could turn it away.
     */
    @Test
    void aSparseFileOfManyAttributesAllocatesLittleMoreThanItsFrame() {
        int m = 5_000;
        int n = 1_000;
        StringBuilder text = new StringBuilder("@relation wide\n");
        for (int j = 0; j < m; j++) {
            text.append("@attribute a").append(j).append(" numeric\n");
        }
        text.append("@data\n");
        for (int i = 0; i < n; i++) {
            text.append('{').append(i % m).append(" 1}\n");
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Frame frame = arff(text.toString());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long frameBytes = (long) m * n * Double.BYTES;
        assertThat(frame.rows()).isEqualTo(n);
        assertThat(((NumericColumn) frame.column("a7")).values()[7]).isEqualTo(1.0);
        assertThat(((NumericColumn) frame.column("a7")).values()[8]).isEqualTo(0.0);
        assertThat(allocated).as("bytes allocated reading a frame of %,d bytes", frameBytes)
                .isLessThan(frameBytes * 3 / 2);
    }
}
