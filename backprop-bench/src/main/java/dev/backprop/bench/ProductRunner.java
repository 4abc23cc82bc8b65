package dev.backprop.bench;

import dev.backprop.linalg.Gemm;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times {@link Gemm#gemm} in float64 and float32 on W3's products and prints, per shape and precision, the GFLOP/s
 * (2 m n k / time) of the slowest, median and fastest of several timed windows, each a few products long, after an
 * untimed warm-up:
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp backprop-bench.jar dev.backprop.bench.ProductRunner [REPS [SHAPE...]]
 * </pre>
 *
 * <p>A shape is written as the products are named below, e.g. {@code "NN 256x64x32"} (N = as stored, T = transposed);
 * the default is W3's five.
 *
 * <p>Lines read {@code TA TB m x n x k precision engine min median max}. The engine is {@link Gemm#engine()}: run
 * with {@code -Dbackprop.engine=vector} for the Vector API engines alone, without it for native OpenBLAS on these
 * sizes. {@code bench/products.sh} runs both beside numpy's float64 and float32 matmul (bench/sgemm_numpy.py).
 */
public final class ProductRunner {
    /** W3 (256 → 512 → 512 → 1, batch 1024): two forward products, two weight gradients, δ sent down a layer. */
    private static final String[] SHAPES = {
        "NN 1024x512x256", "NN 1024x512x512", "TN 256x512x1024", "TN 512x512x1024", "NT 1024x512x512"};
    /** Each timed window runs products for about this long. */
    private static final double WINDOW_SECONDS = 0.15;

    private ProductRunner() {
    }

    /**
     * Prints one line per shape and precision.
     *
     * @param args optionally the number of timed windows (default 7), then the shapes (default W3's)
     */
    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        String[] shapes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : SHAPES;
        System.out.printf(Locale.ROOT, "# %-19s %-8s %-30s %8s %8s %8s  (GFLOP/s)%n", "product", "precision",
                "engine", "min", "median", "max");
        for (String shape : shapes) {
            for (String precision : new String[] {"float64", "float32"}) {
                double[] gflops = time(shape, precision.equals("float32"), reps);
                Arrays.sort(gflops);
                System.out.printf(Locale.ROOT, "%-21s %-8s %-30s %8.1f %8.1f %8.1f%n", shape, precision,
                        Gemm.engine(), gflops[0], gflops[reps / 2], gflops[reps - 1]);
            }
        }
    }

    /** GFLOP/s of each of {@code reps} windows of products of one shape, after a warm-up window. */
    private static double[] time(String shape, boolean single, int reps) {
        String[] parts = shape.split(" ");
        boolean transposeA = parts[0].charAt(0) == 'T';
        boolean transposeB = parts[0].charAt(1) == 'T';
        String[] sizes = parts[1].split("x");
        int m = Integer.parseInt(sizes[0]);
        int n = Integer.parseInt(sizes[1]);
        int k = Integer.parseInt(sizes[2]);
        SplittableRandom random = new SplittableRandom(1);
        double[] a = random.doubles((long) m * k).toArray();
        double[] b = random.doubles((long) k * n).toArray();
        double[] c = new double[m * n];
        float[] af = toFloats(a);
        float[] bf = toFloats(b);
        float[] cf = new float[m * n];
        Runnable product = single
                ? () -> Gemm.gemm(transposeA, transposeB, m, n, k, af, 0, bf, 0, 0.0f, cf, 0)
                : () -> Gemm.gemm(transposeA, transposeB, m, n, k, a, 0, b, 0, 0.0, c, 0);
        double flops = 2.0 * m * n * k;
        int perWindow = 1;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1e9) { // warm-up: compile, and size a window
            product.run();
            perWindow++;
        }
        perWindow = Math.max(1, (int) (perWindow * WINDOW_SECONDS));
        double[] gflops = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perWindow; i++) {
                product.run();
            }
            gflops[r] = flops * perWindow / (System.nanoTime() - t0);
        }
        return gflops;
    }

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
