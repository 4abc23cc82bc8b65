package dev.backprop.spark;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The Spark module's place in docs/architecture.md: every class of this module (its main classes, read from where
 * {@link SparkTrainer} was loaded) lives in {@code dev.backprop.spark}, so Java's access rules let it use only the
 * core's public API; and it does not reach into the command-line module.
 */
class ModuleBoundaryTest {
    private static final JavaClasses SPARK = new ClassFileImporter()
            .importUrl(SparkTrainer.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void everyClassLivesInTheSparkPackageSoOnlyTheCoresPublicApiIsReachable() {
        classes().should().resideInAPackage("dev.backprop.spark..")
                .because("a class in a core package would see the core's package-private members")
                .check(SPARK);
    }

    @Test
    void sparkDoesNotDependOnTheCommandLineModule() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.backprop.cli..").check(SPARK);
    }
}
