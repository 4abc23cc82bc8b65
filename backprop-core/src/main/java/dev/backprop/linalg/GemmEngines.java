package dev.backprop.linalg;

/**
 * Chooses the engines once, at class initialisation: the Vector API ones when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and its preferred vectors hold at least 4 doubles, else the pure-Java
 * ones. The system property {@code backprop.engine=java} forces pure Java (for benchmarks and tests).
 */
final class GemmEngines {
    static final GemmEngine JAVA = new JavaGemm();
    static final GemmEngine BEST;
    static final LogisticKernel LOGISTIC;

    static {
        GemmEngine gemm = JAVA;
        LogisticKernel logistic = LogisticKernel.SCALAR;
        if (vectorApiWanted()) {
            try {
                gemm = (GemmEngine) Class.forName("dev.backprop.linalg.VectorGemm").getDeclaredConstructor()
                        .newInstance();
                logistic = (LogisticKernel) Class.forName("dev.backprop.linalg.VectorLogistic")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                gemm = JAVA;
                logistic = LogisticKernel.SCALAR;
            }
        }
        BEST = gemm;
        LOGISTIC = logistic;
    }

    private GemmEngines() {
    }

    /** The engine named {@code "java"} or the best one otherwise, for tests and benchmarks. */
    static GemmEngine named(String name) {
        return "java".equals(name) ? JAVA : BEST;
    }

    private static boolean vectorApiWanted() {
        if ("java".equals(System.getProperty("backprop.engine"))) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
