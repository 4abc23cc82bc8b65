package dev.backprop.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shared command-line module's place in docs/architecture.md: every class of it (its main classes, read from
 * where {@link CommandRunner} was loaded) lives in {@code dev.backprop.command}, so Java's access rules let it use only
 * the core's public API; and it serves both front ends, so it uses neither.
 */
class ModuleBoundaryTest {
    private static final JavaClasses COMMAND = new ClassFileImporter()
            .importUrl(CommandRunner.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void everyClassLivesInTheCommandPackageSoOnlyTheCoresPublicApiIsReachable() {
        classes().should().resideInAPackage("dev.backprop.command..")
                .because("a class in a core package would see the core's package-private members")
                .check(COMMAND);
    }

    @Test
    void itUsesNeitherFrontEnd() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.backprop.cli..", "dev.backprop.spark..", "org.apache.spark..")
                .because("both command lines depend on it, never the other way round")
                .check(COMMAND);
    }
}
