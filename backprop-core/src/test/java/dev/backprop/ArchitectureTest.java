package dev.backprop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package arrows of docs/architecture.md, checked on the core's compiled classes (tests left out):
 * linalg ← nn ← (data, optim, metrics) ← model ← train ← io. Each package may depend only on the packages below it,
 * never on one beside or above it; and no core class depends on a front end (the command lines, their
 * shared module, picocli, Spark).
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.backprop");

    @Test
    void eachPackageDependsOnlyOnThePackagesBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("linalg").definedBy("dev.backprop.linalg..")
                .layer("nn").definedBy("dev.backprop.nn..")
                .layer("data").definedBy("dev.backprop.data..")
                .layer("optim").definedBy("dev.backprop.optim..")
                .layer("metrics").definedBy("dev.backprop.metrics..")
                .layer("model").definedBy("dev.backprop.model..")
                .layer("train").definedBy("dev.backprop.train..")
                .layer("io").definedBy("dev.backprop.io..")
                .whereLayer("linalg").mayNotAccessAnyLayer()
                .whereLayer("nn").mayOnlyAccessLayers("linalg")
                .whereLayer("data").mayOnlyAccessLayers("nn", "linalg")
                .whereLayer("optim").mayOnlyAccessLayers("nn", "linalg")
                .whereLayer("metrics").mayOnlyAccessLayers("nn", "linalg")
                .whereLayer("model").mayOnlyAccessLayers("data", "optim", "metrics", "nn", "linalg")
                .whereLayer("train").mayOnlyAccessLayers("model", "data", "optim", "metrics", "nn", "linalg")
                .whereLayer("io").mayOnlyAccessLayers("train", "model", "data", "optim", "metrics", "nn", "linalg")
                .because("docs/architecture.md: each package depends only on the packages below it")
                .check(CORE);
    }

    @Test
    void nnUsesNeitherDataNorTrainingNorFiles() {
        noClasses().that().resideInAPackage("dev.backprop.nn..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.backprop.data..", "dev.backprop.model..", "dev.backprop.train..",
                        "dev.backprop.io..")
                .because("issue 14: nn depends on linalg only; the model above it joins nn and data")
                .check(CORE);
    }

    @Test
    void theCoreNeverDependsOnAFrontEnd() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.backprop.cli..", "dev.backprop.command..", "dev.backprop.spark..",
                        "dev.backprop.bench..", "org.apache.spark..", "picocli..")
                .because("the command lines (and their picocli) and Spark are adapters over the core, never the other "
                        + "way round")
                .check(CORE);
    }

    @Test
    void everyMainClassLivesInALayer() {
        assertThat(CORE.stream().map(c -> c.getPackageName()).distinct())
                .allMatch(p -> p.matches("dev\\.backprop\\.(linalg|nn|data|optim|metrics|model|train|io)(\\..*)?"),
                        "a package of the layering");
    }
}
