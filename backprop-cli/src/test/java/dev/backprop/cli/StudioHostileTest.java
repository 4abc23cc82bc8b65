package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.cli.plot.OverflowingModels;
import dev.backprop.data.Dataset;
import dev.backprop.linalg.Matrix;
import dev.backprop.metrics.ClassificationMetrics;
import dev.backprop.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.backprop.cli.StudioBrowserTest.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backprop studio}'s server given requests a user's own page never sends: a page of another site steering the
 * run, more pages than the server has threads, pages closed while the run is paused, controls with values that are
 * not the number they ask for. Each test runs one server on a paused session for a few seconds.
 */
@Timeout(60)
class StudioHostileTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aPageOfAnotherSiteCannotSteerTheRun() throws Exception {
        StudioSession session = pausedSession();
        try (StudioServer server = StudioServer.start(session, null, InetAddress.getLoopbackAddress(), 0)) {
            URI url = server.url();
            // The browser names the page's site on a cross-site POST, but sends it to 127.0.0.1 with the right Host.
            HttpResponse<String> foreign = post(url, "/api/resume", "http://evil.example");
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.body()).contains("only its own page").contains("http://evil.example");
            assertThat(post(url, "/api/reset?value=5", "null").statusCode()).isEqualTo(403);
            // An image of another site's page asking for the report: no Origin, but the browser says whence it came.
            HttpResponse<String> image = HTTP.send(HttpRequest.newBuilder(url.resolve("/api/report.html"))
                    .header("Sec-Fetch-Site", "cross-site").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(image.statusCode()).isEqualTo(403);
            assertThat(image.body()).isEqualTo("this server answers only its own page, not one of another site "
                    + "(Sec-Fetch-Site: cross-site)");
            Thread.sleep(300);
            assertThat(session.snapshot().paused()).isTrue();
            assertThat(session.snapshot().config().seed()).isNotEqualTo(5);

            // The page's own POST names its own origin, and a program such as curl names none: both are answered.
            String own = "http://127.0.0.1:" + url.getPort();
            assertThat(post(url, "/api/pace?value=7", own).statusCode()).isEqualTo(204);
            assertThat(session.snapshot().epochsPerSecond()).isEqualTo(7.0);
            assertThat(post(url, "/api/pace?value=3", null).statusCode()).isEqualTo(204);
            assertThat(session.snapshot().epochsPerSecond()).isEqualTo(3.0);
        } finally {
            session.close();
        }
    }

    @Test
    void boundToTheNetworkItAnswersItsAddressesAndNamesButNoOtherName() throws Exception {
        StudioSession session = pausedSession();
        try (StudioServer server = StudioServer.start(session, null, InetAddress.getByName("0.0.0.0"), 0)) {
            int port = server.url().getPort();
            // A page of evil.example whose name was made to resolve here (DNS rebinding) names itself in Host.
            assertThat(statusOfGet(port, "evil.example:" + port)).isEqualTo(403);
            assertThat(statusOfGet(port, "127.0.0.1.evil.example:" + port)).isEqualTo(403);
            assertThat(statusOfGet(port, "192.0.2.7:" + (port + 1))).isEqualTo(403);
            // Its addresses written as numbers, localhost and the machine's own name are this server's.
            assertThat(statusOfGet(port, "192.0.2.7:" + port)).isEqualTo(200);
            assertThat(statusOfGet(port, "[fe80::1]:" + port)).isEqualTo(200);
            assertThat(statusOfGet(port, "LOCALHOST:" + port)).isEqualTo(200);
            String machine;
            try {
                machine = InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                machine = null; // a machine whose own name does not resolve is opened by its address
            }
            if (machine != null) {
                assertThat(statusOfGet(port, machine + ":" + port)).isEqualTo(200);
            }
        } finally {
            session.close();
        }
    }

    /** The status of {@code GET /} with the Host header given (java.net.http will not send one of its own choice). */
    private static int statusOfGet(int port, String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void controlsRefuseValuesThatAreNotTheNumberTheyAskFor() throws Exception {
        StudioSession session = pausedSession();
        try (StudioServer server = StudioServer.start(session, null, InetAddress.getLoopbackAddress(), 0)) {
            URI url = server.url();
            long seed = session.snapshot().config().seed();
            for (String value : List.of("1.7", "NaN", "1e30", "x")) {
                HttpResponse<String> reset = post(url, "/api/reset?value=" + value, null);
                assertThat(reset.statusCode()).as(value).isEqualTo(400);
                assertThat(reset.body()).isEqualTo("a seed must be a whole number but was '" + value + "'");
            }
            assertThat(session.snapshot().config().seed()).isEqualTo(seed);
            for (String value : List.of("NaN", "-5", "Infinity")) {
                HttpResponse<String> pace = post(url, "/api/pace?value=" + value, null);
                assertThat(pace.statusCode()).as(value).isEqualTo(400);
                assertThat(pace.body()).startsWith("the pace must be >= 0 epochs a second");
            }
            assertThat(session.snapshot().epochsPerSecond()).isZero();
            assertThat(post(url, "/api/reset?value=11", null).statusCode()).isEqualTo(204);
            assertThat(session.snapshot().config().seed()).isEqualTo(11);
        } finally {
            session.close();
        }
    }

    @Test
    void pagesClosedWhileTheRunIsPausedGiveTheirThreadsBack() throws Exception {
        StudioSession session = pausedSession();
        try (StudioServer server = StudioServer.start(session, null, InetAddress.getLoopbackAddress(), 0)) {
            URI url = server.url();
            // A page reloaded again and again while paused: each load opens a stream and closes the last one. Nothing
            // changes, so a stream that only wrote on a change never learnt its page had gone.
            // A stream finds its page gone at its next heartbeat or the one after, so the pages of a round are
            // turned away (503) until then; a stream that never notices keeps them turned away, and the test fails.
            for (int round = 0; round < 2; round++) {
                List<Socket> pages = new ArrayList<>();
                for (int p = 0; p < StudioServer.STREAMS; p++) {
                    pages.add(openStreamOnceFree(url));
                }
                for (Socket page : pages) {
                    page.close();
                }
            }
            try (Socket page = openStreamOnceFree(url)) {
                assertThat(post(url, "/api/epoch", null).statusCode()).isEqualTo(204);
                until(session::snapshot, s -> s.paused() && s.losses().length == 1);
            }
        } finally {
            session.close();
        }
    }

    @Test
    void morePagesThanItStreamsToAreTurnedAwayAndTheControlsStillAnswer() throws Exception {
        StudioSession session = pausedSession();
        try (StudioServer server = StudioServer.start(session, null, InetAddress.getLoopbackAddress(), 0)) {
            URI url = server.url();
            List<Socket> pages = new ArrayList<>();
            try {
                for (int p = 0; p < StudioServer.STREAMS; p++) {
                    pages.add(openStream(url));
                }
                HttpResponse<String> another = HTTP.send(HttpRequest.newBuilder(url.resolve("/events"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(another.statusCode()).isEqualTo(503);
                assertThat(another.body()).contains("open in " + StudioServer.STREAMS + " pages already");
                assertThat(post(url, "/api/epoch", null).statusCode()).isEqualTo(204);
                until(session::snapshot, s -> s.paused() && s.losses().length == 1);
                HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(another.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            } finally {
                for (Socket page : pages) {
                    page.close();
                }
            }
        } finally {
            session.close();
        }
    }

    @Test
    void viewsOfAModelWhoseSumsOverflowGiveNoClassOrNoValueAndEveryClassItsColour() {
        Matrix x = OverflowingModels.plane();
        double[] classes = new double[40];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            classes[2 * i + i % 2] = 1;
            y[i] = i;
        }
        Model classifier = OverflowingModels.classifier();
        JsonNode regions = StudioTest.JSON.valueToTree(StudioViews.view(classifier, Dataset.of(x, Matrix.of(20, 2,
                classes)), null));
        int none = 0;
        for (JsonNode cell : regions.get("cells")) {
            none += cell.asInt() == -1 ? 1 : 0;
        }
        // Before, each such cell was sent as class 0, 'p'.
        assertThat(none).isGreaterThan(100).isLessThan(StudioViews.GRID * StudioViews.GRID);
        assertThat(regions.get("colours").toString()).isEqualTo("[\"#1f77b4\",\"#ff7f0e\"]");

        JsonNode surface = StudioTest.JSON.valueToTree(StudioViews.view(OverflowingModels.regression(), Dataset.of(x,
                Matrix.of(20, 1, y)), null));
        int noValue = 0;
        for (JsonNode cell : surface.get("cells")) {
            // Before, "NaN" as a string, which made the page's colour scale NaN.
            assertThat(cell.isNull() || cell.isDouble() && Double.isFinite(cell.asDouble())).isTrue();
            noValue += cell.isNull() ? 1 : 0;
        }
        assertThat(noValue).isEqualTo(none);

        // More inputs than two: the confusion matrix leaves out the rows of NaN probabilities, and says how many.
        double[] three = new double[60];
        for (int i = 0; i < 20; i++) {
            three[3 * i] = x.get(i, 0);
            three[3 * i + 1] = x.get(i, 1);
        }
        Matrix wide = Matrix.of(20, 3, three);
        Model ofThree = OverflowingModels.classifierOfThree();
        JsonNode confusion = StudioTest.JSON.valueToTree(StudioViews.view(ofThree, Dataset.of(wide,
                Matrix.of(20, 2, classes)), null));
        Matrix probabilities = ofThree.predict(wide);
        int unanswered = 0;
        for (int i = 0; i < 20; i++) {
            unanswered += ClassificationMetrics.answered(probabilities, i) ? 0 : 1;
        }
        assertThat(confusion.get("kind").asText()).isEqualTo("confusion");
        long counted = 0;
        for (JsonNode row : confusion.get("counts")) {
            for (JsonNode count : row) {
                counted += count.asLong();
            }
        }
        // Before, they were counted as predicting class 0.
        assertThat(unanswered).isPositive();
        assertThat(confusion.get("unanswered").asInt()).isEqualTo(unanswered);
        assertThat(counted).isEqualTo(20 - unanswered);
    }

    /**
     * Eight clients that send half a request and wait held all eight threads of the server's pool: the page, its
     * stream and its controls waited for ever. A child process, since the JDK reads the limit once per JVM.
     */
    @Test
    void clientsThatSendHalfARequestAreDroppedAndThePageLoadsAgain(@TempDir Path dir) throws Exception {
        Process studio = Launcher.in(dir.resolve("repo")).start(dir, Map.of(), "err.txt",
                List.of("studio", "--pace", "0", "--epochs", "1000000"));
        List<Socket> stalled = new ArrayList<>();
        try {
            URI url = studioUrl(studio, dir.resolve("err.txt.out"));
            for (int c = 0; c < 8; c++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), url.getPort());
                socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + url.getPort() + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            long start = System.nanoTime();
            HttpResponse<String> page = pageOnceAnswered(url, start);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("backprop studio");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(
                    2L * StudioServer.REQUEST_SECONDS));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            studio.destroy();
            if (!studio.waitFor(20, TimeUnit.SECONDS)) {
                studio.destroyForcibly();
            }
        }
    }

    /**
     * The page, asked for again when its request is dropped unanswered: waiting in the queue behind the stalled
     * clients it is under the same limit, and where a loaded machine's server saw it arrive in the same moment as
     * them it is dropped with them. Asked for until {@code 3 x} {@link StudioServer#REQUEST_SECONDS} after
     * {@code start}.
     */
    private static HttpResponse<String> pageOnceAnswered(URI url, long start) throws Exception {
        long deadline = start + TimeUnit.SECONDS.toNanos(3L * StudioServer.REQUEST_SECONDS);
        while (true) {
            try {
                return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofNanos(Math.max(1,
                        deadline - System.nanoTime()))).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException dropped) {
                if (System.nanoTime() > deadline) {
                    throw dropped;
                }
                Thread.sleep(50);
            }
        }
    }

    private static URI studioUrl(Process studio, Path out) throws Exception {
        Pattern running = Pattern.compile("studio running at (http://\\S+/)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && studio.isAlive()) {
            Matcher m = running.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("studio printed no URL: " + (Files.exists(out) ? Files.readString(out) : ""));
    }

    /** The seed's example, paused before its first update, as fast as it may go once let through. */
    private static StudioSession pausedSession() throws Exception {
        StudioSession session = StudioTest.session("--pace", "0", "--epochs", "100000");
        session.pause();
        session.start();
        until(session::snapshot, StudioSnapshot::paused);
        return session;
    }

    /** A page's stream, open once its first event has arrived. */
    private static Socket openStream(URI url) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), url.getPort());
        BufferedReader lines = requestStream(socket, url);
        assertThat(lines.readLine()).isEqualTo("HTTP/1.1 200 OK");
        return firstEvent(socket, lines);
    }

    /**
     * A page's stream as {@link #openStream}, asked for again while the server turns it away because it still streams
     * to {@link StudioServer#STREAMS} pages (for at most 30 s, half the test's limit).
     */
    private static Socket openStreamOnceFree(URI url) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), url.getPort());
            BufferedReader lines = requestStream(socket, url);
            String status = lines.readLine();
            if ("HTTP/1.1 200 OK".equals(status)) {
                return firstEvent(socket, lines);
            }
            socket.close();
            assertThat(status).as("a page turned away while every stream is taken").startsWith("HTTP/1.1 503 ");
            assertThat(System.nanoTime()).as("a stream freed within 30 s of its page closing").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static BufferedReader requestStream(Socket socket, URI url) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + url.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** {@code socket} once the first event of its stream has arrived. */
    private static Socket firstEvent(Socket socket, BufferedReader lines) throws IOException {
        String line;
        do {
            line = lines.readLine();
        } while (line != null && !line.contains("data: {"));
        assertThat(line).as("the first event").isNotNull();
        return socket;
    }

    private static HttpResponse<String> post(URI url, String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        return HTTP.send(origin == null ? request.build() : request.header("Origin", origin).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
