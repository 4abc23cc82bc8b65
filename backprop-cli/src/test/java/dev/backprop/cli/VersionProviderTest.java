package dev.backprop.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --version} names the commands the launcher gives the Vector API: the launcher's own list. */
class VersionProviderTest {
    /** The launcher's case pattern that gives a command the Vector API, as {@code train|predict|...)}. */
    private static final Pattern VECTOR_CASE = Pattern.compile("(?m)^\\s*(train(?:\\|[a-z-]+)+)\\)\\s*$");

    static List<String> launcherVectorCommands() throws IOException {
        Path launcher = Path.of("backprop");
        if (!Files.exists(launcher)) {
            launcher = Path.of("..", "backprop"); // the test runs in backprop-cli
        }
        Matcher match = VECTOR_CASE.matcher(Files.readString(launcher));
        assertThat(match.find()).as("the launcher's list of computing commands").isTrue();
        return Arrays.asList(match.group(1).split("\\|"));
    }

    @Test
    void theCommandsNamedAreTheLaunchersComputingCommands() throws IOException {
        List<String> launcher = launcherVectorCommands();
        assertThat(launcher).contains("serve", "cv", "tune", "importance", "studio");
        assertThat(VersionProvider.VECTOR_COMMANDS).isEqualTo(launcher);
    }

    @Test
    void aJvmWithoutTheVectorApiSaysWhichCommandsRunWithIt() {
        String out = Cli.run("--version").out();
        if (!out.contains("in this JVM")) {
            return; // this JVM runs the Vector API itself, so there is no other engine to tell of
        }
        assertThat(out).contains("(./backprop runs train, predict, evaluate, gradcheck, explain, report, serve, cv, "
                + "tune, importance and studio with the Vector API unless BACKPROP_VECTOR=0)");
    }
}
