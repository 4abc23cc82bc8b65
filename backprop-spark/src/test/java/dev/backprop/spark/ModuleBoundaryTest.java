package dev.backprop.spark;

import dev.backprop.ModuleBoundary;
import org.junit.jupiter.api.Test;

/**
 * The Spark module's place in docs/architecture.md: every class of this module (its main classes, read from where
 * {@link SparkTrainer} was loaded) lives in {@code dev.backprop.spark}, so Java's access rules let it use only the
 * core's public API; and it does not reach into the command-line module.
 */
class ModuleBoundaryTest {
    private static final ModuleBoundary SPARK = ModuleBoundary.of(SparkTrainer.class, "dev.backprop.spark");

    @Test
    void everyClassLivesInTheSparkPackageSoOnlyTheCoresPublicApiIsReachable() {
        SPARK.requireOwnPackage();
    }

    @Test
    void sparkDoesNotDependOnTheCommandLineModule() {
        SPARK.requireNoUseOf("it is an adapter beside the command line, not over it", "dev.backprop.cli..");
    }
}
