package dev.backprop.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.io.ModelFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code backprop serve}'s HTTP answers, from a server in this JVM on a free port, against {@code predict}'s. */
class PredictionServerTest {
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Iris rows as written in data/iris.csv, species included (a target column may be sent; it is ignored). */
    private static final String IRIS = """
            sepal_length,sepal_width,petal_length,petal_width,species
            5.1,3.5,1.4,0.2,setosa
            6.4,3.2,4.5,1.5,versicolor
            6.3,3.3,6,2.5,virginica
            5.9,3,5.1,1.8,virginica
            """;
    /** A regression with a categorical input and --missing mean: the cells a JSON body can leave empty. */
    private static final String HOUSES = """
            rooms,town,price
            3,north,210.5
            4,south,250
            2,north,150.25
            5,east,330
            3,south,205
            4,east,270.75
            """;

    @TempDir
    static Path dir;
    private static PredictionServer iris;
    private static PredictionServer houses;
    private static PredictionServer small;
    private static PredictionServer dropping;
    private static StringWriter log = new StringWriter();

    @BeforeAll
    static void start() throws IOException {
        Path irisModel = dir.resolve("iris.json");
        assertThat(Cli.run("train", RealDataTest.DATA.resolve("iris.csv").toString(), "--epochs", "40", "--out",
                irisModel.toString(), "--quiet").exitCode()).isZero();
        Files.writeString(dir.resolve("houses.csv"), HOUSES);
        Path housesModel = dir.resolve("houses.json");
        assertThat(Cli.run("train", dir.resolve("houses.csv").toString(), "--missing", "mean", "--hidden", "4",
                "--epochs", "30", "--out", housesModel.toString(), "--quiet").exitCode()).isZero();
        Path droppingModel = dir.resolve("dropping.json");
        assertThat(Cli.run("train", dir.resolve("houses.csv").toString(), "--missing", "drop", "--hidden", "4",
                "--epochs", "30", "--out", droppingModel.toString(), "--quiet").exitCode()).isZero();
        PrintWriter errors = new PrintWriter(log, true);
        iris = PredictionServer.start(ModelFile.read(irisModel), local(), 10L << 20, 4, 0, errors);
        houses = PredictionServer.start(ModelFile.read(housesModel), local(), 10L << 20, 2, 0, errors);
        small = PredictionServer.start(ModelFile.read(irisModel), local(), 200, 1, 0, errors);
        dropping = PredictionServer.start(ModelFile.read(droppingModel), local(), 10L << 20, 1, 0, errors);
    }

    @AfterAll
    static void stop() {
        for (PredictionServer server : new PredictionServer[] {iris, houses, small, dropping}) {
            if (server != null) {
                server.stop(5);
            }
        }
        assertThat(log.toString()).as("no request failed unforeseen").isEmpty();
    }

