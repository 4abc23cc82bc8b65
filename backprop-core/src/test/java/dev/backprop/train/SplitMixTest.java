package dev.backprop.train;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** SplitMix must be SplittableRandom draw for draw: every pinned number in the suite depends on it. */
class SplitMixTest {
    @Test
    void drawsAndSplitsAsSplittableRandom() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            SplittableRandom expected = new SplittableRandom(seed);
            SplitMix actual = SplitMix.of(seed);
            for (int i = 0; i < 2_000; i++) {
                assertThat(actual.nextDouble()).isEqualTo(expected.nextDouble());
                int bound = 1 + (i * 7919) % 100_003;
                assertThat(actual.nextInt(bound)).isEqualTo(expected.nextInt(bound));
                assertThat(actual.nextInt(1 << (i % 31))).isEqualTo(expected.nextInt(1 << (i % 31)));
                assertThat(actual.nextLong()).isEqualTo(expected.nextLong());
            }
            SplittableRandom expectedChild = expected.split();
            SplitMix actualChild = actual.split();
            for (int i = 0; i < 1_000; i++) {
                assertThat(actualChild.nextInt(1000 + i)).isEqualTo(expectedChild.nextInt(1000 + i));
                assertThat(actualChild.nextDouble()).isEqualTo(expectedChild.nextDouble());
            }
        }
    }

    @Test
    void stateRestoresTheStreamAndSkipMatchesDraws() {
        SplitMix a = SplitMix.of(9).split();
        for (int i = 0; i < 10; i++) {
            a.nextDouble();
        }
        SplitMix b = SplitMix.fromState(a.state());
        SplitMix c = SplitMix.fromState(a.state()).skip(3);
        a.nextDouble();
        a.nextInt();
        a.nextLong();
        assertThat(b.nextDouble()).isEqualTo(SplitMix.fromState(b.state()).skip(-1).nextDouble());
        assertThat(c.nextLong()).isEqualTo(a.nextLong());
    }
}
