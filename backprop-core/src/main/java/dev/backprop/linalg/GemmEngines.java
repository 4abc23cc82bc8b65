package dev.backprop.linalg;

/**
 * Chooses the engines once, at class initialisation: the Vector API ones when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and its preferred vectors hold at least 4 doubles, else the pure-Java
 * ones; and, for the largest products, the machine's OpenBLAS ({@link NativeBlas}) when it loads. The system property
 * {@code backprop.engine} narrows the choice (for benchmarks, tests and bit-for-bit reproducibility across machines):
 * {@code java} forces pure Java, {@code vector} the Vector API engines without native code.
 */
final class GemmEngines {
    static final GemmEngine JAVA = new JavaGemm();
    static final GemmEngine BEST;
    static final VectorKernels VECTOR;
    /** OpenBLAS for the largest products, or null (not installed, or not wanted). */
    static final NativeBlas NATIVE;

    static {
        GemmEngine gemm = JAVA;
        VectorKernels vector = VectorKernels.SCALAR;
        if (vectorApiWanted()) {
            try {
                gemm = (GemmEngine) Class.forName("dev.backprop.linalg.VectorGemm").getDeclaredConstructor()
                        .newInstance();
                vector = (VectorKernels) Class.forName("dev.backprop.linalg.SimdKernels")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                gemm = JAVA;
                vector = VectorKernels.SCALAR;
            }
        }
        BEST = gemm;
        VECTOR = vector;
        NATIVE = nativeWanted() ? NativeBlas.load() : null;
    }

    private GemmEngines() {
    }

    private static boolean nativeWanted() {
        String engine = System.getProperty("backprop.engine");
        return !"java".equals(engine) && !"vector".equals(engine);
    }

    private static boolean vectorApiWanted() {
        if ("java".equals(System.getProperty("backprop.engine"))) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
