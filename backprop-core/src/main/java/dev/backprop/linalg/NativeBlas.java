package dev.backprop.linalg;

import dev.ludovic.netlib.blas.NativeBLAS;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The machine's OpenBLAS {@code dgemm}, for products large enough that its hand-written assembly kernels pay: they
 * outrun {@link VectorGemm} there and match numpy, which calls the same library (measurements in docs/performance.md). The binding is netlib's JNI one ({@code dev.ludovic.netlib:blas}, the one Apache Spark ships): it pins the
 * Java arrays for the duration of the call instead of copying them, so the flat parameter vector and the workspaces
 * stay ordinary {@code double[]}.
 *
 * <p>Loaded once, when {@link GemmEngines} initialises: whatever library the binding's own system properties name
 * ({@code dev.ludovic.netlib.blas.nativeLibPath}, {@code dev.ludovic.netlib.blas.nativeLib}), else
 * {@code libopenblas.so.0} (Debian/Ubuntu package {@code libopenblas0}) if it is in the library path, in which case
 * {@code nativeLibPath} is set to it for the whole JVM (the binding reads nothing else). When none loads,
 * {@link #load} returns null and the pure-Java engines do everything.
 *
 * <p>OpenBLAS runs its own threads ({@code OPENBLAS_NUM_THREADS}, default: every core); backprop's {@link GemmPool}
 * is not involved. Its results are the same from run to run for a given machine and OpenBLAS thread count. Its idle
 * threads poll for about 0.1 s after each product unless {@code OPENBLAS_THREAD_TIMEOUT} is small; read only when the
 * library loads, so it cannot be set from here: the launcher and the bench scripts set it to 4, which keeps the
 * second core free for the pool's element-wise passes between products.
 */
final class NativeBlas {
    private static final String LIBRARY_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
    private static final String LIBRARY_NAME = "dev.ludovic.netlib.blas.nativeLib";
    /** Debian/Ubuntu's {@code libopenblas0}, the library numpy uses there. */
    private static final String OPENBLAS = "libopenblas.so.0";
    /** Held so the level set on it survives: the binding logs a warning about its own unused Java fallbacks. */
    private static final Logger BINDING_LOG = Logger.getLogger("dev.ludovic.netlib.blas");

    private final NativeBLAS blas;
    private final String library;

    private NativeBlas(NativeBLAS blas, String library) {
        this.blas = blas;
        this.library = library;
    }

    /**
     * Loads the native library and checks one known product.
     *
     * @return the engine, or null if no BLAS library loads or it computes a wrong product
     */
    static NativeBlas load() {
        String library;
        if (System.getProperty(LIBRARY_PATH) != null || System.getProperty(LIBRARY_NAME) != null) {
            library = System.getProperty(LIBRARY_PATH, "lib" + System.getProperty(LIBRARY_NAME) + ".so");
        } else {
            // The binding loads one library per JVM, from a system property: set it only when OpenBLAS is really
            // there, so that a JVM without it (Spark MLlib shares the binding) keeps the binding's own default.
            Path openBlas = find(OPENBLAS);
            if (openBlas == null) {
                return null;
            }
            System.setProperty(LIBRARY_PATH, openBlas.toString());
            library = OPENBLAS;
        }
        BINDING_LOG.setLevel(Level.OFF);
        try {
            NativeBlas engine = new NativeBlas(NativeBLAS.getInstance(), library);
            return engine.worksOnAKnownProduct() ? engine : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The file in the JVM's library path or LD_LIBRARY_PATH, where the dynamic linker would look too; or null. */
    private static Path find(String fileName) {
        String dirs = System.getProperty("java.library.path", "") + File.pathSeparator
                + Objects.requireNonNullElse(System.getenv("LD_LIBRARY_PATH"), "");
        for (String dir : dirs.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isReadable(Path.of(dir, fileName))) {
                return Path.of(dir, fileName).toAbsolutePath();
            }
        }
        return null;
    }

    /** [1 2; 3 4] [5 6; 7 8]ᵀ = [17 23; 39 53]: operand order, transposes and leading dimensions all matter here. */
    private boolean worksOnAKnownProduct() {
        double[] c = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        gemm(false, true, 2, 2, 2, new double[] {1, 2, 3, 4}, 0, new double[] {5, 6, 7, 8}, 0, 0.0, c, 0);
        return c[0] == 17 && c[1] == 23 && c[2] == 39 && c[3] == 53;
    }

    /**
     * As {@link Gemm#gemm} for m, n, k &gt;= 1, unchecked here: the caller has checked sizes and offsets (the
     * binding checks them again in Java before native code touches the arrays).
     */
    void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
              double beta, double[] c, int cOff) {
        // BLAS is column-major: a row-major m x n C is a column-major Cᵀ, and Cᵀ = op(B)ᵀ op(A)ᵀ, so B goes first.
        // Each operand keeps its own flag; its leading dimension is its stored row length (BLAS wants at least 1).
        blas.dgemm(transposeB ? "T" : "N", transposeA ? "T" : "N", n, m, k,
                1.0, b, bOff, Math.max(1, transposeB ? k : n), a, aOff, Math.max(1, transposeA ? m : k),
                beta, c, cOff, Math.max(1, n));
    }

    /** As {@link #gemm} in single precision: OpenBLAS's {@code sgemm}, which accumulates in float. */
    void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
              float beta, float[] c, int cOff) {
        blas.sgemm(transposeB ? "T" : "N", transposeA ? "T" : "N", n, m, k,
                1.0f, b, bOff, Math.max(1, transposeB ? k : n), a, aOff, Math.max(1, transposeA ? m : k),
                beta, c, cOff, Math.max(1, n));
    }

    /** For {@link Gemm#engine}: {@code "native:libopenblas.so.0"} and the like. */
    String name() {
        return "native:" + library;
    }
}
