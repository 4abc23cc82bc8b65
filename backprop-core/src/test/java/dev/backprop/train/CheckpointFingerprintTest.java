package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The data fingerprint is FNV-1a over every byte, whatever shortcut its zero bytes take. */
class CheckpointFingerprintTest {
    /** FNV-1a 64 over the shape and every value's 8 bytes, low byte first, one byte at a time. */
    private static long reference(Dataset data) {
        long h = 0xcbf29ce484222325L;
        long[] header = {data.x().rows(), data.x().cols(), data.y().cols()};
        for (long v : header) {
            h = bytes(h, v);
        }
        for (Matrix m : List.of(data.x(), data.y())) {
            for (double v : m.toArray()) {
                h = bytes(h, Double.doubleToLongBits(v));
            }
        }
        if (data.weights() != null) {
            for (double v : data.weights()) {
                h = bytes(h, Double.doubleToLongBits(v));
            }
        }
        return h;
    }

    private static long bytes(long h, long value) {
        for (int b = 0; b < 64; b += 8) {
            h = (h ^ ((value >>> b) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    @Test
    void everyKindOfValueHashesAsFnv1aByteByByte() {
        double[] special = {0.0, -0.0, 1.0, -1.0, 2.0, 0.5, 1e-310, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
            Double.POSITIVE_INFINITY, 3, 255, 256, 1 << 20, 0.1, Double.longBitsToDouble(0xff),
            Double.longBitsToDouble(0xff00000000000000L), Double.longBitsToDouble(0x0000ff0000ff0000L)};
        SplittableRandom random = new SplittableRandom(3);
        for (int run = 0; run < 50; run++) {
            int rows = 1 + random.nextInt(20);
            double[] x = new double[rows * 3];
            double[] y = new double[rows];
            double[] w = new double[rows];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(3) == 0 ? random.nextDouble() * 100 : special[random.nextInt(special.length)];
            }
            for (int i = 0; i < rows; i++) {
                y[i] = random.nextBoolean() ? 0 : random.nextGaussian();
                w[i] = 1 + random.nextInt(3);
            }
            Dataset data = new Dataset(List.of("a", "b", "c"), List.of("t"), Matrix.wrap(rows, 3, x),
                    Matrix.wrap(rows, 1, y), run % 2 == 0 ? null : w);
            assertThat(Checkpoint.fingerprint(data)).isEqualTo(reference(data));
        }
    }
}
