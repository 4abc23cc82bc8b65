package dev.backprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backprop.io.ModelFile;
import dev.backprop.model.Model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The web server of {@code backprop studio}: the JDK's own HTTP server (no dependency) serving the page's files from
 * the jar, the live state as Server-Sent Events ({@link StudioStream}), the controls as POST requests, and the model and report as
 * downloads. Answers only requests addressed to the host it listens on (so another site cannot reach it through a
 * name that resolves to it) and, of those a browser sends from a page, only the ones from its own page (a page of
 * another site may send a POST to any address, and the browser names that site in the {@code Origin} header). At most
 * {@value #STREAMS} pages are streamed to at once, so that the controls always have a thread of the pool to answer,
 * and a request that has not arrived within {@value #REQUEST_SECONDS} seconds loses its connection.
 */
final class StudioServer implements AutoCloseable {
    /** The page's files, in the jar. */
    private static final Map<String, String> FILES = Map.of("/", "studio.html", "/studio.js", "studio.js",
            "/studio.css", "studio.css");
    private static final ObjectMapper COMPACT = new ObjectMapper();
    /** Threads answering requests. */
    private static final int THREADS = 8;
    /**
     * Seconds a request may take to arrive (a browser sends one at once) before its connection is dropped: a client
     * that sends half a request holds a thread of the pool while it waits, and eight such held them all.
     */
    static final int REQUEST_SECONDS = 10;
    /** The JDK server's limit on the time a request takes to arrive, in seconds (read once, as it first starts). */
    private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    /** The most pages streamed to at once: each holds a thread for as long as it is open. */
    static final int STREAMS = THREADS - 2;

    private final StudioSession session;
    /** The data file as given, for the report; null for the bundled example. */
    private final Path data;
    private final HttpServer server;
    private final ExecutorService threads;
    private final StudioCallers callers;
    private final AtomicInteger streams = new AtomicInteger();

    private StudioServer(StudioSession session, Path data, HttpServer server, ExecutorService threads) {
        this.session = session;
        this.data = data;
        this.server = server;
        this.threads = threads;
        this.callers = new StudioCallers(server.getAddress());
    }

    /**
     * Listens on {@code address}:{@code port} (0: a free port) and serves the session.
     *
     * @throws IOException if the port cannot be had
     */
    static StudioServer start(StudioSession session, Path data, InetAddress address, int port) throws IOException {
        // Only the request's: a limit on the answer's time would end every page's stream, which is one long answer.
        if (System.getProperty(MAX_REQUEST_TIME) == null) {
            System.setProperty(MAX_REQUEST_TIME, Integer.toString(REQUEST_SECONDS));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "studio-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        StudioServer studio = new StudioServer(session, data, server, threads);
        server.createContext("/", studio::handle);
        server.start();
        return studio;
    }

    /** Where the page is: {@code http://127.0.0.1:PORT/}. */
    URI url() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (UserException | IllegalArgumentException e) {
                send(exchange, 400, "text/plain", e.getMessage());
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String refusal = callers.refusal(exchange.getRequestHeaders(), url().toString());
        if (refusal != null) {
            send(exchange, 403, "text/plain", refusal);
        } else if (method.equals("GET") && FILES.containsKey(path)) {
            sendResource(exchange, FILES.get(path));
        } else if (method.equals("GET") && path.equals("/events")) {
            stream(exchange);
        } else if (method.equals("GET") && path.equals("/api/walkthrough")) {
            sendJson(exchange, walkthrough());
        } else if (method.equals("GET") && path.equals("/api/model.json")) {
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"model.json\"");
            send(exchange, 200, "application/json", ModelFile.toJson(session.model()));
        } else if (method.equals("GET") && path.equals("/api/report.html")) {
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"report.html\"");
            send(exchange, 200, "text/html; charset=utf-8", report());
        } else if (method.equals("POST") && path.startsWith("/api/")) {
            control(exchange, path.substring("/api/".length()), query(exchange));
        } else {
            send(exchange, 404, "text/plain", "not found: " + path);
        }
    }

    /** The live state, unless {@link #STREAMS} pages are already streamed to. */
    private void stream(HttpExchange exchange) throws IOException {
        if (streams.incrementAndGet() > STREAMS) {
            streams.decrementAndGet();
            send(exchange, 503, "text/plain", "the studio is open in " + STREAMS + " pages already: close one");
            return;
        }
        try {
            StudioStream.send(exchange, session);
        } finally {
            streams.decrementAndGet();
        }
    }

    private void control(HttpExchange exchange, String action, String value) throws IOException {
        switch (action) {
            case "pause" -> session.pause();
            case "resume" -> session.resume();
            case "step" -> {
                // The walkthrough of the update about to be made, from the weights it starts at.
                ObjectNode walk = walkthrough();
                session.stepUpdate();
                sendJson(exchange, walk);
                return;
            }
            case "epoch" -> session.stepEpoch();
            case "rate" -> session.learningRate(number(value));
            case "reset" -> session.reset(seed(value));
            case "pace" -> session.pace(pace(value));
            default -> {
                send(exchange, 404, "text/plain", "no such control: " + action);
                return;
            }
        }
        send(exchange, 204, "text/plain", "");
    }

    private ObjectNode walkthrough() {
        Model model = session.model();
        StringWriter warnings = new StringWriter();
        return StudioViews.walkthrough(model, session.frame(), new PrintWriter(warnings),
                ExplainCommand.recordedLearningRate(model));
    }

    /** {@code backprop report} on the weights so far and the data, run as the command runs. */
    private String report() throws IOException {
        Path dir = Files.createTempDirectory("backprop-studio");
        try {
            Path modelFile = dir.resolve("model.json");
            ModelFile.write(session.model(), modelFile);
            Path rows = data;
            if (rows == null) {
                rows = dir.resolve("sleep-study.csv");
                try (InputStream in = Inputs.class.getResourceAsStream("sleep-study.csv")) {
                    Files.copy(in, rows);
                }
            }
            Path page = dir.resolve("report.html");
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"report", "--model", modelFile.toString(), rows.toString(), "--out",
                    page.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(errors, true, StandardCharsets.UTF_8));
            if (code != 0) {
                throw new UserException(errors.toString(StandardCharsets.UTF_8).strip());
            }
            return Files.readString(page);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String query(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("value=")) {
                return java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static double number(String value) {
        if (value == null) {
            throw new UserException("a value is needed (?value=...)");
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UserException("not a number: '" + value + "'");
        }
    }

    /** A seed as {@code --seed} takes it: a whole number, never a fraction or NaN cut to one. */
    private static long seed(String value) {
        if (value == null) {
            throw new UserException("a value is needed (?value=...)");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UserException("a seed must be a whole number but was '" + value + "'");
        }
    }

    private static double pace(String value) {
        double pace = number(value);
        if (!StudioGate.validPace(pace)) {
            throw new UserException("the pace must be >= 0 epochs a second but was " + value);
        }
        return pace;
    }

    private static void sendResource(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = StudioServer.class.getResourceAsStream("studio/" + name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("the jar lacks studio/" + name));
            }
            String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
            byte[] body = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void sendJson(HttpExchange exchange, ObjectNode json) throws IOException {
        send(exchange, 200, "application/json", COMPACT.writeValueAsString(json));
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type.contains("charset") ? type
                : type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
