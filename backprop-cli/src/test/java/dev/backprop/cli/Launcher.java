package dev.backprop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The repository's {@code ./backprop} launcher, run as a user runs it, over the classes under test: the script is
 * copied byte for byte into a folder laid out like the repository, beside a jar whose manifest points at the test
 * class path. The copy finds no sources newer than that jar, so it never starts a Maven build inside the test; every
 * decision it makes (the engine, the JVM options) is the real script's.
 */
final class Launcher {
    private final Path script;

    private Launcher(Path script) {
        this.script = script;
    }

    /** Lays the launcher out in {@code root} (created if needed). */
    static Launcher in(Path root) throws IOException {
        Path repository = Path.of("").toAbsolutePath();
        Path original = repository.resolve("backprop");
        if (!Files.exists(original)) {
            original = repository.getParent().resolve("backprop"); // the test runs in backprop-cli
        }
        Path script = root.resolve("backprop");
        Files.createDirectories(root.resolve("backprop-cli/target"));
        Files.copy(original, script, StandardCopyOption.REPLACE_EXISTING);
        script.toFile().setExecutable(true);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, List.of(classpath.split(java.io.File.pathSeparator))
                .stream().map(entry -> Path.of(entry).toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(root.resolve("backprop-cli/target/backprop.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return new Launcher(script);
    }

    /**
     * Starts {@code ./backprop ARGS} in {@code dir}, stdout and stderr to files there.
     *
     * @param environment variables to set ({@code BACKPROP_VECTOR} and the like); SIGINT, SIGTERM and SIGHUP are
     *                    reset to their default handling, so a child of a shell (or nohup) that ignores them still
     *                    receives them
     */
    Process start(Path dir, Map<String, String> environment, String err, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM,HUP", script.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve(err).toFile()).redirectOutput(dir.resolve(err + ".out").toFile());
        builder.environment().remove("BACKPROP_VECTOR");
        builder.environment().remove("BACKPROP_JAVA_OPTS");
        builder.environment().putAll(environment);
        return builder.start();
    }
}
