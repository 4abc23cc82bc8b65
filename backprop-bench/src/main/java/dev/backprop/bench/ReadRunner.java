package dev.backprop.bench;

import dev.backprop.data.DataFiles;
import dev.backprop.data.Frame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times reading a data file into a {@link Frame} as the commands read it ({@link DataFiles#read(Path)}) and prints
 * {@code read FILE MB/s ROWS/s  # reps=[seconds...]}: the median of the timed repetitions after two untimed ones (the
 * first runs of a JVM read through the interpreter and C1).
 *
 * <pre>
 *   java -cp backprop-bench.jar dev.backprop.bench.ReadRunner FILE [REPS]
 * </pre>
 */
public final class ReadRunner {
    private ReadRunner() {
    }

    /**
     * Reads the file named by {@code args[0]} {@code args[1]} times (default 5) after two warm-up reads.
     *
     * @param args the file and the repetitions
     * @throws IOException if the file's size cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rows = 0;
        for (int i = 0; i < 2; i++) {
            rows = DataFiles.read(file).rows();
        }
        double[] seconds = new double[reps];
        for (int r = 0; r < reps; r++) {
            long start = System.nanoTime();
            rows = DataFiles.read(file).rows();
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[reps / 2];
        System.out.printf(Locale.ROOT, "read %s %.0f MB/s %.0f rows/s  # reps=%s%n", file.getFileName(),
                Files.size(file) / 1e6 / median, rows / median, Arrays.toString(seconds));
    }
}
