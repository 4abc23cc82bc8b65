package dev.backprop.command;

import dev.backprop.ModuleBoundary;
import org.junit.jupiter.api.Test;

/**
 * The shared command-line module's place in docs/architecture.md: every class of it (its main classes, read from
 * where {@link CommandRunner} was loaded) lives in {@code dev.backprop.command}, so Java's access rules let it use only
 * the core's public API; and it serves both front ends, so it uses neither.
 */
class ModuleBoundaryTest {
    private static final ModuleBoundary COMMAND = ModuleBoundary.of(CommandRunner.class, "dev.backprop.command");

    @Test
    void everyClassLivesInTheCommandPackageSoOnlyTheCoresPublicApiIsReachable() {
        COMMAND.requireOwnPackage();
    }

    @Test
    void itUsesNeitherFrontEnd() {
        COMMAND.requireNoUseOf("both command lines depend on it, never the other way round", "dev.backprop.cli..",
                "dev.backprop.spark..", "org.apache.spark..");
    }
}