    private static InetSocketAddress local() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    private static HttpResponse<String> post(PredictionServer server, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/predict"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(PredictionServer server, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The rows of a CSV text as a JSON body, each cell as a JSON number when it reads as one, else as a string. */
    private static String jsonRows(String csv) {
        String[] lines = csv.strip().split("\n");
        String[] names = lines[0].split(",");
        StringBuilder json = new StringBuilder("{\"rows\": [");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            json.append(i > 1 ? ", " : "").append('{');
            for (int j = 0; j < names.length; j++) {
                String cell = cells[j];
                String value = cell.isEmpty() ? "null" : cell.matches("-?[0-9.]+") ? cell : '"' + cell + '"';
                json.append(j > 0 ? ", " : "").append('"').append(names[j]).append("\": ").append(value);
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }

    private static String predict(String model, String csv, String... options) throws IOException {
        Path data = Files.createTempFile(dir, "rows", ".csv");
        Files.writeString(data, csv);
        List<String> args = new ArrayList<>(List.of("predict", "--model", dir.resolve(model).toString(),
                data.toString(), "--proba"));
        args.addAll(List.of(options));
        Cli run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void aCsvBodyIsAnsweredWithPredictsCsvToTheLastDigit() throws Exception {
        HttpResponse<String> answer = post(iris, "text/csv", IRIS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(answer.body()).isEqualTo(predict("iris.json", IRIS)).contains("proba_virginica");
    }

    @Test
    void aJsonBodyIsAnsweredWithPredictsJsonToTheLastDigit() throws Exception {
        HttpResponse<String> answer = post(iris, "application/json; charset=utf-8", jsonRows(IRIS));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).endsWith("}\n").doesNotContain("\n  ");
        ObjectNode expected = (ObjectNode) EXACT.readTree(predict("iris.json", IRIS, "--format", "json"));
        expected.remove("out");
        assertThat(EXACT.readTree(answer.body())).isEqualTo(expected);
        assertThat(expected.get("probabilities")).hasSize(4);
    }

    @Test
    void missingCellsAndCategoriesReadAsPredictReadsThemFromAFile() throws Exception {
        String rows = """
                rooms,town
                3,north
                ,south
                4,
                2,east
                """;
        HttpResponse<String> answer = post(houses, "application/json", jsonRows(rows));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        ObjectNode expected = (ObjectNode) EXACT.readTree(predict("houses.json", rows, "--format", "json"));
        expected.remove("out");
        assertThat(EXACT.readTree(answer.body())).isEqualTo(expected);
        assertThat(expected.get("predictions")).hasSize(4);
        assertThat(post(houses, "text/csv", rows).body()).isEqualTo(predict("houses.json", rows));
        String leftOut = "{\"rows\": [{\"rooms\": 3, \"town\": \"north\"}, {\"town\": \"south\"}, {\"rooms\": 4}]}";
        JsonNode firstThree = EXACT.readTree(post(houses, "application/json", leftOut).body()).get("predictions");
        assertThat(firstThree).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(firstThree.get(i)).as("a key left out is a missing cell").isEqualTo(
                    expected.get("predictions").get(i));
        }
    }

    @Test
    void rowsTheModelDropsAreNamedByTheRowsThatWerePredicted() throws Exception {
        String rows = """
                rooms,town
                3,north
                ,south
                4,east
                """;
        JsonNode answer = EXACT.readTree(post(dropping, "application/json", jsonRows(rows)).body());
        ObjectNode expected = (ObjectNode) EXACT.readTree(predict("dropping.json", rows, "--format", "json"));
        assertThat(answer.get("predictions")).isEqualTo(expected.get("predictions")).hasSize(2);
        assertThat(answer.get("rows").asInt()).isEqualTo(2);
        assertThat(answer.get("predicted_rows").toString()).isEqualTo("[1,3]");
        JsonNode kept = EXACT.readTree(post(houses, "application/json", jsonRows(rows)).body());
        assertThat(kept.has("predicted_rows")).as("only an answer that left rows out lists them").isFalse();
        assertThat(kept.has("unseen_categories")).isFalse();
    }

    @Test
    void categoriesTrainingNeverSawAreCountedInTheAnswer() throws Exception {
        String rows = """
                rooms,town
                3,west
                4,north
                2,west
                """;
        JsonNode answer = EXACT.readTree(post(houses, "application/json", jsonRows(rows)).body());
        assertThat(answer.get("unseen_categories").toString()).isEqualTo("{\"town\":2}");
        ObjectNode expected = (ObjectNode) EXACT.readTree(predict("houses.json", rows, "--format", "json"));
        assertThat(answer.get("predictions")).isEqualTo(expected.get("predictions")).hasSize(3);
    }

    @Test
    void idsComeBackAsPredictWritesThemAndEveryTargetColumnMayBeSent() throws Exception {
        String rows = """
                id,x,a,b
                007,0.1,1.5,2
                008,0.4,2.5,1
                1e3,0.9,3.5,0
                """;
        Files.writeString(dir.resolve("two.csv"), rows);
        Path model = dir.resolve("two.json");
        Cli trained = Cli.run("train", dir.resolve("two.csv").toString(), "--ignore", "id", "--target", "a,b",
                "--hidden", "2", "--epochs", "5", "--out", model.toString(), "--quiet");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        PredictionServer two = PredictionServer.start(ModelFile.read(model), local(), 10L << 20, 1, 0,
                new PrintWriter(log, true));
        try {
            HttpResponse<String> answer = post(two, "text/csv", rows);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(predict("two.json", rows)).startsWith("id,x,predicted_a,predicted_b\n");
        } finally {
            two.stop(5);
        }
    }

    @Test
    void healthAndModelDescribeTheServer() throws Exception {
        HttpResponse<String> health = get(iris, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}\n");
        JsonNode model = EXACT.readTree(get(iris, "/model").body());
        assertThat(model.get("task").asText()).isEqualTo("classification");
        assertThat(model.get("target").asText()).isEqualTo("species");
        assertThat(model.get("inputs").findValuesAsText("name"))
                .containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
        assertThat(model.get("classes").toString()).isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");
        assertThat(model.get("architecture").asText()).startsWith("4 -> ").endsWith("-> 3 softmax+b, loss "
                + "categorical-cross-entropy");
        JsonNode town = EXACT.readTree(get(houses, "/model").body()).get("inputs").get(1);
        assertThat(town.toString()).isEqualTo("{\"name\":\"town\",\"type\":\"categorical\","
                + "\"categories\":[\"east\",\"north\",\"south\"]}");
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String error) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).endsWith("\n").hasLineCount(1).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(EXACT.readTree(answer.body()).get("error").asText()).isEqualTo(error);
    }

