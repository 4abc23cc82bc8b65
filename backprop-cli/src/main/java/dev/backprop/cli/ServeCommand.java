package dev.backprop.cli;

import dev.backprop.command.CommonOptions;
import dev.backprop.command.OutputFormat;
import dev.backprop.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code backprop serve}: a trained model's predictions over HTTP, until SIGTERM or Ctrl-C. */
@Command(name = "serve", header = "Answer a trained model's predictions over HTTP.",
        description = {"POST /predict takes rows as JSON ({\"rows\": [{\"column\": value, ...}, ...]}) or CSV "
                + "(Content-Type: text/csv, a header and rows)",
                "and answers in the same form, as 'backprop predict --proba' would (JSON as with --format json).",
                "GET /health answers {\"status\":\"ok\"}; GET /model describes the inputs, outputs, classes and network.",
                "A request that cannot be predicted gets 400 and one line of JSON, {\"error\": \"...\"}.",
                "SIGTERM or Ctrl-C stops it once the requests being answered are finished."},
        footer = {"", "Examples:", "  backprop serve --model iris.json",
                "  backprop serve --model iris.json --port 0 --host 0.0.0.0 --max-body 1MB"})
final class ServeCommand implements Callable<Integer> {
    /** How long the requests being answered get to finish after SIGTERM. */
    private static final int GRACE_SECONDS = 10;
    /** A day: the JDK's server keeps the limit in milliseconds as a long, far from overflowing. */
    private static final int MAX_TIMEOUT = 86_400;

    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "-m"}, required = true, paramLabel = "MODEL.json", description = "The trained model.")
    Path model;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "The TCP port; 0 takes any free one (the URL printed says which). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "The address to listen on; 0.0.0.0 for every interface. Default: ${DEFAULT-VALUE} "
                    + "(this machine only).")
    String host;

    @Option(names = "--max-body", defaultValue = "10MB", paramLabel = "SIZE",
            description = "The largest request body, in bytes or with KB, MB, GB (1,024-based). "
                    + "Default: ${DEFAULT-VALUE}.")
    String maxBody;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Drop a client whose request has not arrived within SECONDS, or that has not taken its "
                    + "answer within SECONDS after: slow clients cannot hold every thread. Default: ${DEFAULT-VALUE}.")
    int timeout;

    @Option(names = "--threads", paramLabel = "N",
            description = "How many requests are answered at once. Default: the number of processors.")
    Integer threads;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long limit = bytes(maxBody);
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new UserException("--threads must be at least 1 but was " + workers);
        }
        if (timeout < 1 || timeout > MAX_TIMEOUT) {
            throw new UserException("--timeout must be between 1 and " + MAX_TIMEOUT + " seconds but was " + timeout);
        }
        if (port < 0 || port > 65_535) {
            throw new UserException("--port must be between 0 and 65535 but was " + port);
        }
        Model trained = Inputs.modelForData(model);
        PrintWriter err = spec.commandLine().getErr();
        PredictionServer server;
        try {
            server = PredictionServer.start(trained, new InetSocketAddress(host, port), limit, workers, timeout, err);
        } catch (IOException e) {
            throw new UserException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(GRACE_SECONDS);
            err.println("backprop serve: stopped");
            err.flush();
        }, "backprop-serve-stop"));
        if (common.format() == OutputFormat.JSON) {
            spec.commandLine().getOut().println(Json.write(Json.object()
                    .put("model", model.toString()).put("url", server.uri().toString())));
        } else {
            spec.commandLine().getOut().println("serving " + model + " at " + server.uri());
        }
        spec.commandLine().getOut().flush();
        new CountDownLatch(1).await();
        return 0;
    }

    /** {@code 10MB}, {@code 512KB}, {@code 1000}: a size in bytes, units 1,024-based. */
    static long bytes(String size) {
        String text = size.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        String[] suffixes = {"KB", "MB", "GB"};
        for (int i = 0; i < suffixes.length; i++) {
            if (text.endsWith(suffixes[i])) {
                unit = 1L << (10 * (i + 1));
                text = text.substring(0, text.length() - 2).trim();
            }
        }
        try {
            long value = Long.parseLong(text);
            if (value < 1 || value > Integer.MAX_VALUE / unit) {
                throw new UserException("--max-body must be at least 1 byte and under 2GB but was " + size);
            }
            return value * unit;
        } catch (NumberFormatException e) {
            throw new UserException("--max-body takes a size such as 10MB or 500000 but was '" + size + "'");
        }
    }
}
