package dev.backprop.optim;

import dev.backprop.linalg.Gemm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** θ ← θ − η g on enough parameters that the update is shared among threads: same bits, true largest change. */
class GradientDescentTest {
    @AfterEach
    void restoreThreads() {
        Gemm.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aLargeStepIsTheSameForOneTwoAndThreeThreadsAndReportsTheLargestChange() {
        SplittableRandom random = new SplittableRandom(2);
        int size = 100_003;
        double[] start = new double[size];
        double[] gradient = new double[size];
        for (int i = 0; i < size; i++) {
            start[i] = random.nextDouble() - 0.5;
            gradient[i] = random.nextDouble() - 0.5;
        }
        gradient[77_777] = -3.0; // the largest |η g| sits in one piece only
        double[] reference = null;
        for (int threads : new int[] {1, 2, 3}) {
            Gemm.setThreads(threads);
            double[] theta = start.clone();
            double largest = new GradientDescent(0.5).step(theta, gradient);
            assertThat(largest).isEqualTo(1.5);
            assertThat(theta[77_777]).isEqualTo(start[77_777] + 1.5);
            if (reference == null) {
                reference = theta;
            } else {
                assertThat(Arrays.equals(theta, reference)).as("threads " + threads).isTrue();
            }
        }
    }

    @Test
    void aNaNGradientMakesTheLargestChangeNaNWhateverTheSize() {
        for (int size : new int[] {10, 100_000}) {
            Gemm.setThreads(2);
            double[] theta = new double[size];
            double[] gradient = new double[size];
            gradient[size - 1] = Double.NaN;
            assertThat(new GradientDescent(0.1).step(theta, gradient)).as("size " + size).isNaN();
        }
    }
}
