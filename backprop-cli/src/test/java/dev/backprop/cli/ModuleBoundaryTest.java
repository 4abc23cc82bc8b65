package dev.backprop.cli;

import dev.backprop.ModuleBoundary;
import org.junit.jupiter.api.Test;

/**
 * The command line's place in docs/architecture.md: every class of this module (its main classes, read from where
 * {@link Main} was loaded) lives in {@code dev.backprop.cli}, so Java's access rules let it use only the core's
 * public API; and it is no adapter over Spark.
 */
class ModuleBoundaryTest {
    private static final ModuleBoundary CLI = ModuleBoundary.of(Main.class, "dev.backprop.cli");

    @Test
    void everyClassLivesInTheCliPackageSoOnlyTheCoresPublicApiIsReachable() {
        CLI.requireOwnPackage();
    }

    @Test
    void theCliDoesNotDependOnSpark() {
        CLI.requireNoUseOf("Spark is a front end of its own", "dev.backprop.spark..", "org.apache.spark..");
    }
}
