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
 * learning rate (from the weights so far) or a new seed (from fresh weights). The gate is a {@link StudioGate} that
 * waits on this session's lock.
 *
 * <p>Thread-safety: the training thread and the web server's threads meet only in this object's synchronized methods.
 */
final class StudioSession implements TrainingListener {
    private final Frame frame;
    private final Preprocessor preprocessor;
    private final Dataset dataset;
    private final Object restarts = new Object();

    private TrainerConfig config;
    /** The fresh model of the current seed: its scalings are the run's. */
    private Model initial;
    private final StudioGate gate;
    private Thread trainer;

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

    /**
     * @param frame           the rows as read, for the walkthrough and the report
     * @param preprocessor    how they become the network's inputs
     * @param dataset         the rows the preprocessor made of them, with their weights if any
     * @param config          the first run's settings
     * @param epochsPerSecond the most epochs a second (0: as fast as training goes)
     */
    StudioSession(Frame frame, Preprocessor preprocessor, Dataset dataset, TrainerConfig config,
                  double epochsPerSecond) {
        this.frame = frame;
        this.preprocessor = preprocessor;
        this.dataset = dataset;
        this.gate = new StudioGate(this, this::changed, epochsPerSecond);
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
        gate.pause();
    }

    synchronized void resume() {
        gate.resume();
    }

    /** Lets one update through, then pauses again. */
    synchronized void stepUpdate() {
        gate.stepUpdate();
    }

    /** Lets the rest of this epoch through, then pauses again. */
    synchronized void stepEpoch() {
        gate.stepEpoch();
    }

    synchronized void pace(double perSecond) {
        gate.pace(perSecond);
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
                gate.resume();
            }
            launch(false);
        }
    }

    /** What the page shows, copied under the lock. */
    synchronized StudioSnapshot snapshot() {
        int total = epochOffset + epochs;
        return new StudioSnapshot(version, Arrays.copyOf(losses, total), Arrays.copyOf(validationLosses, total),
                model(), gradient.clone(), finished != null ? finishedLine : gate.status(),
                gate.holding() || finished != null, rowsSeen, updates, batchesPerEpoch, config, gate.pace());
    }

    /** The weights so far as a model file would hold them: with the preprocessing and the history so far. */
    synchronized Model model() {
        int total = epochOffset + epochs;
        double last = total == 0 ? Double.NaN : losses[total - 1];
        TrainingHistory history = new TrainingHistory(finished != null ? finished : StopReason.INTERRUPTED.id(),
                total, total, last, Arrays.copyOf(losses, total),
                config.validationFraction() > 0 ? Arrays.copyOf(validationLosses, total) : new double[0],
                config.settings());
        return new Model(Network.of(initial.network().architecture(), parameters.clone(), config.precision()),
                initial.inputs(), initial.outputs(), initial.inputScaling(), initial.outputScaling(), preprocessor,
                history);
    }

    Frame frame() {
        return frame;
    }

    Dataset dataset() {
        return dataset;
    }

    // --- the training thread's side ---

    @Override
    public synchronized void trainingStarted(int maxEpochs, int rows, int batches) {
        rowsPerEpoch = rows;
        batchesPerEpoch = batches;
        gate.started();
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
            gate.await(true, false);
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
        gate.keepPace();
        gate.await(true, true);
    }

    @Override
    public synchronized boolean stopRequested() {
        return gate.stopRequested();
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
            gate.reopen();
            trainer = thread;
        }
        thread.start();
    }

    private void run(boolean goOn) {
        TrainerConfig runConfig;
        Network from;
        synchronized (this) {
            runConfig = config;
            from = goOn ? Network.of(initial.network().architecture(), parameters.clone(), config.precision()) : null;
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
            if (!gate.stopRequested()) {
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
            gate.stop();
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

    /** Marks a change for the page and wakes the gate. */
    private void changed() {
        version++;
        notifyAll();
    }
}
