package dev.backprop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A load test of {@code backprop serve} over loopback: {@code CLIENTS} clients, each sending one request after the
 * other (a closed loop), for a fixed time after a warm-up of half that time, then requests per second and the p50/p99 latency. Bounded
 * in time (the run) and in count (a client stops at {@code MAX_REQUESTS}).
 *
 * <pre>ServeLoad URL BODY.json CLIENTS SECONDS LABEL</pre>
 */
public final class ServeLoad {
    private static final int MAX_REQUESTS = 1_000_000;

    private ServeLoad() {
    }

    /**
     * Runs the load and prints one table row: {@code | LABEL | clients | requests | req/s | p50 ms | p99 ms |}.
     *
     * @param args URL of /predict, a JSON body file, the number of clients, seconds to measure, a label
     * @throws Exception if a request fails or is not answered 200
     */
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        int clients = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        run(http, request, clients, seconds / 2);
        long[][] latencies = run(http, request, clients, seconds);
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f |%n", args[4], clients, all.length,
                all.length / seconds, all[all.length / 2] / 1e6, all[(int) Math.floor(all.length * 0.99)] / 1e6);
    }

    /** Each client's request latencies in nanoseconds, for requests started within {@code seconds}. */
    private static long[][] run(HttpClient http, HttpRequest request, int clients, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    long[] latency = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end && n < MAX_REQUESTS) {
                        long start = System.nanoTime();
                        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException("answer " + answer.statusCode() + ": "
                                    + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                        if (n == latency.length) {
                            latency = Arrays.copyOf(latency, 2 * n);
                        }
                        latency[n++] = System.nanoTime() - start;
                    }
                    return Arrays.copyOf(latency, n);
                }));
            }
            long[][] latencies = new long[clients][];
            for (int c = 0; c < clients; c++) {
                latencies[c] = futures.get(c).get();
            }
            return latencies;
        } finally {
            pool.shutdownNow();
        }
    }
}
