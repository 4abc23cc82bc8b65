package dev.backprop.cli;

import dev.backprop.linalg.Gemm;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/** Reads the version Maven wrote into {@code version.properties}, and tells which multiply engines this JVM runs. */
final class VersionProvider implements IVersionProvider {
    /** The commands {@code ./backprop} runs with the Vector API: its list of commands that compute with a network. */
    static final List<String> VECTOR_COMMANDS = List.of("train", "predict", "evaluate", "gradcheck", "explain", "report",
            "serve", "cv", "tune", "importance", "studio");

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        String engine = Gemm.engine();
        String products = "matrix products: " + engine + ", " + Gemm.threads() + " threads";
        String version = "backprop " + properties.getProperty("version", "unknown") + " (Java "
                + System.getProperty("java.version") + ")";
        if (engine.contains("vector")) {
            return new String[] {version, products};
        }
        // The launcher leaves the Vector API out of --version (no incubator warning) but gives it to every command
        // that computes, so this JVM's engine is not the one training uses.
        String commands = String.join(", ", VECTOR_COMMANDS.subList(0, VECTOR_COMMANDS.size() - 1)) + " and "
                + VECTOR_COMMANDS.get(VECTOR_COMMANDS.size() - 1);
        return new String[] {version, products + " in this JVM",
            "(./backprop runs " + commands + " with the Vector API unless BACKPROP_VECTOR=0)"};
    }
}
