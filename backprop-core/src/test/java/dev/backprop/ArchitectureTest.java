package dev.backprop;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package arrows of docs/architecture.md, checked on the core's compiled classes (tests left out):
 * linalg ← nn ← (data, optim, metrics) ← model ← train ← io. Each package may depend only on the packages below it,
 * never on one beside or above it; and no core class depends on a front end (the CLI, picocli, Spark).
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

    /**
     * Known exceptions to "no picocli in the core" (issue 14, item 3: one settings table for every front end): the
     * picocli faces of the settings table, declared once in the core so that {@code backprop train} and
     * {@code backprop-spark} share them, with picocli an optional dependency of the core. {@code ColumnOptions} and
     * {@code ModelOptions} are annotated option holders; {@code TrainingOptions} builds the training options from
     * the settings table with picocli's model API. Only these classes may use picocli (docs/architecture.md); moving
     * them into a module of their own that both command lines depend on would end the exception.
     */
    private static final String[] PICOCLI_EXCEPTIONS = {"dev.backprop.train.ColumnOptions",
            "dev.backprop.train.ModelOptions", "dev.backprop.train.TrainingOptions"};

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
                .resideInAnyPackage("dev.backprop.cli..", "dev.backprop.spark..", "dev.backprop.bench..",
                        "org.apache.spark..")
                .because("the CLI and Spark modules are adapters over the core, never the other way round")
                .check(CORE);
        noClasses().that(DescribedPredicate.describe("are not among the known exceptions",
                        (JavaClass c) -> !List.of(PICOCLI_EXCEPTIONS).contains(c.getName())))
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("the command-line library belongs to the front ends")
                .check(CORE);
    }

    @Test
    void everyMainClassLivesInALayer() {
        assertThat(CORE.stream().map(c -> c.getPackageName()).distinct())
                .allMatch(p -> p.matches("dev\\.backprop\\.(linalg|nn|data|optim|metrics|model|train|io)(\\..*)?"),
                        "a package of the layering");
    }
}
