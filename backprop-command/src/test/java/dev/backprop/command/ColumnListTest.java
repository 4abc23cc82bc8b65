package dev.backprop.command;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Column names that hold a comma, given to a list option in double quotes, as picocli splits them. */
class ColumnListTest {
    static final class Options {
        @Mixin
        ColumnOptions columns;
        @Mixin
        KeepOption keep;
    }

    @Test
    void aQuotedNameKeepsItsCommaAndLosesItsQuotes() {
        Options options = new Options();
        new CommandLine(options).parseArgs("--ignore", "\"Income, USD\",id", "--keep", "\"a,1\"");
        assertThat(options.columns.ignored()).containsExactly("Income, USD", "id");
        assertThat(options.keep.columns()).containsExactly("a,1");
    }

    @Test
    void joinedGivesTheNamesBack() {
        List<String> names = List.of("Income, USD", "id", "x");
        assertThat(ColumnList.joined(names)).isEqualTo("\"Income, USD\",id,x");
        Options options = new Options();
        new CommandLine(options).parseArgs("--ignore", ColumnList.joined(names));
        assertThat(options.columns.ignored()).isEqualTo(names);
        assertThat(ColumnList.names(List.of("\"", "plain", "\"\""))).containsExactly("\"", "plain", "");
    }
}
