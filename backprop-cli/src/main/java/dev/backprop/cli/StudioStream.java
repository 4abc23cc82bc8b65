package dev.backprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The studio page's live state as Server-Sent Events: one {@code data:} line of JSON ({@link StudioViews#state}) each
 * tick the session changed, with only the epochs the page has not had yet, and the rows per second since the last;
 * while nothing changes (paused, or the run ended), a comment line every {@value #HEARTBEAT_TICKS} ticks, which the
 * page ignores: writing is the only way to learn that a page has gone, and a stream that never learns it would hold
 * its thread of the server's pool for good.
 */
final class StudioStream {
    /** How often a connected page is sent the state, when it changed. */
    static final long TICK_MILLIS = 200;
    /** Ticks without a change after which the page is sent a comment, to find out whether it is still there. */
    static final int HEARTBEAT_TICKS = 5;
    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private StudioStream() {
    }

    /** Sends the state every tick while it changes, until the page goes away. */
    static void send(HttpExchange exchange, StudioSession session) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        int[] plane = plane(exchange.getRequestURI().getRawQuery());
        long seen = -1;
        int from = 0;
        long lastRows = 0;
        long lastNanos = System.nanoTime();
        double rowsPerSecond = 0;
        int quiet = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                StudioSnapshot s = session.snapshot();
                if (s.version() != seen) {
                    long now = System.nanoTime();
                    if (seen >= 0 && s.rowsSeen() >= lastRows && now > lastNanos) {
                        rowsPerSecond = (s.rowsSeen() - lastRows) * 1e9 / (now - lastNanos);
                    }
                    lastRows = s.rowsSeen();
                    lastNanos = now;
                    if (s.losses().length < from) {
                        from = 0;
                    }
                    String json = COMPACT.writeValueAsString(StudioViews.state(s, session.dataset(), from,
                            s.paused() ? 0 : rowsPerSecond, plane));
                    out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    from = s.losses().length;
                    seen = s.version();
                    quiet = 0;
                } else if (++quiet == HEARTBEAT_TICKS) {
                    out.write(HEARTBEAT);
                    out.flush();
                    quiet = 0;
                }
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The page was closed: nothing more to send.
        }
    }

    /** The two inputs {@code ?x=I&y=J} asks the surface to be drawn over, or null. */
    private static int[] plane(String query) {
        int x = -1;
        int y = -1;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            try {
                if (pair.startsWith("x=")) {
                    x = Integer.parseInt(pair.substring(2));
                } else if (pair.startsWith("y=")) {
                    y = Integer.parseInt(pair.substring(2));
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return x >= 0 && y >= 0 ? new int[] {x, y} : null;
    }
}
