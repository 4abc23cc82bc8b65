package dev.backprop.linalg;

/**
 * Chooses the engines once, at class initialisation, for both precisions: the Vector API ones when the JVM was
 * started with {@code --add-modules jdk.incubator.vector} and its preferred vectors hold at least 4 doubles, else the
 * pure-Java ones; and, for the largest products, the machine's OpenBLAS ({@link NativeBlas}) when it loads. The system property
 * {@code backprop.engine} narrows the choice (for benchmarks, tests and bit-for-bit reproducibility across machines):
 * {@code java} forces pure Java, {@code vector} the Vector API engines without native code.
 */
final class GemmEngines {
    static final GemmEngine JAVA = new JavaGemm();
    static final GemmEngine BEST;
    static final VectorKernels VECTOR;
    static final FloatGemmEngine FLOAT_JAVA = new FloatJavaGemm();
    static final FloatGemmEngine FLOAT_BEST;
    static final FloatVectorKernels FLOAT_VECTOR;
    /** OpenBLAS for the largest products, or null (not installed, or not wanted). */
    static final NativeBlas NATIVE;

    static {
        GemmEngine gemm = JAVA;
        VectorKernels vector = VectorKernels.SCALAR;
        FloatGemmEngine floatGemm = FLOAT_JAVA;
        FloatVectorKernels floatVector = FloatVectorKernels.SCALAR;
        if (vectorApiWanted()) {
            try {
                gemm = (GemmEngine) instance("VectorGemm");
                vector = (VectorKernels) instance("SimdKernels");
                floatGemm = (FloatGemmEngine) instance("FloatVectorGemm");
                floatVector = (FloatVectorKernels) instance("FloatSimdKernels");
            } catch (ReflectiveOperationException | LinkageError e) {
                gemm = JAVA;
                vector = VectorKernels.SCALAR;
                floatGemm = FLOAT_JAVA;
                floatVector = FloatVectorKernels.SCALAR;
            }
        }
        BEST = gemm;
        VECTOR = vector;
        FLOAT_BEST = floatGemm;
        FLOAT_VECTOR = floatVector;
        NATIVE = nativeWanted() ? NativeBlas.load() : null;
    }

    private GemmEngines() {
    }

    /** A new instance of the Vector API class of this name, loaded only now so that the library loads without it. */
    private static Object instance(String simpleName) throws ReflectiveOperationException {
        return Class.forName("dev.backprop.linalg." + simpleName).getDeclaredConstructor().newInstance();
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
