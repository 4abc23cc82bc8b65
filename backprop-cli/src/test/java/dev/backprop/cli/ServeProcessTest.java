package dev.backprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ./backprop serve} as a process: it prints its URL, answers, and on SIGTERM finishes the request it is in the
 * middle of before it exits 143. Each step waits for the server's own evidence (its interim answer to
 * {@code Expect: 100-continue} once it holds a request, 503 once it is stopping), never for a time.
 */
class ServeProcessTest {
    /**
     * The URL in what serve prints: "serving MODEL at URL", or with --format json, {"model": ..., "url": "URL"}; only
     * once its end is there too, so that a line being written is not read as a shorter port.
     */
    private static final Pattern URL = Pattern.compile("(?:serving \\S+ at |\"url\" : \")(http://[^\\s\"]+)[\\s\"]");
    private static final String ROWS = "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n"
            + "6.3,3.3,6,2.5\n";

    @TempDir
    Path dir;

    @Test
    void sigtermLetsTheRequestInFlightFinishThenExits143() throws Exception {
        Path model = dir.resolve("iris.json");
        assertThat(Cli.run("train", RealDataTest.DATA.resolve("iris.csv").toString(), "--epochs", "20", "--out",
                model.toString(), "--quiet").exitCode()).isZero();
        Files.writeString(dir.resolve("rows.csv"), ROWS);
        String expected = Cli.run("predict", "--model", model.toString(), dir.resolve("rows.csv").toString(),
                "--proba").out();
        Process server = Launcher.in(dir.resolve("repo")).start(dir, Map.of(), "err.txt",
                List.of("serve", "--model", model.toString(), "--port", "0", "--format", "json", "--threads", "2"));
        try {
            URI uri = awaitUrl(server, dir.resolve("err.txt.out"));
            assertThat(new ObjectMapper().readTree(dir.resolve("err.txt.out").toFile()).get("model").asText())
                    .isEqualTo(model.toString());
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(20_000);
                byte[] body = ROWS.getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\nExpect: 100-continue\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, 20);
                out.flush();
                // A worker holds the request (the server read its headers) and waits for the rest of the body.
                assertThat(head(socket.getInputStream())).startsWith("HTTP/1.1 100 Continue\r\n");
                server.destroy(); // SIGTERM
                awaitStopping(uri);
                assertThat(server.isAlive()).as("still answering the request in flight").isTrue();
                out.write(body, 20, body.length - 20);
                out.flush();
                String answer = readAll(socket.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\n" + expected);
            }
            assertThat(server.waitFor(Awaits.LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isEqualTo(143);
            assertThat(Files.readString(dir.resolve("err.txt"))).contains("backprop serve: stopped")
                    .doesNotContain("Exception");
            assertThatThrownBy(() -> new Socket(uri.getHost(), uri.getPort()).close())
                    .isInstanceOf(ConnectException.class);
        } finally {
            server.destroyForcibly();
        }
    }

    /**
     * Clients that send their request slowly (or stop halfway), or never read their answer, each hold one of the
     * server's threads: two of them stalled a server of two threads for good, and every later request waited
     * forever. With {@code --timeout 2} they lose their connections after about two seconds and the server answers
     * again.
     */
    @Test
    void clientsThatStallAreDroppedAfterTheTimeoutAndTheServerAnswersAgain() throws Exception {
        Path model = dir.resolve("iris.json");
        assertThat(Cli.run("train", RealDataTest.DATA.resolve("iris.csv").toString(), "--epochs", "5", "--out",
                model.toString(), "--quiet").exitCode()).isZero();
        Process server = Launcher.in(dir.resolve("repo")).start(dir, Map.of(), "err.txt",
                List.of("serve", "--model", model.toString(), "--port", "0", "--threads", "2", "--timeout", "2"));
        try {
            URI uri = awaitUrl(server, dir.resolve("err.txt.out"));
            String header = "POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n";
            try (Socket headerOnly = stalled(uri, header);
                 Socket halfBody = stalled(uri, header + "Content-Length: 100\r\n\r\nsepal_length,")) {
                assertAnswersHealth(uri);
                assertThat(headerOnly.getInputStream().read()).as("the stalled client was disconnected").isEqualTo(-1);
                assertThat(halfBody.getInputStream().read()).isEqualTo(-1);
            }
            byte[] rows = ("sepal_length,sepal_width,petal_length,petal_width\n" + "5.1,3.5,1.4,0.2\n".repeat(200_000))
                    .getBytes(StandardCharsets.US_ASCII);
            String request = header + "Content-Length: " + rows.length + "\r\n\r\n";
            try (Socket first = stalled(uri, request, rows); Socket second = stalled(uri, request, rows)) {
                assertAnswersHealth(uri);
            }
            assertThat(server.isAlive()).isTrue();
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    /** The status line and headers of an answer, read up to the blank line that ends them. */
    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** Waits until the server at {@code uri} answers {@code GET /health} with 503: it has begun to stop. */
    static void awaitStopping(URI uri) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Awaits.LIMIT_SECONDS);
        int status;
        do {
            Thread.sleep(5);
            status = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    uri.resolve("/health")).timeout(java.time.Duration.ofSeconds(Awaits.LIMIT_SECONDS)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status).as("GET /health once the server is stopping").isEqualTo(503);
    }

    /** A client that sends {@code head} (then {@code body}) and then neither sends nor reads anything more. */
    private static Socket stalled(URI uri, String head, byte[]... body) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connecting, so that an answer it does not read fills it at once
        socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : body) {
            out.write(part);
        }
        out.flush();
        return socket;
    }

    /**
     * {@code GET /health} is answered although both threads were taken by stalled clients. Without the timeout it
     * waits for ever (the limit here only bounds how long that takes to fail). A request queued behind the stalled
     * ones is under the same timeout: on a loaded machine, where predicting their 200,000 rows takes longer than it,
     * the server drops the queued request too, so a request that got no answer is sent again.
     */
    private static void assertAnswersHealth(URI uri) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Awaits.LIMIT_SECONDS);
        while (true) {
            try {
                java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(uri.resolve("/health"))
                                .timeout(java.time.Duration.ofSeconds(Awaits.LIMIT_SECONDS)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                return;
            } catch (IOException dropped) {
                if (System.nanoTime() > deadline) {
                    throw dropped;
                }
                Thread.sleep(50);
            }
        }
    }

    /** The URL {@code serve} prints on stdout (the file {@code out}), waited for up to a minute. */
    static URI awaitUrl(Process server, Path out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && server.isAlive()) {
            Matcher m = URL.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve printed no URL; stdout: " + (Files.exists(out) ? Files.readString(out) : ""));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
