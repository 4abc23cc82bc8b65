package dev.backprop.cli;

import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.Preprocessor;
import dev.backprop.model.Model;
import dev.backprop.model.TrainingHistory;
import dev.backprop.nn.Network;
import dev.backprop.train.StopReason;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainerConfig;
import dev.backprop.train.TrainingListener;
import dev.backprop.train.TrainingResult;
import dev.backprop.train.TrainingSettings;
import dev.backprop.train.TrainingSummary;

import java.util.Arrays;

/**
 * One training run that {@code backprop studio} shows and steers. Training is the core's own ({@link Trainer} with
 * this session as its {@link TrainingListener}); the session only holds it at a gate between updates (pause, step one
 * update, step one epoch), keeps a copy of the latest weights and gradient for the page, and restarts it for a new
 * learning rate (from the weights so far) or a new seed (from fresh weights).
 *
 * <p>Thread-safety: the training thread and the web server's threads meet only in this object's synchronized methods.
 */
final class StudioSession implements TrainingListener {
    /** What the gate lets through next. */
    private enum Mode { RUN, PAUSE, STEP, EPOCH }

    private final Frame frame;
    private final Preprocessor preprocessor;
    private final Dataset dataset;
    private final Object restarts = new Object();

    private TrainerConfig config;
    /** The fresh model of the current seed: its scalings are the run's. */
    private Model initial;
    private Mode mode = Mode.RUN;
    private boolean stop;
    /** Whether the training thread is held at the gate (so the weights stand still). */
    private boolean waiting;
    private Thread trainer;
    private double epochsPerSecond;

    private double[] parameters;
    private double[] gradient;
    private double[] losses = new double[64];
    private double[] validationLosses = new double[64];
    private int epochs;
    /** Epochs of earlier runs of this seed (before a learning-rate change), so the chart goes on. */
    private int epochOffset;
    private int batchesPerEpoch = 1;
    private int rowsPerEpoch;
    private long rowsSeen;
    private long updates;
    /** The stop reason's id once the run has ended, else null. */
    private String finished;
    /** How the ended run says so: "stopped: epoch limit reached after 500 epochs, J = 0.11". */
    private String finishedLine;
    private long version;
    private long lastEpochNanos;

    /**
     * @param frame           the rows as read, for the walkthrough and the report
     * @param preprocessor    how they become the network's inputs
     * @param config          the first run's settings
     * @param epochsPerSecond the most epochs a second (0: as fast as training goes)
     */
    StudioSession(Frame frame, Preprocessor preprocessor, TrainerConfig config, double epochsPerSecond) {
        this.frame = frame;
        this.preprocessor = preprocessor;
        this.dataset = preprocessor.apply(frame).dataset();
        this.epochsPerSecond = epochsPerSecond;
        synchronized (this) {
            fresh(config);
        }
    }

    /** Starts training (running, not paused). */
    void start() {
        launch(false);
    }

    /** Stops training for good, waiting for its thread. */
    void close() {
        halt();
    }

    synchronized void pause() {
        if (mode != Mode.PAUSE) {
            mode = Mode.PAUSE;
            changed();
        }
    }

    synchronized void resume() {
        mode = Mode.RUN;
        changed();
    }

    /** Lets one update through, then pauses again. */
    synchronized void stepUpdate() {
        mode = Mode.STEP;
        changed();
    }

    /** Lets the rest of this epoch through, then pauses again. */
    synchronized void stepEpoch() {
        mode = Mode.EPOCH;
        changed();
    }

    synchronized void pace(double perSecond) {
        epochsPerSecond = perSecond;
        changed();
    }

    /**
     * Goes on from the weights so far with another learning rate (a new run of the core's trainer: the optimizer
     * starts afresh, which plain gradient descent does not notice). Stays paused if it was.
     *
     * @throws IllegalArgumentException if the rate is not a valid learning rate
     */
    void learningRate(double rate) {
        TrainerConfig next = TrainCommand.parse(() -> config.toBuilder().set(TrainingSettings.LEARNING_RATE, rate)
                .build());
        synchronized (restarts) {
            halt();
            synchronized (this) {
                config = next;
                epochOffset += epochs;
                epochs = 0;
                finished = null;
                changed();
            }
            launch(true);
        }
    }

    /** Starts again from fresh weights drawn with {@code seed}, running. */
    void reset(long seed) {
        TrainerConfig next = config.toBuilder().set(TrainingSettings.SEED, seed).build();
        synchronized (restarts) {
            halt();
            synchronized (this) {
                fresh(next);
                mode = Mode.RUN;
            }
            launch(false);
        }
    }

    /** What the page shows, copied under the lock. */
    synchronized Snapshot snapshot() {
        int total = epochOffset + epochs;
        return new Snapshot(version, Arrays.copyOf(losses, total), Arrays.copyOf(validationLosses, total),
                model(), gradient.clone(), status(), waiting || finished != null, rowsSeen, updates,
                batchesPerEpoch, config, epochsPerSecond);
    }

    /** The weights so far as a model file would hold them: with the preprocessing and the history so far. */
    synchronized Model model() {
        int total = epochOffset + epochs;
        double last = total == 0 ? Double.NaN : losses[total - 1];
        TrainingHistory history = new TrainingHistory(finished != null ? finished : StopReason.INTERRUPTED.id(),
                total, total, last, Arrays.copyOf(losses, total),
                config.validationFraction() > 0 ? Arrays.copyOf(validationLosses, total) : new double[0],
                config.settings());
        return new Model(Network.of(initial.network().architecture(), parameters.clone()), initial.inputs(),
                initial.outputs(), initial.inputScaling(), initial.outputScaling(), preprocessor, history);
    }

    Frame frame() {
        return frame;
    }

    Dataset dataset() {
        return dataset;
    }

