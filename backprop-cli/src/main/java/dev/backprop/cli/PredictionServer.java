package dev.backprop.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backprop.data.ColumnType;
import dev.backprop.data.FeatureEncoder;
import dev.backprop.data.Frame;
import dev.backprop.data.InvalidDataException;
import dev.backprop.model.Model;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server answering a model's predictions (the JDK's {@code com.sun.net.httpserver}):
 * {@code POST /predict} with a JSON or CSV body (read by {@link RequestRows}, answered by {@link Predictions} in the
 * form it came in), {@code GET /health} and {@code GET /model}. Every refusal is one line of JSON,
 * {@code {"error": "..."}}: 400 for a body that cannot be predicted (malformed, unknown or absent columns, a wrong
 * value, a body over the limit, refused from its {@code Content-Length} before any of it is read), 404, 405 and 415
 * for a wrong path, method or media type, 500, never a stack trace, for anything unforeseen, which the server
 * survives, and 503 once it is stopping. Requests are answered by a fixed pool of threads; the model is immutable, so they share it.
 */
final class PredictionServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String CSV_TYPE = "text/csv";
    private static final String HEAD = "HEAD";

    private final Model model;
    private final long maxBody;
    private final HttpServer http;
    private final ExecutorService workers;
    private final PrintWriter log;
    private final byte[] modelJson;
    /**
     * Requests being answered, from the moment the JDK's server hands one to the workers (its request line and headers
     * are read there, before {@link #handle} runs); SIGTERM waits for it to fall to 0.
     */
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean stopping;
    /** Whether the request on this worker came once the server was stopping (it is answered 503), set per request. */
    private final ThreadLocal<Boolean> late = ThreadLocal.withInitial(() -> false);

    private PredictionServer(Model model, long maxBody, HttpServer http, ExecutorService workers, PrintWriter log) {
        this.model = model;
        this.maxBody = maxBody;
        this.http = http;
        this.workers = workers;
        this.log = log;
        this.modelJson = bytes(describe(model));
    }

    /**
     * Starts answering at {@code address} (port 0: any free port), dropping slow clients: a request whose header and
     * body have not arrived within {@code timeoutSeconds}, or whose answer has not been taken within
     * {@code timeoutSeconds} after its body arrived, loses its connection, so that clients that send or read slowly
     * (or not at all) cannot hold every thread. The JDK's server reads these limits once per JVM, from system
     * properties, when it first starts a server; so they hold for the first server a JVM starts (as {@code backprop
     * serve} does), and a later server keeps the first one's.
     *
     * @param maxBody        the largest request body accepted, in bytes
     * @param threads        how many requests are answered at once
     * @param timeoutSeconds the limit above, in seconds; 0 leaves the JVM's limits as they are (none, unless set)
     * @param log            where unforeseen failures are noted, one line each
     * @throws IOException if the address cannot be listened on
     */
    static PredictionServer start(Model model, InetSocketAddress address, long maxBody, int threads,
                                  int timeoutSeconds, PrintWriter log) throws IOException {
        if (timeoutSeconds > 0) {
            System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(timeoutSeconds));
            System.setProperty("sun.net.httpserver.maxRspTime", Integer.toString(timeoutSeconds));
        }
        HttpServer http = HttpServer.create(address, 0);
        ExecutorService workers = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "backprop-serve");
            t.setDaemon(true);
            return t;
        });
        PredictionServer server = new PredictionServer(model, maxBody, http, workers, log);
        http.createContext("/", server::handle);
        http.setExecutor(server::dispatch);
        http.start();
        return server;
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:8080}. */
    URI uri() {
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    /**
     * Lets the requests being answered finish (for up to {@code graceSeconds}), answering any new one 503, then closes
     * every connection. The JDK's own {@code HttpServer.stop(delay)} is not used for the wait: before Java 21 it
     * waits the whole delay even when no request is in flight.
     */
    void stop(int graceSeconds) {
        stopping = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
        try {
            while (active.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        workers.shutdownNow();
    }

    private record Answer(int status, String type, byte[] body) {
        static Answer error(int status, String message) {
            ObjectNode json = JSON.createObjectNode().put("error", message);
            return new Answer(status, JSON_TYPE, bytes(json));
        }
    }

    /**
     * Runs one exchange on the workers, counted in {@link #active} until it ends, and answered as a request that came
     * before the stop or after it by when it is handed over here. Both are decided here rather than in the handler: a
     * request whose headers are still being read when SIGTERM comes has not reached its handler yet, and the stop
     * would close it unanswered, or answer it 503 had it reached its handler only after the stop began.
     */
    private void dispatch(Runnable exchange) {
        // Counted before stopping is read: a stop that saw no request active is seen here, and its request refused.
        active.incrementAndGet();
        boolean cameLate = stopping;
        try {
            workers.execute(() -> {
                late.set(cameLate);
                try {
                    exchange.run();
                } finally {
                    late.remove();
                    active.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopped) {
            active.decrementAndGet();
            throw stopped;
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Answer answer;
            try {
                answer = late.get() ? Answer.error(503, "the server is stopping") : answer(exchange);
            } catch (UserException | InvalidDataException e) {
                answer = Answer.error(400, e.getMessage());
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                log.printf("backprop serve: %s %s failed: %s%n", exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), e);
                log.flush();
                answer = Answer.error(500, "internal error: " + e.getClass().getSimpleName());
            }
            exchange.getResponseHeaders().set("Content-Type", answer.type() + "; charset=utf-8");
            if (HEAD.equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(answer.status(), -1);
            } else {
                exchange.sendResponseHeaders(answer.status(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
            }
        } catch (IOException clientGone) {
            // The client closed the connection before the answer was written: nobody is left to tell.
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String allowed = switch (path) {
            case "/predict" -> "POST";
            case "/health", "/model" -> "GET";
            default -> null;
        };
        if (allowed == null) {
            return Answer.error(404, "no such path: " + path + " (POST /predict, GET /health, GET /model)");
        }
        // HEAD asks for a GET's status and headers alone (load balancers' health checks use it).
        if (!allowed.equals(method) && !(HEAD.equals(method) && allowed.equals("GET"))) {
            exchange.getResponseHeaders().set("Allow", allowed.equals("GET") ? "GET, HEAD" : allowed);
            return Answer.error(405, path + " takes " + allowed + ", not " + method);
        }
        return switch (path) {
            case "/health" -> new Answer(200, JSON_TYPE, bytes(JSON.createObjectNode().put("status", "ok")));
            case "/model" -> new Answer(200, JSON_TYPE, modelJson);
            default -> predict(exchange);
        };
    }

    private Answer predict(HttpExchange exchange) throws IOException {
        String type = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!JSON_TYPE.equals(type) && !CSV_TYPE.equals(type)) {
            return Answer.error(415, "Content-Type must be " + JSON_TYPE + " or " + CSV_TYPE
                    + (type.isEmpty() ? "; the request has none" : ", not " + type));
        }
        byte[] body = body(exchange);
        if (JSON_TYPE.equals(type)) {
            Predictions predictions;
            try {
                predictions = Predictions.of(model, RequestRows.json(body, model));
            } catch (InvalidDataException e) {
                throw new UserException(RequestRows.rowsNamed(e.getMessage()));
            }
            ObjectNode json = predictions.json(true);
            if (!predictions.unseenCategories().isEmpty()) {
                ObjectNode unseen = json.putObject("unseen_categories");
                predictions.unseenCategories().forEach(unseen::put);
            }
            if (predictions.skipped() > 0) {
                ArrayNode predicted = json.putArray("predicted_rows");
                for (int row : predictions.rows()) {
                    predicted.add(row + 1);
                }
            }
            return new Answer(200, JSON_TYPE, bytes(json));
        }
        Frame frame = RequestRows.csv(body, model);
        StringWriter text = new StringWriter();
        Predictions.of(model, frame).csv(true, true).write(text);
        return new Answer(200, CSV_TYPE, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The request body, refused unread when its declared length is over the limit and cut off when it grows past. */
    private byte[] body(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new UserException("Content-Length is not a number: " + declared);
            }
            requireWithin(length);
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            requireWithin(body.length);
            return body;
        }
    }

    private void requireWithin(long length) {
        if (length > maxBody) {
            throw new UserException("the body is larger than the server's limit of " + maxBody + " bytes "
                    + "(--max-body); send fewer rows per request");
        }
    }

    private static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** {@code GET /model}: the columns it reads (with their types and categories), what it predicts, its network. */
    static ObjectNode describe(Model model) {
        ObjectNode json = JSON.createObjectNode();
        json.put("task", model.task().id());
        json.put("target", model.target());
        ArrayNode inputs = json.putArray("inputs");
        FeatureEncoder features = model.preparation().features();
        for (int j = 0; j < features.columns().size(); j++) {
            ObjectNode input = inputs.addObject().put("name", features.columns().get(j));
            ColumnType type = features.types().get(j);
            input.put("type", type.name().toLowerCase(Locale.ROOT));
            if (type == ColumnType.CATEGORICAL) {
                ArrayNode categories = input.putArray("categories");
                features.categories().get(j).forEach(categories::add);
            }
        }
        ArrayNode ignored = json.putArray("ignored");
        model.preparation().ignored().forEach(ignored::add);
        json.put("missing", model.preparation().missing().id());
        ArrayNode outputs = json.putArray("outputs");
        model.outputs().forEach(outputs::add);
        ArrayNode classes = json.putArray("classes");
        model.classes().forEach(classes::add);
        json.put("architecture", model.network().architecture().toString());
        return json;
    }

    /** One line of JSON, ended by a line break (so that {@code curl} leaves the prompt on a line of its own). */
    private static byte[] bytes(ObjectNode json) {
        try {
            return (JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
