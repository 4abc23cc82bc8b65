package dev.backprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
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

import static dev.backprop.cli.StudioBrowserTest.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backprop studio} without a browser: the session's gate (pause, one update, one epoch, a new learning rate or
 * seed), the views for each kind of data, and the server's answers (the stream, the controls, the downloads, requests
 * addressed elsewhere).
 */
class StudioTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The session {@code backprop studio ARGS} would serve, not started. */
    static StudioSession session(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "studio";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(all);
        StudioCommand command = (StudioCommand) parsed.subcommand().commandSpec().userObject();
        return command.session();
    }

    @Test
    void stepsOneUpdateOrOneEpochAtATime() throws Exception {
        // iris with adam: mini-batches of 100 of the 150 rows, so two updates an epoch.
        StudioSession session = session(RealDataTest.DATA.resolve("iris.csv").toString(), "--batch-size", "100",
                "--epochs", "50", "--patience", "0", "--pace", "0");
        session.pause();
        session.start();
        try {
            until(session::snapshot, s -> s.paused());
            assertThat(session.snapshot().updates()).isZero();
            session.stepUpdate();
            until(session::snapshot, s -> s.paused() && s.updates() == 1);
            assertThat(session.snapshot().losses()).isEmpty();
            session.stepEpoch();
            until(session::snapshot, s -> s.paused() && s.losses().length == 1);
            assertThat(session.snapshot().updates()).isEqualTo(2);
            session.stepEpoch();
            until(session::snapshot, s -> s.paused() && s.losses().length == 2);
            assertThat(session.snapshot().updates()).isEqualTo(4);
            assertThat(session.snapshot().status()).isEqualTo("paused");

            // A new learning rate goes on from the same weights, still paused, the epochs counting on.
            double[] before = session.model().network().parameters();
            session.learningRate(0.005);
            until(session::snapshot, s -> s.paused());
            assertThat(session.model().network().parameters()).isEqualTo(before);
            assertThat(session.snapshot().config().learningRate()).isEqualTo(0.005);
            session.stepEpoch();
            until(session::snapshot, s -> s.paused() && s.losses().length == 3);

            // A new seed starts from that seed's fresh weights, running.
            session.pause();
            session.reset(7);
            Model fresh = Trainer.of(session.snapshot().config()).initialModel(session.dataset());
            assertThat(session.snapshot().config().seed()).isEqualTo(7);
            until(session::snapshot, s -> s.status().startsWith("stopped"));
            assertThat(session.snapshot().losses()).hasSize(50);
            assertThat(session.snapshot().status()).startsWith("stopped: epoch limit reached after 50 epochs");
            assertThat(fresh.network().parameters()).isNotEqualTo(before);
        } finally {
            session.close();
        }
    }

    @Test
    void viewsFitTheData() throws Exception {
        StudioSession seed = session();
        JsonNode surface = JSON.valueToTree(StudioViews.view(seed.model(), seed.dataset(), null));
        assertThat(surface.get("kind").asText()).isEqualTo("surface");
        assertThat(surface.get("cells")).hasSize(StudioViews.GRID * StudioViews.GRID);
        assertThat(surface.get("points")).hasSize(3);
        // The seed's first row: 3 hours of sleep, 5 of study, scored 75.
        assertThat(surface.get("points").get(0).get(2).asDouble()).isEqualTo(75.0);

        StudioSession iris = session(RealDataTest.DATA.resolve("iris.csv").toString());
        JsonNode confusion = JSON.valueToTree(StudioViews.view(iris.model(), iris.dataset(), null));
        assertThat(confusion.get("kind").asText()).isEqualTo("confusion");
        long total = 0;
        for (JsonNode row : confusion.get("counts")) {
            for (JsonNode count : row) {
                total += count.asLong();
            }
        }
        assertThat(total).isEqualTo(150);
        assertThat(confusion.get("classes")).hasSize(3);
        // Any two chosen inputs: the decision regions over petal length and width, the others at their means.
        JsonNode plane = JSON.valueToTree(StudioViews.view(iris.model(), iris.dataset(), new int[] {2, 3}));
        assertThat(plane.get("kind").asText()).isEqualTo("surface");
        assertThat(plane.get("xName").asText()).isEqualTo("petal_length");
        assertThat(plane.get("yName").asText()).isEqualTo("petal_width");
        assertThat(plane.get("othersAtMeans").asBoolean()).isTrue();
        assertThat(plane.get("points").get(0).get(0).asDouble()).isEqualTo(iris.dataset().x().get(0, 2));
        // A cell's prediction is the model's at the cell's centre with the other inputs at their means.
        int grid = StudioViews.GRID;
        double[] centre = new double[4];
        for (int i = 0; i < 150; i++) {
            for (int j = 0; j < 4; j++) {
                centre[j] += iris.dataset().x().get(i, j) / 150;
            }
        }
        centre[2] = plane.get("low").get(0).asDouble() + 0.5 * (plane.get("high").get(0).asDouble()
                - plane.get("low").get(0).asDouble()) / grid;
        centre[3] = plane.get("low").get(1).asDouble() + 0.5 * (plane.get("high").get(1).asDouble()
                - plane.get("low").get(1).asDouble()) / grid;
        dev.backprop.linalg.Matrix first = iris.model().predict(dev.backprop.linalg.Matrix.of(1, 4, centre));
        assertThat(plane.get("cells").get(0).asInt())
                .isEqualTo(dev.backprop.metrics.ClassificationMetrics.argmax(first, 0));
        assertThat(JSON.valueToTree(StudioViews.view(iris.model(), iris.dataset(), new int[] {1, 1}))
                .get("kind").asText()).isEqualTo("confusion");

        StudioSession cpu = session(RealDataTest.DATA.resolve("cpu.arff").toString());
        JsonNode fit = JSON.valueToTree(StudioViews.view(cpu.model(), cpu.dataset(), null));
        assertThat(fit.get("kind").asText()).isEqualTo("fit");
        assertThat(fit.get("points")).hasSize(cpu.dataset().x().rows());

        JsonNode network = JSON.valueToTree(StudioViews.network(seed.model(), new double[9]));
        assertThat(network.get("sizes").toString()).isEqualTo("[2,3,1]");
        assertThat(network.get("layers").get(0).get("w")).hasSize(6);
    }

    @Test
    void serverStreamsControlsAndDownloads() throws Exception {
        StudioSession session = session("--pace", "0", "--epochs", "200");
        try (StudioServer server = StudioServer.start(session, null, InetAddress.getLoopbackAddress(), 0)) {
            URI url = server.url();
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            session.start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            // Everything the page needs comes from this server.
            assertThat(page.body()).contains("src=\"/studio.js\"").doesNotContain("http:").doesNotContain("https:");
            assertThat(http.send(HttpRequest.newBuilder(url.resolve("/studio.js")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().replace("\"http://www.w3.org/2000/svg\"", "SVG"))
                    .contains("EventSource").doesNotContain("http:").doesNotContain("https:");

            HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(url.resolve("/events"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(events.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(),
                    StandardCharsets.UTF_8))) {
                String line = lines.readLine();
                assertThat(line).startsWith("data: {");
                JsonNode state = JSON.readTree(line.substring("data: ".length()));
                assertThat(state.get("architecture").asText()).isEqualTo("2 -> 3 sigmoid -> 1 sigmoid, loss sse");
                assertThat(state.get("stoppingRule").asText()).isEqualTo(
                        "stops after 200 epochs, or once no weight moves by more than 0.000001 in an epoch");
            }
            until(session::snapshot, s -> s.status().startsWith("stopped"));

            HttpResponse<String> model = http.send(HttpRequest.newBuilder(url.resolve("/api/model.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Model downloaded = ModelFile.parse(model.body());
            assertThat(downloaded.network().parameters()).isEqualTo(session.model().network().parameters());
            assertThat(downloaded.history().epochs()).isEqualTo(200);
            assertThat(downloaded.history().settings().get(TrainingSettings.LEARNING_RATE.name())).isEqualTo("1.0");
            assertThat(ExplainCommand.recordedLearningRate(downloaded)).isEqualTo(1.0);

            HttpResponse<String> report = http.send(HttpRequest.newBuilder(url.resolve("/api/report.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.body()).startsWith("<!DOCTYPE html>").contains("sleep");

            HttpResponse<String> badRate = http.send(HttpRequest.newBuilder(url.resolve("/api/rate?value=-1"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(badRate.statusCode()).isEqualTo(400);
            assertThat(badRate.body()).contains("must be > 0");

            // A page of another site reaching this port through a name of its own is turned away.
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), url.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertThat(status).isEqualTo("HTTP/1.1 403 Forbidden");
            }
        } finally {
            session.close();
        }
    }

    @Test
    void refusesBadOptionsWithOneLine() {
        Cli port = Cli.run("studio", "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).isEqualTo("error: --port must be 0 to 65535 but was 70000" + System.lineSeparator());
        Cli missing = Cli.run("studio", dirFile("none.csv"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: ").contains("none.csv");
    }

    private String dirFile(String name) {
        return dir.resolve(name).toString();
    }
}