    /**
     * The page's state at one moment.
     *
     * @param version          increases with every change
     * @param losses           the training loss of every epoch so far
     * @param validationLosses the validation loss of every epoch (NaN without a split)
     * @param model            the weights so far
     * @param gradient         the last update's gradient, in the model's parameter order
     * @param status           running, paused, or stopped with its reason
     * @param paused           whether nothing moves until asked (paused or finished)
     * @param rowsSeen         rows pushed through updates so far
     * @param updates          updates so far
     * @param batchesPerEpoch  updates per epoch
     * @param config           the run's settings
     * @param epochsPerSecond  the pace (0: none)
     */
    record Snapshot(long version, double[] losses, double[] validationLosses, Model model, double[] gradient,
                    String status, boolean paused, long rowsSeen, long updates, int batchesPerEpoch,
                    TrainerConfig config, double epochsPerSecond) {
    }

    // --- the training thread's side ---

    @Override
    public synchronized void trainingStarted(int maxEpochs, int rows, int batches) {
        rowsPerEpoch = rows;
        batchesPerEpoch = batches;
        lastEpochNanos = System.nanoTime();
        await(false, false);
    }

    @Override
    public synchronized void parametersUpdated(double[] updated, double[] followed) {
        System.arraycopy(updated, 0, parameters, 0, parameters.length);
        System.arraycopy(followed, 0, gradient, 0, gradient.length);
    }

    @Override
    public synchronized void batchEnded(int epoch, int batch, double loss) {
        updates++;
        rowsSeen += batch < batchesPerEpoch ? rowsPerEpoch / batchesPerEpoch
                : rowsPerEpoch - (long) (batchesPerEpoch - 1) * (rowsPerEpoch / batchesPerEpoch);
        changed();
        if (batch < batchesPerEpoch) {
            await(true, false);
        }
    }

    @Override
    public synchronized void epochEnded(int epoch, double trainingLoss, double validationLoss, double rate) {
        int at = epochOffset + epoch - 1;
        if (at >= losses.length) {
            losses = Arrays.copyOf(losses, losses.length * 2);
            validationLosses = Arrays.copyOf(validationLosses, validationLosses.length * 2);
        }
        losses[at] = trainingLoss;
        validationLosses[at] = validationLoss;
        epochs = epoch;
        changed();
        keepPace();
        await(true, true);
    }

    @Override
    public synchronized boolean stopRequested() {
        return stop;
    }

    /** Waits at the gate: after an update ({@code moved}), at an epoch's end ({@code epochEnd}), or before the first. */
    private void await(boolean moved, boolean epochEnd) {
        if (moved && (mode == Mode.STEP || (mode == Mode.EPOCH && epochEnd))) {
            mode = Mode.PAUSE;
            changed();
        }
        if (mode == Mode.PAUSE && !stop) {
            waiting = true;
            changed();
        }
        while (mode == Mode.PAUSE && !stop) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            }
        }
        waiting = false;
        lastEpochNanos = epochEnd ? System.nanoTime() : lastEpochNanos;
    }

    /** Sleeps (releasing the lock) so that epochs come at most {@link #epochsPerSecond} a second. */
    private void keepPace() {
        if (epochsPerSecond <= 0) {
            return;
        }
        long due = lastEpochNanos + (long) (1e9 / epochsPerSecond);
        long left;
        while (!stop && mode == Mode.RUN && (left = due - System.nanoTime()) > 0) {
            try {
                wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            }
        }
    }

    // --- runs ---

    /** Fresh weights and an empty history for {@code next}'s seed. */
    private void fresh(TrainerConfig next) {
        config = next;
        initial = TrainCommand.parse(() -> Trainer.of(next).initialModel(dataset));
        parameters = initial.network().parameters();
        gradient = new double[parameters.length];
        losses = new double[64];
        validationLosses = new double[64];
        epochs = 0;
        epochOffset = 0;
        rowsSeen = 0;
        updates = 0;
        finished = null;
        changed();
    }

    /** Starts a run on a new thread: from the weights so far ({@code goOn}) or from the seed's fresh ones. */
    private void launch(boolean goOn) {
        Thread thread = new Thread(() -> run(goOn), "studio-training");
        thread.setDaemon(true);
        synchronized (this) {
            stop = false;
            trainer = thread;
        }
        thread.start();
    }

    private void run(boolean goOn) {
        TrainerConfig runConfig;
        Network from;
        synchronized (this) {
            runConfig = config;
            from = goOn ? Network.of(initial.network().architecture(), parameters.clone()) : null;
        }
        Trainer run = Trainer.of(runConfig).withListener(this);
        TrainingResult result;
        try {
            result = from == null ? run.train(dataset) : run.train(dataset, from);
        } catch (RuntimeException e) {
            synchronized (this) {
                finished = StopReason.DIVERGED.id();
                finishedLine = "stopped: " + e.getMessage();
                changed();
            }
            return;
        }
        synchronized (this) {
            if (!stop) {
                finished = result.stopReason().id();
                finishedLine = TrainingSummary.stopped(result);
                System.arraycopy(result.model().network().parameters(), 0, parameters, 0, parameters.length);
                changed();
            }
        }
    }

    /** Asks the running training to stop and waits for it. */
    private void halt() {
        Thread running;
        synchronized (this) {
            stop = true;
            notifyAll();
            running = trainer;
        }
        if (running != null) {
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String status() {
        if (finished != null) {
            return finishedLine;
        }
        return switch (mode) {
            case PAUSE -> waiting ? "paused" : "pausing";
            case STEP, EPOCH -> "stepping";
            case RUN -> "training";
        };
    }

    /** Marks a change for the page and wakes the gate. */
    private void changed() {
        version++;
        notifyAll();
    }
}
