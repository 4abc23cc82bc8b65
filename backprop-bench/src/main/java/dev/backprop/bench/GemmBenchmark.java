package dev.backprop.bench;

import dev.backprop.linalg.Gemm;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link Gemm#gemm} on the products W1-W3 train with, named {@code T T m x n x k} (N = as stored, T = transposed):
 * forward A W, weight gradient Aᵀ δ, and δ Wᵀ, in float64 and float32 ({@code -p precision=float32} for one). Run
 * with {@code -jvmArgsAppend -Dbackprop.engine=java} for the pure-Java engine; {@code -prof gc} shows that a product
 * allocates nothing. GFLOP/s = 2 m n k / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {
    @Param({
        // W1: 2 -> 3 -> 1 on 3 rows
        "NN 3x3x2", "NN 3x1x3", "TN 3x1x3", "NT 3x3x1", "TN 2x3x3",
        // W2: 32 -> 64 -> 1, batch 256
        "NN 256x64x32", "TN 32x64x256", "NT 256x32x64", "NN 256x1x64", "TN 64x1x256", "NT 256x64x1",
        // W3: 256 -> 512 -> 512 -> 1, batch 1024
        "NN 1024x512x256", "NN 1024x512x512", "TN 512x512x1024", "NT 1024x512x512", "TN 256x512x1024",
        "NN 1024x1x512", "TN 512x1x1024", "NT 1024x512x1"})
    public String shape;

    /** The operands' type: {@code float64} ({@code double[]}) or {@code float32} ({@code float[]}). */
    @Param({"float64", "float32"})
    public String precision;

    private boolean transposeA;
    private boolean transposeB;
    private int m;
    private int n;
    private int k;
    private double[] a;
    private double[] b;
    private double[] c;
    private float[] af;
    private float[] bf;
    private float[] cf;

    @Setup
    public void setUp() {
        String[] parts = shape.split(" ");
        transposeA = parts[0].charAt(0) == 'T';
        transposeB = parts[0].charAt(1) == 'T';
        String[] sizes = parts[1].split("x");
        m = Integer.parseInt(sizes[0]);
        n = Integer.parseInt(sizes[1]);
        k = Integer.parseInt(sizes[2]);
        SplittableRandom random = new SplittableRandom(1);
        a = random.doubles((long) m * k).toArray();
        b = random.doubles((long) k * n).toArray();
        c = new double[m * n];
        af = new float[a.length];
        bf = new float[b.length];
        cf = new float[c.length];
        for (int i = 0; i < a.length; i++) {
            af[i] = (float) a[i];
        }
        for (int i = 0; i < b.length; i++) {
            bf[i] = (float) b[i];
        }
    }

    @Benchmark
    public Object gemm() {
        if (precision.equals("float32")) {
            Gemm.gemm(transposeA, transposeB, m, n, k, af, 0, bf, 0, 0.0f, cf, 0);
            return cf;
        }
        Gemm.gemm(transposeA, transposeB, m, n, k, a, 0, b, 0, 0.0, c, 0);
        return c;
    }
}
