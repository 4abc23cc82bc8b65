package dev.backprop.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The command line's place in docs/architecture.md: every class of this module (its main classes, read from where
 * {@link Main} was loaded) lives in {@code dev.backprop.cli}, so Java's access rules let it use only the core's
 * public API; and it is no adapter over Spark.
 */
class ModuleBoundaryTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .importUrl(Main.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void everyClassLivesInTheCliPackageSoOnlyTheCoresPublicApiIsReachable() {
        classes().should().resideInAPackage("dev.backprop.cli..")
                .because("a class in a core package would see the core's package-private members")
                .check(CLI);
    }

    @Test
    void theCliDoesNotDependOnSpark() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.backprop.spark..", "org.apache.spark..")
                .check(CLI);
    }
}
