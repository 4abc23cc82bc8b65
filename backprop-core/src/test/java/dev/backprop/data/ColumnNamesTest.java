package dev.backprop.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnNamesTest {
    private static List<String> names(int n) {
        return IntStream.range(0, n).mapToObj(i -> "c" + i).toList();
    }

    @Test
    void upToTwentyNamesAreAllListed() {
        assertThat(ColumnNames.listed(List.of())).isEmpty();
        assertThat(ColumnNames.listed(List.of("a", "b"))).isEqualTo("a, b");
        assertThat(ColumnNames.quoted(List.of("a", "b"))).isEqualTo("'a', 'b'");
        assertThat(ColumnNames.listed(names(20))).endsWith(", c18, c19").doesNotContain("more");
    }

    @Test
    void pastTwentyTheRestAreCounted() {
        assertThat(ColumnNames.listed(names(21))).isEqualTo(String.join(", ", names(20)) + " and 1 more");
        assertThat(ColumnNames.quoted(names(200_000))).startsWith("'c0', 'c1', ")
                .endsWith("'c18', 'c19' and 199,980 more").hasSizeLessThan(200);
    }

    @Test
    void aNameIsShownOnOneLineEscapedAsTheTablesShowIt() {
        assertThat(ColumnNames.quoted("a\nb")).isEqualTo("'a\\nb'");
        assertThat(ColumnNames.quoted("tab\there\r")).isEqualTo("'tab\\there\\r'");
        assertThat(ColumnNames.quoted("no\u00a0break\u0000")).isEqualTo("'no\\u00a0break\\u0000'");
        assertThat(ColumnNames.quoted("plain name")).isEqualTo("'plain name'");
        assertThat(ColumnNames.listed(List.of("a\nb", "c"))).isEqualTo("a\\nb, c");
        assertThat(ColumnNames.quoted(List.of("x\ny"))).isEqualTo("'x\\ny'");
    }
}
