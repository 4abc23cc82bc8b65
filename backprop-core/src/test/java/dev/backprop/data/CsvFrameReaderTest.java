package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvFrameReaderTest {
    private static Frame csv(String text) {
        return CsvFrameReader.read(new StringReader(text), "t.csv", null);
    }

    private static Frame csv(String text, char delimiter) {
        return CsvFrameReader.read(new StringReader(text), "t.csv", delimiter);
    }

    @Test
    void readsIrisWithFourNumericColumnsAndACategoricalSpecies() {
        Frame iris = DataFiles.read(SharedData.file("iris.csv"));
        assertThat(iris.rows()).isEqualTo(150);
        assertThat(iris.names()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width",
                "species");
        for (int j = 0; j < 4; j++) {
            assertThat(iris.columns().get(j).type()).isEqualTo(ColumnType.NUMERIC);
        }
        CategoricalColumn species = (CategoricalColumn) iris.column("species");
        assertThat(species.levels()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(((NumericColumn) iris.column("sepal_length")).value(0)).isEqualTo(5.1);
        assertThat(iris.line(0)).isEqualTo(2);
        assertThat(iris.line(149)).isEqualTo(151);
    }

    @Test
    void readsBreastCancerAndDiabetes() {
        Frame cancer = DataFiles.read(SharedData.file("breast_cancer.csv"));
        assertThat(cancer.rows()).isEqualTo(569);
        assertThat(cancer.columns()).hasSize(31);
        assertThat(((CategoricalColumn) cancer.column("diagnosis")).levels())
                .containsExactlyInAnyOrder("benign", "malignant");
        Frame diabetes = DataFiles.read(SharedData.file("diabetes.csv"));
        assertThat(diabetes.rows()).isEqualTo(442);
        assertThat(diabetes.columns()).allMatch(c -> c.type() == ColumnType.NUMERIC);
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() {
        Frame f = csv("name,note,x\r\n\"Smith, J\",\"said \"\"hi\"\"\",1\r\n\"a\nb\",plain,2\r\nc,d,3\r\n");
        assertThat(f.rows()).isEqualTo(3);
        assertThat(f.column("name").label(0)).isEqualTo("Smith, J");
        assertThat(f.column("note").label(0)).isEqualTo("said \"hi\"");
        assertThat(f.column("name").label(1)).isEqualTo("a\nb");
        assertThat(f.line(1)).isEqualTo(3);
        assertThat(f.line(2)).isEqualTo(5);
        assertThat(((NumericColumn) f.column("x")).values()).containsExactly(1, 2, 3);
    }

    @Test
    void dropsAByteOrderMarkAndSkipsEmptyLines() {
        Frame f = csv("\uFEFFa,b\n\n1,2\n   \n3,4\n\n");
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(f.rows()).isEqualTo(2);
        assertThat(f.line(1)).isEqualTo(5);
    }

    @Test
    void missingCellsAreEmptyQuestionMarkOrNa() {
        Frame f = csv("a,b\n1,x\n,y\n?,NA\n NA ,z\n4,\n");
        NumericColumn a = (NumericColumn) f.column("a");
        assertThat(a.missingCount()).isEqualTo(3);
        assertThat(a.value(0)).isEqualTo(1.0);
        assertThat(a.isMissing(1)).isTrue();
        CategoricalColumn b = (CategoricalColumn) f.column("b");
        assertThat(b.missingCount()).isEqualTo(2);
        assertThat(b.levels()).containsExactly("x", "y", "z");
        assertThat(b.code(2)).isEqualTo(-1);
    }

    private static Frame csv(String text, ReadOptions options) {
        return CsvFrameReader.readWith(new StringReader(text), "t.csv", options);
    }

    @Test
    void aColumnWithTextIsCategoricalAndNumbersInItAreCanonicalLabels() {
        Frame f = csv("c\n1\n1.0\n2.5\nred\n1e0\n01\n", ReadOptions.DEFAULT.withMixedColumns(true));
        CategoricalColumn c = (CategoricalColumn) f.column("c");
        assertThat(c.levels()).containsExactly("1", "2.5", "red");
        assertThat(c.codes()).containsExactly(0, 0, 1, 2, 0, 0);
    }

    @Test
    void aColumnAtLeastHalfNumbersWithSomeTextIsRefusedAtItsFirstText() {
        assertThatThrownBy(() -> csv("a\n4\nfive\n6\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 3, column 'a': 'five' is not a number, but 2 of the column's 3 values are: "
                        + "fix the cell, leave it empty (a missing value, see --missing), or declare the column "
                        + "categorical with --categorical a");
        assertThat(csv("a\nred\nblue\n3\n").column("a")).isInstanceOf(CategoricalColumn.class);
    }

    @Test
    void aDecimalCommaIsNamedAsSuch() {
        assertThatThrownBy(() -> csv("a;b\n1;2\n3,14;4\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("t.csv: line 3, column 'a': '3,14' looks like a number written with a "
                        + "decimal comma, but numbers need a decimal point ('3.14')");
    }

    @Test
    void aCharacterThatPrintsAsNothingOrASpaceIsShownByItsCode() {
        // A no-break space (pasted from a web page) and a byte-order mark in the middle of a file: the message read
        // "' 0.5' is not a number" and "'0.5' is not a number", which a user cannot act on.
        assertThatThrownBy(() -> csv("a,b\n1,2\n3,4\n\u00a00.5,6\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("t.csv: line 4, column 'a': '\\u00a00.5' is not a number, but 2 of the");
        assertThatThrownBy(() -> csv("a,b\n1,2\n3,4\n\ufeff0.5,6\n"))
                .hasMessageStartingWith("t.csv: line 4, column 'a': '\\ufeff0.5' is not a number");
    }

    @Test
    void aRowWiderThanTheQuotedParserTakesSaysSoAndWhatReadsIt() {
        // The message was "not valid CSV: Maximum number of fields exceeded: 16384", of a valid file.
        String header = "\"a\"," + "x,".repeat(16_400) + "y\n";
        assertThatThrownBy(() -> csv(header + "1," + "2,".repeat(16_400) + "3\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: a row has more than 16,384 fields, the most this parser takes; it reads "
                        + "files with quotes or text beyond ASCII, and a file of plain ASCII without quotes is read at "
                        + "any width");
    }

    @Test
    void aThousandsSeparatorIsNotMistakenForADecimalComma() {
        // 741,786 is 741786 as often as 741.786: the advice to write '741.786' alone would divide it by 1000.
        assertThatThrownBy(() -> csv("a;b\n1;2\n741,786;4\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("t.csv: line 3, column 'a': '741,786' looks like a number written with a "
                        + "thousands separator or a decimal comma, but numbers are written with neither ('741786' or "
                        + "'741.786')");
        // Two separators can only be thousands; such a column was read as text (one-hot categories) without a word.
        assertThatThrownBy(() -> csv("a;b\n1,234,567;2\n2,500,000;4\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("t.csv: line 2, column 'a': '1,234,567' looks like a number written with "
                        + "thousands separators, but numbers are written without them ('1234567')");
        assertThat(csv("a;b\n1,2,3;2\n4,5,6;4\n").column("a")).isInstanceOf(CategoricalColumn.class);
    }

    @Test
    void textAfterAClosingQuoteIsRefusedInAnyColumn() {
        assertThatThrownBy(() -> csv("a,c\n1,x\n\"9\"x,y\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("t.csv: line 3, column 'a': a quoted value is followed by more text");
        assertThatThrownBy(() -> csv("a,c\n1,x\n2,\"y\"z\n"))
                .hasMessageStartingWith("t.csv: line 3, column 'c': a quoted value is followed by more text");
        assertThat(csv("a,c\n\"1\" ,\"x\"\"y\"\n").column("c").label(0)).isEqualTo("x\"y");
    }

    @Test
    void declaredCategoricalColumnsAndMixedColumnsAreRead() {
        ReadOptions declared = ReadOptions.DEFAULT.withCategorical(java.util.Set.of("a"));
        CategoricalColumn a = (CategoricalColumn) csv("a,b\n4,1\nfive,2\n4.0,3\n", declared).column("a");
        assertThat(a.levels()).containsExactly("4", "five");
        assertThat(csv("a,b\n1,1\n2,2\n", declared).column("a")).isInstanceOf(CategoricalColumn.class);
        assertThat(csv("a\n4\nfive\n", ReadOptions.DEFAULT.withMixedColumns(true)).column("a"))
                .isInstanceOf(CategoricalColumn.class);
        // names the file lacks are the caller's to refuse (an ignored column may be named before the header is known)
        assertThat(csv("a\n1\n", ReadOptions.DEFAULT.withCategorical(java.util.Set.of("b"))).names())
                .containsExactly("a");
    }

    @Test
    void valuesAreStrippedAndNumbersAreLocaleFree() {
        Frame f = csv("a , b\n 1.5 , -2e3\n+.5,7.\n");
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(((NumericColumn) f.column("a")).values()).containsExactly(1.5, 0.5);
        assertThat(((NumericColumn) f.column("b")).values()).containsExactly(-2000, 7);
    }

    @Test
    void nanAndInfinityAreCategoriesInATextColumn() {
        Frame f = csv("who\nNan\nbob\nInf\n");
        assertThat(((CategoricalColumn) f.column("who")).levels()).containsExactly("Nan", "bob", "Inf");
    }

    @Test
    void detectsTabSemicolonAndPipeFromTheHeader() {
        assertThat(csv("a\tb\n1\t2\n").names()).containsExactly("a", "b");
        assertThat(csv("a;b;c\n1.5;2;3\n").names()).containsExactly("a", "b", "c");
        assertThat(csv("a|b\n1|2\n").names()).containsExactly("a", "b");
        assertThat(csv("just_one\n1\n2\n").names()).containsExactly("just_one");
    }

    @Test
    void aDelimiterInsideQuotesDoesNotCount() {
        Frame f = csv("\"x,y\";z\n1;2\n");
        assertThat(f.names()).containsExactly("x,y", "z");
    }

    @Test
    void theRowsSettleAHeaderWithTwoCandidates() {
        Frame f = csv("a;b,c;d\n1;2;3\n4;5;6\n");
        assertThat(f.names()).containsExactly("a", "b,c", "d");
    }

    @Test
    void refusesToGuessWhenTheHeaderIsAmbiguous() {
        assertThatThrownBy(() -> csv("a;b,c\n1;2,3\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 1: cannot tell the delimiter: the header line holds ',' and ';' and the rows "
                        + "do not settle which separates the columns; name it with --delimiter (for example "
                        + "--delimiter ';')");
    }

    @Test
    void anExplicitDelimiterWins() {
        Frame f = csv("a;b,c\n1;x,y\n", ';');
        assertThat(f.names()).containsExactly("a", "b,c");
        assertThat(f.column("b,c").label(0)).isEqualTo("x,y");
    }

    @Test
    void refusesARowWithTooFewFields() {
        assertThatThrownBy(() -> csv("a,b,c\n1,2,3\n4,5\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 3, column 'c': the row has 2 fields but the header has 3 (this column and "
                        + "those after it have no value)");
    }

    @Test
    void refusesARowWithTooManyFields() {
        assertThatThrownBy(() -> csv("a,b\n1,2\n3,4,5\n6,7\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 3: the row has 3 fields but the header has 2 (field 3 is extra; is a value "
                        + "with the delimiter missing its quotes?)");
    }

    @Test
    void refusesAnUnterminatedQuoteWhereItOpened() {
        assertThatThrownBy(() -> csv("a,b\n1,2\n3,\"oops\n4,5\n6,7\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 3, column 'b': a quote opened here is never closed, so the rest of the file "
                        + "would be one value; add the closing \"");
        assertThatThrownBy(() -> csv("a,b\n\"1,2\n3,4\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("t.csv: line 2, column 'a': a quote opened here is never closed");
    }

    @Test
    void refusesAnEmptyFileAndAHeaderWithoutRows() {
        assertThatThrownBy(() -> csv("")).isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: is empty: expected a header row and data rows");
        assertThatThrownBy(() -> csv("\n  \r\n")).isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: is empty: expected a header row and data rows");
        assertThatThrownBy(() -> csv("a,b\n")).isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: has a header but no data rows");
        assertThatThrownBy(() -> csv("\uFEFFa,b\r\n\r\n")).isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: has a header but no data rows");
    }

    @Test
    void refusesDuplicateAndEmptyColumnNames() {
        assertThatThrownBy(() -> csv("a,b,a\n1,2,3\n")).isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 1, column 'a': the header names this column twice");
        assertThatThrownBy(() -> csv("a,,c\n1,2,3\n")).isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 1: header field 2 is empty: every column needs a name");
    }

    @Test
    void refusesNanAndInfinityInANumericColumn() {
        assertThatThrownBy(() -> csv("a,b\n1,2\n3,NaN\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 3, column 'b': 'NaN' is not a finite number");
        assertThatThrownBy(() -> csv("a,b\n1,-Infinity\n3,inf\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 2, column 'b': '-Infinity' is not a finite number");
    }

    @Test
    void refusesANumberTooLargeForADouble() {
        assertThatThrownBy(() -> csv("a\n1\n2e400\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("t.csv: line 3, column 'a': '2e400' is too large for a double (largest about 1.8e308)");
    }

    @Test
    void hexAndJavaSuffixesAreNotNumbers() {
        Frame f = csv("a\n0x10\n1d\n");
        assertThat(f.column("a").type()).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void readsTenThousandColumns() {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 10_000; j++) {
            sb.append(j == 0 ? "" : ",").append("c").append(j);
        }
        sb.append('\n');
        for (int j = 0; j < 10_000; j++) {
            sb.append(j == 0 ? "" : ",").append(j);
        }
        sb.append('\n');
        Frame f = csv(sb.toString());
        assertThat(f.columns()).hasSize(10_000);
        assertThat(((NumericColumn) f.column("c9999")).value(0)).isEqualTo(9999.0);
    }

    @Test
    void nonAsciiNamesAndValuesRoundTrip() {
        Frame f = csv("größe,städt\n1,Zürich\n2,東京\n");
        assertThat(f.names()).containsExactly("größe", "städt");
        assertThat(((CategoricalColumn) f.column("städt")).levels()).isEqualTo(List.of("Zürich", "東京"));
    }
}
