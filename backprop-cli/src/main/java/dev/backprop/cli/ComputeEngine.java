package dev.backprop.cli;

import dev.backprop.linalg.Gemm;

/**
 * The engine that computes this JVM's products, as far as it decides the last bits of a result: the kernels
 * ({@link Gemm#engine()}: the Vector API ones when the JVM runs with {@code --add-modules jdk.incubator.vector}, else
 * the pure-Java ones) and, when native OpenBLAS takes the largest products, its thread count, which changes how it
 * splits a product and so its rounding. backprop's own thread count ({@code --threads}) is not part of it: every
 * count gives the same bits. A checkpoint records it, so {@code --resume} can say when it continues under another.
 */
final class ComputeEngine {
    private ComputeEngine() {
    }

    /** For example {@code "vector-256"} or {@code "native:libopenblas.so.0+java, OpenBLAS threads 2"}. */
    static String current() {
        String kernels = Gemm.engine();
        return kernels.startsWith("native:") ? kernels + ", OpenBLAS threads " + openBlasThreads() : kernels;
    }

    /** The variables OpenBLAS reads, in its order of precedence; unset, it uses every processor. */
    private static String openBlasThreads() {
        for (String variable : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return Integer.toString(Runtime.getRuntime().availableProcessors());
    }
}
