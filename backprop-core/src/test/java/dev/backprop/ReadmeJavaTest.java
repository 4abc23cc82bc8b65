package dev.backprop;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block in the README and in docs/java-api.md is a whole class that compiles as written, imports and all,
 * against the core's classes, and runs: its {@code main} is started in a JVM of its own whose working directory is
 * laid out like the repository ({@code data/}, {@code examples/}), as a reader runs it from the repository's root,
 * and must exit 0 without printing to stderr. (What the examples compute is checked by {@link ApiExampleTest}.)
 */
class ReadmeJavaTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"README.md", "docs/java-api.md"})
    void everyJavaBlockCompilesAndRunsAsPrinted(String document) throws Exception {
        String text = Files.readString(ROOT.resolve(document));
        List<String> classes = new ArrayList<>();
        List<String> arguments = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(),
                "-cp", System.getProperty("java.class.path")));
        Matcher block = JAVA_BLOCK.matcher(text);
        while (block.find()) {
            String code = block.group(1);
            Matcher name = CLASS_NAME.matcher(code);
            assertThat(name.find()).as("a Java block of %s is a whole class, with its imports:%n%s", document, code)
                    .isTrue();
            Path source = dir.resolve(name.group(1) + ".java");
            Files.writeString(source, code);
            classes.add(name.group(1));
            arguments.add(source.toString());
        }
        assertThat(classes).hasSizeGreaterThanOrEqualTo(2);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(status).as(errors.toString()).isZero();

        Path work = Files.createDirectories(dir.resolve("repository"));
        for (String folder : new String[] {"data", "examples"}) {
            copyFolder(ROOT.resolve(folder), work.resolve(folder));
        }
        String classpath = dir.resolve("classes") + File.pathSeparator + System.getProperty("java.class.path");
        for (String name : classes) {
            Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, name).directory(work.toFile())
                    .redirectError(dir.resolve(name + ".err").toFile())
                    .redirectOutput(dir.resolve(name + ".out").toFile()).start();
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).as(name + " finishes").isTrue();
            String err = Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
            assertThat(run.exitValue()).as(name + ": " + err).isZero();
            assertThat(err).as(name + " prints no error").isEmpty();
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
