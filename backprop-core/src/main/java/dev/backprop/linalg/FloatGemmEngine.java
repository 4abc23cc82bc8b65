package dev.backprop.linalg;

/**
 * {@link GemmEngine} in single precision: the same contract with float operands, each c_ij accumulated in float. A
 * blocked implementation of C += op(A) op(B) on a range of C's rows, for shapes large enough that blocking pays.
 * Arguments are as in {@link Gemm#gemm} without beta (the caller has already scaled C). Implementations must give
 * each c_ij the same sum order whatever the row range, so that splitting rows across threads never changes a bit.
 */
interface FloatGemmEngine {
    /** C[rowFrom..rowTo) += (op(A) op(B))[rowFrom..rowTo). A, B not modified; only those rows of C are. */
    void multiply(boolean transposeA, boolean transposeB, int m, int n, int k,
                  float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int rowFrom, int rowTo);

    /**
     * How many independent units packing op(B) once, for all row ranges, takes (so threads can share the packing);
     * 0 if the engine has no shared packed form, in which case the pool calls {@link #multiply} on each range.
     */
    default int packUnits(int n, int k) {
        return 0;
    }

    /** Floats the shared packed form of op(B) needs. */
    default int packedLength(int n, int k) {
        return 0;
    }

    /** Packs unit {@code unit} (of {@link #packUnits}) of op(B) into {@code packed}. B not modified. */
    default void pack(boolean transposeB, int n, int k, float[] b, int bOff, float[] packed, int unit) {
        throw new UnsupportedOperationException(name() + " has no shared packing");
    }

    /**
     * As {@link #multiply}, reading op(B) from {@code packed}, filled by {@link #pack} for every unit. Gives the same
     * bits as {@link #multiply}.
     */
    default void multiplyPacked(boolean transposeA, int m, int n, int k, float[] a, int aOff, float[] packed,
                                float[] c, int cOff, int rowFrom, int rowTo) {
        throw new UnsupportedOperationException(name() + " has no shared packing");
    }

    /**
     * Whether {@link #multiplyInto} takes a product with this op(B) and shape: engines that can multiply small products
     * straight from A and B, without packing, say so.
     */
    default boolean direct(boolean transposeB, int n, int k) {
        return false;
    }

    /**
     * C = op(A) op(B) + 1 biasᵀ, overwriting C (bias null: C = op(A) op(B)), for a shape {@link #direct} accepts. Each
     * c_ij = bias_j + (op(A) op(B))_ij with the product's bits as {@link #multiply} gives them: the same as multiplying
     * into zeros and adding the bias in a pass of its own, without those two passes over C.
     */
    default void multiplyInto(boolean transposeA, boolean transposeB, int m, int n, int k, float[] a, int aOff,
                              float[] b, int bOff, float[] bias, int biasOff, float[] c, int cOff) {
        throw new UnsupportedOperationException(name() + " multiplies nothing directly");
    }

    /** Row ranges given to one thread should start at a multiple of this. */
    int rowAlignment();

    /** A short name for logs and benchmarks, e.g. {@code "vector-512"}. */
    String name();
}
