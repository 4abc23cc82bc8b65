package dev.backprop.cli;

import dev.backprop.command.CommonOptions;
import dev.backprop.command.TrainingOptions;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.Preprocessor;
import dev.backprop.train.Preset;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingSetting;
import dev.backprop.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code backprop studio}: trains on a data file (or the seed's example) and shows it live on a local web page: the
 * loss, the network's weights, the fit, and the seed's walkthrough of any single step; with pause, step, a new
 * learning rate or seed, and the model and report to download.
 */
@Command(name = "studio", modelTransformer = SettingOptions.class, sortOptions = false,
        header = "Watch a network learn on a local web page, step by step.",
        description = {"Train on DATA (or, without it, the seed's sleep/study example on the seed's network) and "
                + "show it live on a web page at a local address: the loss of every epoch, the network with its "
                + "weights, the learned surface or decision regions (two inputs), predicted against actual or the "
                + "confusion matrix (more inputs).",
                "The page pauses, steps one update (showing the seed's walkthrough of it: X, W, z, a, delta, "
                        + "dJ/dW and the update) or one epoch, changes the learning rate, starts again with a new "
                        + "seed, and downloads the model file and the report. It needs no network: everything is "
                        + "served from the jar. Stop it with Ctrl-C."},
        footer = {"", "Examples:", "  backprop studio", "  backprop studio data/iris.csv --target species --open",
                "  backprop studio my.csv --hidden 8 --learning-rate 0.5 --port 8080"})
final class StudioCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOrExample trainData;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String bind;

    @Option(names = "--open", description = "Open the page in the desktop's browser.")
    boolean open;

    @Option(names = "--pace", paramLabel = "EPOCHS",
            description = "At most this many epochs a second, so each can be watched (0: as fast as training goes; "
                    + "the page changes it). Default: 20 without DATA, 0 with.")
    Double pace;

    @Option(names = "--preset", paramLabel = "P",
            description = "Starting point of the training options below: seed or auto. Default: seed without DATA, "
                    + "auto with.")
    String preset;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserException("--port must be 0 to 65535 but was " + port);
        }
        if (pace != null && !StudioGate.validPace(pace)) {
            throw new UserException("--pace must be >= 0 epochs a second but was " + pace);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UserException("--bind: no such address '" + bind + "'");
        }
        StudioSession session = session();
        StudioServer server;
        try {
            server = StudioServer.start(session, trainData.data, address, port);
        } catch (BindException e) {
            throw new UserException("--port " + port + " on " + bind + " cannot be used: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("studio running at " + server.url() + " (Ctrl-C stops it)");
        out.flush();
        session.start();
        if (open) {
            openBrowser(server.url(), spec.commandLine().getErr());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            session.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** The data, its preprocessing and the first run's settings, as {@code train} reads them. */
    StudioSession session() {
        Frame frame = trainData.read();
        Preprocessor preprocessor = trainData.fit(frame, null, spec.commandLine().getErr())
                .preprocessor();
        Map<TrainingSetting<?>, Object> given = TrainingOptions.given(spec.commandLine().getParseResult(),
                TrainingSettings.ALL);
        Preset chosen = preset != null ? TrainCommand.parse(() -> Preset.fromId(preset))
                : trainData.data == null ? Preset.SEED : Preset.AUTO;
        TrainerConfig config = TrainCommand.parse(() -> TrainingSettings.configure(chosen,
                preprocessor.target().task(), frame.rows(), given));
        TrainData.requireMemory(config, preprocessor, null, frame.rows(), false);
        Dataset dataset = TrainWeights.of(trainData.weightOptions).encode(frame, preprocessor);
        return new StudioSession(frame, preprocessor, dataset, config,
                pace != null ? pace : trainData.data == null ? 20 : 0);
    }

    /** Opens the page in the desktop's browser, or says how to when there is none. */
    private static void openBrowser(URI url, PrintWriter err) {
        for (String opener : List.of("xdg-open", "open")) {
            try {
                new ProcessBuilder(opener, url.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return;
            } catch (IOException e) {
                // Not this platform's opener: try the next.
            }
        }
        err.println("warning: no browser could be opened; open " + url + " yourself");
        err.flush();
    }
}
