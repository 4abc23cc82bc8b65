package dev.backprop.linalg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Parallel#forRanges}: every index exactly once, pieces on aligned boundaries, failures reach the caller. */
class ParallelTest {
    @AfterEach
    void restoreThreads() {
        Gemm.setThreads(GemmKernels.defaultThreads());
    }

    @Test
    void runsEveryIndexOnceInAlignedPiecesForAnyThreadCount() {
        int length = 100_000 + 37; // a partial last piece
        int align = 512;
        for (int threads : new int[] {1, 2, 3}) {
            Gemm.setThreads(threads);
            AtomicIntegerArray runs = new AtomicIntegerArray(length);
            ConcurrentLinkedQueue<int[]> pieces = new ConcurrentLinkedQueue<>();
            Parallel.forRanges(length, align, (from, to) -> {
                pieces.add(new int[] {from, to});
                for (int i = from; i < to; i++) {
                    runs.incrementAndGet(i);
                }
            });
            for (int i = 0; i < length; i++) {
                assertThat(runs.get(i)).as("index " + i + ", threads " + threads).isEqualTo(1);
            }
            for (int[] piece : pieces) {
                assertThat(piece[0] % align).isZero();
                assertThat(piece[1] == length || piece[1] % align == 0).as("piece end " + piece[1]).isTrue();
            }
            assertThat(pieces.size()).as("threads " + threads).isEqualTo(threads == 1 ? 1 : 3 * threads);
        }
    }

    @Test
    void shortRangesRunOnTheCallerInOnePiece() {
        ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        Parallel.forRanges(1000, 1, (from, to) -> {
            assertThat(from).isZero();
            assertThat(to).isEqualTo(1000);
            threads.add(Thread.currentThread());
        });
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void aFailureInAPieceReachesTheCallerAndThePoolStaysUsable() {
        Gemm.setThreads(2);
        assertThatThrownBy(() -> Parallel.forRanges(1 << 16, 1024, (from, to) -> {
            if (from <= 1 << 15 && 1 << 15 < to) {
                throw new IllegalStateException("the piece holding 32768");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("the piece holding 32768");
        AtomicIntegerArray runs = new AtomicIntegerArray(1 << 16);
        Parallel.forRanges(1 << 16, 1024, (from, to) -> {
            for (int i = from; i < to; i++) {
                runs.incrementAndGet(i);
            }
        });
        for (int i = 0; i < runs.length(); i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }

    @Test
    void refusesNegativeLengthsAndAlignments() {
        assertThatThrownBy(() -> Parallel.forRanges(-1, 1, (from, to) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Parallel.forRanges(10, 0, (from, to) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
