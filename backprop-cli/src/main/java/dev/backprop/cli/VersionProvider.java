package dev.backprop.cli;

import dev.backprop.linalg.Gemm;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads the version Maven wrote into {@code version.properties}, and tells which multiply engines this JVM runs. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"backprop " + properties.getProperty("version", "unknown")
                + " (Java " + System.getProperty("java.version") + ")",
            "matrix products: " + Gemm.engine() + ", " + Gemm.threads() + " threads"};
    }
}
