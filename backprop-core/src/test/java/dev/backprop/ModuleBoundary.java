package dev.backprop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules every module over the core keeps (docs/architecture.md), for its {@code ModuleBoundaryTest}: each of its
 * main classes lives in the module's own package, so Java's access rules let it use only the core's public API; and
 * it uses none of the packages it stands beside. Written once here, in the core's test jar, which the modules' tests
 * depend on.
 */
public final class ModuleBoundary {
    private final JavaClasses classes;
    private final String ownPackage;

    private ModuleBoundary(JavaClasses classes, String ownPackage) {
        this.classes = classes;
        this.ownPackage = ownPackage;
    }

    /**
     * The main classes of the module {@code anyClass} was loaded from (its jar or classes directory).
     *
     * @param anyClass   one of the module's main classes
     * @param ownPackage the package every class of the module must live in (or below)
     * @return the module's boundary
     */
    public static ModuleBoundary of(Class<?> anyClass, String ownPackage) {
        return new ModuleBoundary(new ClassFileImporter()
                .importUrl(anyClass.getProtectionDomain().getCodeSource().getLocation()), ownPackage);
    }

    /** Fails unless every class of the module lives in its own package (or below). */
    public void requireOwnPackage() {
        classes().should().resideInAPackage(ownPackage + "..")
                .because("a class in a core package would see the core's package-private members")
                .check(classes);
    }

    /**
     * Fails if a class of the module uses a class of {@code packages}.
     *
     * @param because  why the module must not use them
     * @param packages ArchUnit package patterns, such as {@code "dev.backprop.cli.."}
     */
    public void requireNoUseOf(String because, String... packages) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(packages).because(because).check(classes);
    }
}
