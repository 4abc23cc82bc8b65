package dev.backprop.spark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of the spark-submit entry point in this JVM, on the test's local Spark session, with what it printed.
 *
 * @param code the exit code
 * @param out  what it printed on stdout
 * @param err  what it printed on stderr
 */
record SparkCommand(int code, String out, String err) {
    /** Runs {@link SparkTrain} with {@code args}, reusing the running session instead of starting its own. */
    static SparkCommand run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LocalSpark.session();
        int code = SparkTrain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new SparkCommand(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
