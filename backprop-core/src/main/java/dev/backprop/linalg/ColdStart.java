package dev.backprop.linalg;

/**
 * A short-lived process's choice between the two forms of the element-wise kernels (the logistic function, dot
 * products, axpy and its row sums, scaling into, the gradient step): the JDK Vector API form, fastest once C2 has
 * compiled it but about ten times slower until then (each vector is an object and every operation calls through the
 * API's Java fallback, and C2 first compiles hundreds of those fallback methods), and the same operations lane by lane
 * in plain Java ({@link SimdLanes}), which the JIT compiles within the first calls. Both give the same bits, so the
 * choice changes only the time.
 *
 * <p>By default the Vector API form runs from the start, as a long-lived process (a server, a benchmark, Spark,
 * training over many epochs) wants. After {@link #begin()}, the plain form runs the first {@value #PLAIN_ELEMENTS}
 * elements of element-wise work and the Vector API form the rest: renting the plain form until what it has cost beyond
 * compiled vectors (a few nanoseconds per element, mostly the logistic function one lane at a time) is about what
 * getting the vectors compiled costs bounds the loss at about twice the better choice's, however long the process
 * runs. A forward pass over a data file (W2's 200,000-row {@code predict}: 38 million elements) is all plain; training
 * passes the share within a few epochs and then pays for both, so {@code train} does not begin a cold start
 * (docs/performance.md, "Third pass: cold start").
 */
public final class ColdStart {
    /** Elements of element-wise work the plain form takes after {@link #begin()}: 2^29. */
    static final long PLAIN_ELEMENTS = 1L << 29;
    /**
     * What is left of the plain form's share. Read and written without synchronisation: a lost update only moves the
     * moment the form changes, and both forms give the same bits.
     */
    private static long plainLeft;

    private ColdStart() {
    }

    /**
     * Lets the plain Java form of the element-wise kernels run this process's first {@value #PLAIN_ELEMENTS}
     * elements (see the class comment). For a command that runs a short computation once, called before it
     * computes; results are the same with or without it.
     */
    public static void begin() {
        plainLeft = PLAIN_ELEMENTS;
    }

    /**
     * Whether a kernel call over {@code elements} elements should run in plain Java; if so, counts them.
     *
     * @param elements the call's elements (multiply-adds or function values)
     * @return true while the plain form's share lasts
     */
    static boolean plain(long elements) {
        long left = plainLeft;
        if (left <= 0) {
            return false;
        }
        plainLeft = left - elements;
        return true;
    }
}
