package dev.backprop.linalg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryBudgetTest {
    @Test
    void aFixedBudgetPassesWhatFitsAndRefusesTheRestOnOneLine() {
        MemoryBudget budget = MemoryBudget.of(6L << 30);
        budget.require(6L << 30, "exactly the budget", "", "nothing");
        assertThatThrownBy(() -> budget.require(MemoryBudget.doubles(1_600_000_000L), "the network has 400,040,001 "
                + "parameters: training", "weights, gradient, Adam's two moments", "use fewer hidden layers"))
                .isInstanceOf(TooLargeException.class)
                .hasMessage("the network has 400,040,001 parameters: training needs 11.9 GB (weights, gradient, "
                        + "Adam's two moments) but the JVM may use 6.0 GB; use fewer hidden layers")
                .satisfies(e -> {
                    assertThat(((TooLargeException) e).neededBytes()).isEqualTo(12_800_000_000L);
                    assertThat(((TooLargeException) e).availableBytes()).isEqualTo(6L << 30);
                });
    }

    @Test
    void sizesSaturateInsteadOfOverflowing() {
        assertThat(MemoryBudget.times(65_536, 65_536)).isEqualTo(4_294_967_296L);
        assertThat(MemoryBudget.times(Long.MAX_VALUE / 2, 3)).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryBudget.times(1L << 32, 1L << 32)).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryBudget.doubles(Long.MAX_VALUE / 4)).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryBudget.plus(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryBudget.plus(2, 3)).isEqualTo(5);
        assertThatThrownBy(() -> MemoryBudget.of(1).require(Long.MAX_VALUE, "x", "", "y"))
                .hasMessage("x needs more than 8 EB but the JVM may use 1 bytes; y");
    }

    @Test
    void arrayLengthsStopBelowIntsRange() {
        assertThat(MemoryBudget.arrayLength(MemoryBudget.MAX_ARRAY_LENGTH, "x")).isEqualTo(Integer.MAX_VALUE - 8);
        assertThatThrownBy(() -> MemoryBudget.arrayLength(MemoryBudget.times(65_536, 65_536), "the one-hot matrix"))
                .isInstanceOf(TooLargeException.class)
                .hasMessage("the one-hot matrix would have 4,294,967,296 elements, more than one Java array can hold "
                        + "(2,147,483,639)")
                .satisfies(e -> assertThat(((TooLargeException) e).availableBytes()).isEqualTo(-1));
        assertThatThrownBy(() -> MemoryBudget.arrayLength(Long.MAX_VALUE + 1, "x"))
                .hasMessageContaining("more than 2^63");
    }

    @Test
    void sizesPrintInBinaryUnitsWithoutTheLocale() {
        assertThat(MemoryBudget.bytes(512)).isEqualTo("512 bytes");
        assertThat(MemoryBudget.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(MemoryBudget.bytes(3L << 30)).isEqualTo("3.0 GB");
        assertThat(MemoryBudget.count(20_017)).isEqualTo("20,017");
    }

    @Test
    void theHeapsBudgetIsWhatIsFreeLessTheMargins() {
        long max = Runtime.getRuntime().maxMemory();
        long available = MemoryBudget.heap().available();
        assertThat(available).isPositive().isLessThanOrEqualTo(max - max / 100 * MemoryBudget.MARGIN_PERCENT
                - ((long) MemoryBudget.RESERVE_MB << 20));
        assertThatThrownBy(() -> MemoryBudget.heap().require(max, "the whole heap", "", "ask for less"))
                .hasMessageStartingWith("the whole heap needs ").hasMessageContaining("but the JVM may use");
        assertThatThrownBy(() -> MemoryBudget.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
