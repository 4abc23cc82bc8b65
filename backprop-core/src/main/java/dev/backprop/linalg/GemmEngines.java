package dev.backprop.linalg;

/**
 * Chooses the engines once, at class initialisation: the Vector API ones when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and its preferred vectors hold at least 4 doubles, else the pure-Java
 * ones. The system property {@code backprop.engine=java} forces pure Java (for benchmarks and tests).
 */
final class GemmEngines {
    static final GemmEngine JAVA = new JavaGemm();
    static final GemmEngine BEST;
    static final VectorKernels VECTOR;

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
    }

    private GemmEngines() {
    }

    private static boolean vectorApiWanted() {
        if ("java".equals(System.getProperty("backprop.engine"))) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
