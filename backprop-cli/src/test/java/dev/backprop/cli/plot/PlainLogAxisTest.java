package dev.backprop.cli.plot;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The loss plot's logarithmic axis: ticks people read (0.2, 0.1, 0.05), never 2.51E-1, and never crowded. */
class PlainLogAxisTest {
    @Test
    void ticksAreOneTwoFiveInPlainDecimals() {
        double[] ticks = PlainLogAxis.values(0.04, 0.3);
        assertThat(ticks).containsExactly(0.05, 0.1, 0.2);
        assertThat(Arrays.stream(ticks).mapToObj(PlainLogAxis::label)).containsExactly("0.05", "0.1", "0.2");
        assertThat(PlainLogAxis.label(0.0001)).isEqualTo("0.0001");
        assertThat(PlainLogAxis.label(5000)).isEqualTo("5000");
    }

    @Test
    void crowdedTicksAreThinned() {
        // Twelve decades hold 36 ticks at 1, 2, 5: every fifth is kept.
        double[] ticks = PlainLogAxis.values(1e-9, 999);
        assertThat(ticks.length).isLessThanOrEqualTo(PlainLogAxis.MOST_TICKS).isGreaterThanOrEqualTo(4);
        assertThat(ticks[0]).isEqualTo(1e-9);
        for (double tick : ticks) {
            assertThat(PlainLogAxis.label(tick)).doesNotContain("E");
        }
    }

    @Test
    void aNarrowRangeStillHasTicks() {
        assertThat(PlainLogAxis.values(0.3, 0.45)).containsExactly(0.3, 0.4);
        assertThat(PlainLogAxis.values(0, 1)).isEmpty();
    }
}
