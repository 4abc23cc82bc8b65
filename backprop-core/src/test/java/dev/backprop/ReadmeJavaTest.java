package dev.backprop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block in the README compiles as written, imports and all, against the core's classes: a reader can paste
 * one into a file named after its class. (What the first one prints is checked by {@link ApiExampleTest}.)
 */
class ReadmeJavaTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

    @TempDir
    Path dir;

    @Test
    void everyJavaBlockInTheReadmeCompiles() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<Path> sources = new ArrayList<>();
        Matcher block = JAVA_BLOCK.matcher(readme);
        while (block.find()) {
            String code = block.group(1);
            Matcher name = CLASS_NAME.matcher(code);
            assertThat(name.find()).as("a README Java block is a whole class, with its imports:%n%s", code).isTrue();
            Path source = dir.resolve(name.group(1) + ".java");
            Files.writeString(source, code);
            sources.add(source);
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(2);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(),
                "-cp", System.getProperty("java.class.path")));
        sources.forEach(source -> arguments.add(source.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(status).as(errors.toString()).isZero();
    }
}