    @Test
    void eachBadRequestIsRefusedWithOneLineOfJsonAndTheServerGoesOn() throws Exception {
        String row = "\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4";
        assertRefused(post(iris, "application/json", "{\"rows\": [{" + row + ", }]}"), 400,
                "request: malformed JSON: Unexpected character ('}' (code 125)): was expecting double-quote to "
                        + "start field name at line 1, column 75");
        assertRefused(post(iris, "application/json", "{\"rows\": [{" + row + ", \"petal_widht\": 0.2}]}"), 400,
                "request: unknown column 'petal_widht' (the model reads sepal_length, sepal_width, petal_length, "
                        + "petal_width)");
        assertRefused(post(iris, "application/json", "{\"rows\": [{" + row + "}]}"), 400,
                "request: no column named 'petal_width' (columns: sepal_length, sepal_width, petal_length)");
        assertRefused(post(iris, "application/json", "{\"rows\": [{" + row + ", \"petal_width\": 0.2}, {" + row
                + ", \"petal_width\": \"wide\"}]}"), 400, "request: row 2, column 'petal_width': 'wide' is not a "
                + "number, but this column was numeric in the training data");
        assertRefused(post(iris, "application/json", "{\"rows\": [{" + row + ", \"petal_width\": true}]}"), 400,
                "request: row 1, column 'petal_width': a boolean is not a number, a string or null");
        assertRefused(post(iris, "application/json", "{\"rows\": [{" + row + ", \"petal_width\": [1]}]}"), 400,
                "request: row 1, column 'petal_width': an array is not a number, a string or null");
        assertRefused(post(iris, "application/json", "{\"rows\": [{" + row + ", \"petal_width\": 0.2}, {" + row
                + ", \"petal_width\": 1e999}]}"), 400, "request: row 2, column 'petal_width': '1e999' is too large "
                + "for a double (largest about 1.8e308)");
        assertRefused(post(iris, "application/json", "{\"rows\": []}"), 400,
                "request: \"rows\" is empty: nothing to predict");
        assertRefused(post(iris, "application/json", "[1, 2]"), 400,
                "request: the body must be a JSON object {\"rows\": [...]}");
        assertRefused(post(iris, "application/json", "{\"rows\": [{" + row + ", \"petal_width\": null}]}"), 400,
                "request: row 1, column 'petal_width': 1 value is missing in this column (line 1); the model was "
                        + "trained with --missing error, so it cannot fill them: fill them in the file, or retrain "
                        + "with --missing mean or --missing drop");
        assertRefused(post(iris, "text/csv", "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4\n"),
                400, "request: line 2, column 'petal_width': the row has 3 fields but the header has 4 (this column and "
                        + "those after it have no value)");
        assertRefused(post(iris, "text/plain", "x"), 415,
                "Content-Type must be application/json or text/csv, not text/plain");
        assertRefused(post(iris, null, "x"), 415,
                "Content-Type must be application/json or text/csv; the request has none");
        assertRefused(get(iris, "/predict"), 405, "/predict takes POST, not GET");
        assertRefused(get(iris, "/predictions"), 404,
                "no such path: /predictions (POST /predict, GET /health, GET /model)");
        assertThat(get(iris, "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndAHugeOneBeforeItIsRead() throws Exception {
        String over = IRIS + IRIS.lines().skip(1).map(line -> line + "\n").reduce("", String::concat).repeat(2);
        assertThat(over.length()).isGreaterThan(200);
        assertRefused(post(small, "text/csv", over), 400, "the body is larger than the server's limit of 200 "
                + "bytes (--max-body); send fewer rows per request");
        // A client that declares 10 GB and sends nothing: the answer comes from the header alone.
        try (Socket socket = new Socket("127.0.0.1", iris.uri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: 10000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 400 ").endsWith("{\"error\":\"the body is larger than the "
                    + "server's limit of 10485760 bytes (--max-body); send fewer rows per request\"}\n");
        }
        assertThat(post(small, "text/csv", IRIS.substring(0, 100)).statusCode()).isEqualTo(200);
    }

    /**
     * A key a row leaves out costs the body nothing but is a cell of the frame: an 8.8 MB body of one row naming
     * 100,000 columns and 550,000 rows naming the last of them once made the server pad every row to 100,000 cells and
     * fill a 6 GB heap. Now a column the model does not know is refused where it first appears, before the rest of
     * the body is read, and the frame may have no more cells than the body has bytes.
     */
    @Test
    void rowsThatLeaveOutMostKeysAreRefusedBeforeTheirCellsAreMade() throws Exception {
        String full = "{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}";
        String sparse = "{\"rows\": [" + full + ",{}".repeat(1_000) + "]}";
        assertRefused(post(iris, "application/json", sparse), 400, String.format(java.util.Locale.ROOT,
                "request: 1,001 rows of 4 columns are 4,004 cells, more than the body's %,d bytes: the rows leave out "
                        + "most keys (each a missing cell); send each row's values, or the rows as CSV",
                sparse.length()));
        assertRefused(post(iris, "application/json", "{\"rows\": [{\"sepal_lenght\": 5.1}, {\"sepal_length\": "),
                400, "request: unknown column 'sepal_lenght' (the model reads sepal_length, sepal_width, "
                        + "petal_length, petal_width)");
        String someMissing = "{\"rows\": [" + full + ", {\"sepal_length\": 6.0, \"sepal_width\": 3.0, "
                + "\"petal_length\": 4.0}, {\"petal_width\": 2.0}]}";
        assertThat(post(houses, "application/json", "{\"rows\": [{\"rooms\": 3, \"town\": \"north\"}, "
                + "{\"town\": \"south\"}, {}]}").statusCode()).isEqualTo(200);
        assertThat(post(iris, "application/json", someMissing).body()).contains("is missing in this column");
    }

    /** HEAD /health and HEAD /model answer as GET would, without a body; HEAD /predict is refused as GET is. */
    @Test
    void headAnswersAsGetWithoutABody() throws Exception {
        for (String path : new String[] {"/health", "/model"}) {
            HttpResponse<String> head = CLIENT.send(HttpRequest.newBuilder(iris.uri().resolve(path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).as(path).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        }
        HttpResponse<String> predict = CLIENT.send(HttpRequest.newBuilder(iris.uri().resolve("/predict"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(predict.statusCode()).isEqualTo(405);
        assertThat(predict.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(iris.uri().resolve("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(get(iris, "/health").body()).isEqualTo("{\"status\":\"ok\"}\n");
    }

    /** An HTTP/1.1 answer read from a raw socket: the status line and headers, then Content-Length bytes of body. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String text = "";
        while (!text.contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return text;
            }
            bytes.write(b);
            text = bytes.toString(StandardCharsets.US_ASCII);
        }
        Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
        assertThat(length.find()).as(text).isTrue();
        return text + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    @Test
    void concurrentRequestsEachGetTheirOwnAnswer() throws Exception {
        String[] bodies = IRIS.strip().lines().skip(1).map(line -> IRIS.lines().findFirst().orElseThrow() + "\n"
                + line + "\n").toArray(String[]::new);
        String[] expected = new String[bodies.length];
        for (int i = 0; i < bodies.length; i++) {
            expected[i] = post(iris, "text/csv", bodies[i]).body();
        }
        assertThat(expected).doesNotHaveDuplicates();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                answers.add(clients.submit(() -> {
                    for (int k = 0; k < 25; k++) {
                        int i = k % bodies.length;
                        HttpResponse<String> answer = post(iris, "text/csv", bodies[i]);
                        if (answer.statusCode() != 200 || !answer.body().equals(expected[i])) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void stoppingFinishesTheRequestInFlightAndRefusesNewOnes() throws Exception {
        PredictionServer stopping = PredictionServer.start(ModelFile.read(dir.resolve("iris.json")), local(),
                10L << 20, 2, 0, new PrintWriter(log, true));
        String expected = post(stopping, "text/csv", IRIS).body();
        byte[] body = IRIS.getBytes(StandardCharsets.UTF_8);
        ExecutorService stopper = Executors.newSingleThreadExecutor();
        try (Socket socket = new Socket("127.0.0.1", stopping.uri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: "
                    + body.length + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 30);
            out.flush();
            // A worker holds the request (the server read its headers) and waits for the rest of the body.
            assertThat(ServeProcessTest.head(socket.getInputStream())).startsWith("HTTP/1.1 100 Continue\r\n");
            Future<?> stopped = stopper.submit(() -> stopping.stop(Math.toIntExact(Awaits.LIMIT_SECONDS)));
            ServeProcessTest.awaitStopping(stopping.uri());
            assertRefused(get(stopping, "/health"), 503, "the server is stopping");
            assertThat(stopped.isDone()).as("stop waits for the request in flight").isFalse();
            out.write(body, 30, body.length - 30);
            out.flush();
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 OK").endsWith(expected);
            stopped.get(Awaits.LIMIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            stopper.shutdownNow();
        }
    }

    /**
     * A request whose headers are still arriving when the stop begins has not reached the server's handler yet, but a
     * worker holds it: the stop waits for it, and it is answered as a request that came before the stop. Counted only
     * from its handler on, it was cut off with the connection.
     */
    @Test
    void aRequestStillArrivingWhenTheStopBeginsIsAnsweredNotCutOff() throws Exception {
        PredictionServer stopping = PredictionServer.start(ModelFile.read(dir.resolve("iris.json")), local(),
                10L << 20, 2, 0, new PrintWriter(log, true));
        ExecutorService stopper = Executors.newSingleThreadExecutor();
        try (Socket socket = new Socket("127.0.0.1", stopping.uri().getPort())) {
            socket.setSoTimeout(Math.toIntExact(TimeUnit.SECONDS.toMillis(Awaits.LIMIT_SECONDS)));
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: local".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StudioBrowserTest.until(PredictionServerTest::aWorkerReadsARequest, reading -> reading);
            Future<?> stopped = stopper.submit(() -> stopping.stop(Math.toIntExact(Awaits.LIMIT_SECONDS)));
            ServeProcessTest.awaitStopping(stopping.uri());
            assertThat(stopped.isDone()).as("stop waits for the request still arriving").isFalse();
            out.write("host\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 OK")
                    .endsWith("{\"status\":\"ok\"}\n");
            stopped.get(Awaits.LIMIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            stopper.shutdownNow();
        }
    }

    /** Whether a thread of a server's workers is inside the JDK's reading of a request line or headers. */
    private static boolean aWorkerReadsARequest() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().equals("backprop-serve"))
                .anyMatch(thread -> java.util.Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().equals("sun.net.httpserver.Request")));
    }

    @Test
    void theUriNamesTheAddressListenedOn() {
        URI uri = iris.uri();
        assertThat(uri.getScheme()).isEqualTo("http");
        assertThat(uri.getHost()).isEqualTo("127.0.0.1");
        assertThat(uri.getPort()).isPositive();
    }
}
