package dev.backprop.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code backprop serve}'s options: what it refuses before it listens, each in one {@code error:} line. */
class ServeCommandTest {
    @TempDir
    static Path dir;
    private static String model;

    @BeforeAll
    static void train() throws Exception {
        Path data = Files.writeString(dir.resolve("line.csv"), "x,y\n0,1\n1,3\n2,5\n3,7\n");
        model = dir.resolve("line.json").toString();
        assertThat(Cli.run("train", data.toString(), "--epochs", "5", "--out", model, "--quiet").exitCode())
                .isZero();
    }

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({"10MB, 10485760", "512kb, 524288", "1 GB, 1073741824", "1000, 1000", "1, 1"})
    void sizesAreBytesOrKbMbGb(String size, long bytes) {
        assertThat(ServeCommand.bytes(size)).isEqualTo(bytes);
    }

    private static void assertRefused(Cli run, String error) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + error + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badOptionsAreRefusedBeforeListening() {
        assertRefused(Cli.run("serve", "--model", model, "--max-body", "ten"),
                "--max-body takes a size such as 10MB or 500000 but was 'ten'");
        assertRefused(Cli.run("serve", "--model", model, "--max-body", "0"),
                "--max-body must be at least 1 byte and under 2GB but was 0");
        assertRefused(Cli.run("serve", "--model", model, "--max-body", "2GB"),
                "--max-body must be at least 1 byte and under 2GB but was 2GB");
        assertRefused(Cli.run("serve", "--model", model, "--port", "70000"),
                "--port must be between 0 and 65535 but was 70000");
        assertRefused(Cli.run("serve", "--model", model, "--threads", "0"), "--threads must be at least 1 but was 0");
        assertRefused(Cli.run("serve", "--model", model, "--timeout", "0"),
                "--timeout must be between 1 and 86400 seconds but was 0");
        assertThat(Cli.run("serve", "--model", dir.resolve("absent.json").toString()).err())
                .startsWith("error: ").contains("absent.json");
    }

    @Test
    void aPortInUseIsRefused() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Cli run = Cli.run("serve", "--model", model, "--port", Integer.toString(port));
            assertRefused(run, "cannot listen on 127.0.0.1:" + port + ": Address already in use");
        }
    }
}
