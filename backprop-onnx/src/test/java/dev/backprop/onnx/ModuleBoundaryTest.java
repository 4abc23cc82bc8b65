package dev.backprop.onnx;

import dev.backprop.ModuleBoundary;
import org.junit.jupiter.api.Test;

/**
 * The ONNX exporter's place in docs/architecture.md: every class of it (its main classes, read from where
 * {@link OnnxExport} was loaded, the generated {@code dev.backprop.onnx.proto} classes included) lives in
 * {@code dev.backprop.onnx}, so Java's access rules let it use only the core's public API; and it is a library the
 * command line uses, so it uses no command line.
 */
class ModuleBoundaryTest {
    private static final ModuleBoundary ONNX = ModuleBoundary.of(OnnxExport.class, "dev.backprop.onnx");

    @Test
    void everyClassLivesInTheOnnxPackageSoOnlyTheCoresPublicApiIsReachable() {
        ONNX.requireOwnPackage();
    }

    @Test
    void itUsesNoCommandLineAndNoSpark() {
        ONNX.requireNoUseOf("the command line depends on the exporter, never the other way round",
                "dev.backprop.cli..", "dev.backprop.command..", "dev.backprop.spark..", "picocli..",
                "org.apache.spark..");
    }

    @Test
    void theCoreIsReachedOnlyAboveItsTrainingPackages() {
        ONNX.requireNoUseOf("exporting reads a trained Model; it neither trains nor reads files",
                "dev.backprop.train..", "dev.backprop.optim..", "dev.backprop.io..");
    }
}
