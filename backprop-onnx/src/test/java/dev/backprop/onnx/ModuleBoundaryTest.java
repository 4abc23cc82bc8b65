package dev.backprop.onnx;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The ONNX exporter's place in docs/architecture.md: every class of it (its main classes, read from where
 * {@link OnnxExport} was loaded, the generated {@code dev.backprop.onnx.proto} classes included) lives in
 * {@code dev.backprop.onnx}, so Java's access rules let it use only the core's public API; and it is a library the
 * command line uses, so it uses no command line.
 */
class ModuleBoundaryTest {
    private static final JavaClasses ONNX = new ClassFileImporter()
            .importUrl(OnnxExport.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void everyClassLivesInTheOnnxPackageSoOnlyTheCoresPublicApiIsReachable() {
        classes().should().resideInAPackage("dev.backprop.onnx..")
                .because("a class in a core package would see the core's package-private members")
                .check(ONNX);
    }

    @Test
    void itUsesNoCommandLineAndNoSpark() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.backprop.cli..", "dev.backprop.command..", "dev.backprop.spark..",
                        "picocli..", "org.apache.spark..")
                .because("the command line depends on the exporter, never the other way round")
                .check(ONNX);
    }

    @Test
    void theCoreIsReachedOnlyAboveItsTrainingPackages() {
        noClasses().that().resideInAPackage("dev.backprop.onnx..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.backprop.train..", "dev.backprop.optim..", "dev.backprop.io..")
                .because("exporting reads a trained Model; it neither trains nor reads files")
                .check(ONNX);
    }
}
