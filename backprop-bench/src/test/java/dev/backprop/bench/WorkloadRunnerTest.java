package dev.backprop.bench;

import dev.backprop.linalg.Precision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** A seconds-long smoke test of the workload runner; the real runs belong to bench/run.sh, never to CI. */
class WorkloadRunnerTest {
    @Test
    void w1DoesTheSameArithmeticAsNumpy() {
        WorkloadTraining training = new WorkloadTraining(Workload.of("W1"));
        training.train(3, 10_000);
        // numpy-f64, torch-f64, Smile and DL4J all print 4.85214815e-05 (peer-results-2026-11-28.txt)
        assertThat(training.finalLoss()).isCloseTo(4.85214815e-05, offset(1e-9 * 4.85214815e-05 + 5e-14));
    }

    @Test
    void w1InFloat32EndsWhereTheFloat32PeersEnd() {
        WorkloadTraining training = new WorkloadTraining(Workload.of("W1"), Precision.FLOAT32);
        training.train(3, 10_000);
        // torch-f32 4.85230073e-05, numpy-f32 4.85230095e-05: float32's rounding moves J in its fifth digit
        // (float64's 4.85214815e-05), and every engine rounds differently after 10,000 steps
        assertThat(training.finalLoss()).isCloseTo(4.8523e-05, offset(2e-9));
        for (double w : training.parameters()) {
            assertThat((double) (float) w).isEqualTo(w);
        }
    }

    @Test
    void w1KeepsItsBitsInBothPrecisions() {
        // the float kernels' faster logistic (Exp.estrinExp, Exp.widened) gives every float the float of the double
        // logistic rounded, so 10,000 steps end on the bits they ended on before it, as float64's do
        WorkloadTraining float64 = new WorkloadTraining(Workload.of("W1"));
        float64.train(3, 10_000);
        assertThat(float64.finalLoss()).isEqualTo(4.8521481534566316e-05);
        WorkloadTraining float32 = new WorkloadTraining(Workload.of("W1"), Precision.FLOAT32);
        float32.train(3, 10_000);
        assertThat(float32.finalLoss()).isEqualTo(4.852310362579715e-05);
    }

    @Test
    void dataComeFromTheSharedSplitMix64Streams() {
        // first value of stream 2001 (W2's X), by the definition in peers/README.md
        long z = 2001L + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        Workload w2 = Workload.of("W2", 300);
        assertThat(w2.x()[0]).isEqualTo((z >>> 11) * 0x1.0p-53);
        assertThat(w2.y()).hasSize(300);
        assertThat(java.util.Arrays.stream(w2.y()).allMatch(y -> y > 0.0 && y < 1.0)).isTrue();
        assertThat(w2.initialParameters()).hasSize(32 * 64 + 64 + 64 + 1);
    }

    @Test
    void printsThePeersRowFormat() {
        String row = WorkloadRunner.run(Workload.of("W2", 600), 1, "backprop");
        assertThat(row).matches("backprop +W2 +\\d+\\.\\d{4} +\\d+\\.\\d +\\d+\\.\\d{3} +\\d\\.\\d{8}e[-+]\\d{2}"
                + "  # reps=\\[.*");
    }
}
