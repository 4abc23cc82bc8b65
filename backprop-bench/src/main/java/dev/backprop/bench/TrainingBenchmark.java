package dev.backprop.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One training epoch per workload (W1: one full-batch iteration), exactly as {@link WorkloadRunner} times it: the
 * library's {@code Backpropagation.lossAndGradient} and {@code GradientDescent.step} on consecutive batches. Parameters
 * keep training across invocations, which changes no cost. With {@code -prof gc} this shows the allocation per epoch:
 * about 0 B/op in steady state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g"})
public class TrainingBenchmark {
    @Param({"W1", "W2", "W3"})
    public String workload;

    private WorkloadTraining training;
    private int rows;

    @Setup
    public void setUp() {
        Workload w = Workload.of(workload);
        training = new WorkloadTraining(w);
        rows = w.rows();
    }

    @Benchmark
    public double[] epoch() {
        training.epoch(rows);
        return training.parameters();
    }
}
