package dev.backprop.linalg;

/**
 * A blocked implementation of C += op(A) op(B) on a range of C's rows, for shapes large enough that blocking pays.
 * Arguments are as in {@link Gemm#gemm} without beta (the caller has already scaled C). Implementations must give
 * each c_ij the same sum order whatever the row range, so that splitting rows across threads never changes a bit.
 */
interface GemmEngine {
    /** C[rowFrom..rowTo) += (op(A) op(B))[rowFrom..rowTo). A, B not modified; only those rows of C are. */
    void multiply(boolean transposeA, boolean transposeB, int m, int n, int k,
                  double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int rowFrom, int rowTo);

    /** Row ranges given to one thread should start at a multiple of this. */
    int rowAlignment();

    /** A short name for logs and benchmarks, e.g. {@code "vector-512"}. */
    String name();
}
