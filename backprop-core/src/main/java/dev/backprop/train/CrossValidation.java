package dev.backprop.train;

import dev.backprop.data.CategoricalColumn;
import dev.backprop.data.Dataset;
import dev.backprop.data.Frame;
import dev.backprop.data.InvalidDataException;
import dev.backprop.data.PreprocessConfig;
import dev.backprop.data.Prepared;
import dev.backprop.data.Preprocessor;
import dev.backprop.data.Split;
import dev.backprop.data.Task;
import dev.backprop.linalg.MemoryBudget;
import dev.backprop.linalg.TooLargeException;
import dev.backprop.model.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * K-fold cross-validation of a training configuration on a data file's frame, repeated R times: each fold's model is
 * trained from the fold's training rows alone (the preprocessing, imputation means, categories and scaling all fitted
 * on them, as {@link Trainer#train(Frame, PreprocessConfig)} does) and scored on the fold's test rows
 * ({@link Scores}). Folds are stratified by class for classification and plain for regression ({@link Folds}); the
 * folds of repetition r are seeded by {@link Folds#repeatSeed}(configured seed, r), and every fold trains with the
 * configured seed.
 *
 * <p>Folds may train on several threads at once. Each fold's model depends only on its rows and the configuration,
 * and a product that finds the shared multiply pool busy runs on its own thread without changing a bit, so the
 * scores are the same whatever the parallelism.
 */
public final class CrossValidation {
    /** A fold's own objects beside its rows' division: its task, its score record and the map of its scores. */
    private static final long FOLD_BYTES = 1024;

    private final TrainerConfig config;
    private final PreprocessConfig preprocessing;
    private final int parallelism;
    /** A fold's training rows and the preprocessor fitted on them to the dataset it trains on. */
    private final BiFunction<Frame, Preprocessor, Dataset> encoding;
    /** Told of each fold as it is scored. */
    private final Consumer<FoldScore> foldScored;

    private CrossValidation(TrainerConfig config, PreprocessConfig preprocessing, int parallelism,
                            BiFunction<Frame, Preprocessor, Dataset> encoding, Consumer<FoldScore> foldScored) {
        this.config = Objects.requireNonNull(config, "config");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.parallelism = parallelism;
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.foldScored = Objects.requireNonNull(foldScored, "foldScored");
    }

    /**
     * Cross-validation of {@code config}, folds one after another.
     *
     * @param config        how each fold trains
     * @param preprocessing how each fold's training rows become inputs and targets
     * @return the cross-validation
     */
    public static CrossValidation of(TrainerConfig config, PreprocessConfig preprocessing) {
        return new CrossValidation(config, preprocessing, 1, (rows, preprocessor) -> preprocessor.apply(rows).dataset(),
                fold -> { });
    }

    /**
     * The same cross-validation, training up to {@code threads} folds at once.
     *
     * @param threads ≥ 1
     * @return a new cross-validation; this one is unchanged
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public CrossValidation withParallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1 but was " + threads);
        }
        return new CrossValidation(config, preprocessing, threads, encoding, foldScored);
    }

    /**
     * The same cross-validation, each fold training on {@code encoding}'s dataset of its training rows (given them
     * and the preprocessor fitted on them) instead of the preprocessor's own: how a front end attaches row weights
     * computed from the fold's rows alone (balanced class weights count the fold's classes). Test rows are scored
     * unweighted.
     *
     * @param encoding a fold's training rows and fitted preprocessor to the dataset to train on, its rows in the
     *                 frame's order; called from the folds' threads. The dataset is handed over to the fold's trainer,
     *                 which scales it in place ({@link Trainer#scalingInPlace()}): return a new one each call
     * @return a new cross-validation; this one is unchanged
     */
    public CrossValidation withEncoding(BiFunction<Frame, Preprocessor, Dataset> encoding) {
        return new CrossValidation(config, preprocessing, parallelism, encoding, foldScored);
    }

    /**
     * The same cross-validation, telling {@code foldScored} of each fold as soon as it is scored (how a front end
     * shows progress); the result is the same.
     *
     * @param foldScored told each fold's scores, in the order the folds finish, from the thread that trained it (so
     *                   from several at once when folds train in parallel)
     * @return a new cross-validation; this one is unchanged
     */
    public CrossValidation withProgress(Consumer<FoldScore> foldScored) {
        return new CrossValidation(config, preprocessing, parallelism, encoding, foldScored);
    }

    /**
     * The folds of repetition {@code repeat} of {@code frame}: stratified by the target's labels for classification,
     * plain for regression.
     *
     * @param frame  the data, with the target column; not modified
     * @param task   the target's task
     * @param k      the number of folds, ≥ 2
     * @param repeat the repetition, ≥ 0
     * @return the folds
     * @throws IllegalArgumentException if {@code k < 2} or the frame has fewer rows than folds
     */
    public Folds folds(Frame frame, Task task, int k, int repeat) {
        long seed = Folds.repeatSeed(config.seed(), repeat);
        if (task == Task.CLASSIFICATION) {
            CategoricalColumn labels = frame.column(preprocessing.target()).toCategorical();
            return Folds.stratified(labels.codes(), k, seed);
        }
        return Folds.random(frame.rows(), k, seed);
    }

    /**
     * Runs every fold of every repetition.
     *
     * @param frame   the data, with the target column; not modified
     * @param task    the target's task, which chooses the folds and the scores
     * @param k       folds, ≥ 2
     * @param repeats repetitions, ≥ 1
     * @return each fold's scores, repetition by repetition, fold by fold
     * @throws IllegalArgumentException if {@code k} or {@code repeats} is out of range, or a fold's rows cannot be
     *                                  prepared or trained on (the message names the fold)
     * @throws TooLargeException        if a fold would need more memory than the heap has, or the repeats' folds and
     *                                  scores more than it can hold
     * @throws IllegalStateException    if the calling thread is interrupted (its interrupt status stays set): no
     *                                  scores of folds cut short are returned
     */
    public CrossValidationResult run(Frame frame, Task task, int k, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1 but was " + repeats);
        }
        // Every fold's rows are divided before the first trains, and every fold's scores are kept: a count of
        // repeats that the heap cannot hold is refused here, not by an OutOfMemoryError some minutes in.
        long foldCount = MemoryBudget.times(repeats, k);
        MemoryBudget.heap().require(MemoryBudget.times(foldCount, MemoryBudget.plus(4L * frame.rows(), FOLD_BYTES)),
                "cross-validation of " + MemoryBudget.count(foldCount) + " folds (" + k + " x "
                        + MemoryBudget.count(repeats) + " repeats)",
                "each fold's division of the " + MemoryBudget.count(frame.rows()) + " rows and its scores",
                "use fewer --repeats");
        List<FoldTask> tasks = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            Folds folds = folds(frame, task, k, r);
            for (int f = 0; f < k; f++) {
                tasks.add(new FoldTask(r, f, folds.split(f)));
            }
        }
        List<FoldScore> scores = new ArrayList<>();
        if (parallelism == 1) {
            for (FoldTask t : tasks) {
                scores.add(t.scored(frame));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, tasks.size()), runnable -> {
                Thread thread = new Thread(runnable, "backprop-fold");
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<FoldScore>> futures = new ArrayList<>();
                for (FoldTask t : tasks) {
                    futures.add(pool.submit(() -> t.scored(frame)));
                }
                for (Future<FoldScore> future : futures) {
                    scores.add(future.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("cross-validation was interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    // As the folds on the calling thread throw it: a front end tells the heap running out by its type.
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new CrossValidationResult(task, scores);
    }

    /** One fold of one repetition. */
    private final class FoldTask {
        private final int repeat;
        private final int fold;
        private final Split split;

        FoldTask(int repeat, int fold, Split split) {
            this.repeat = repeat;
            this.fold = fold;
            this.split = split;
        }

        /** {@link #run}, then tells {@link #foldScored}. */
        FoldScore scored(Frame frame) {
            FoldScore score = run(frame);
            foldScored.accept(score);
            return score;
        }

        /** Trains and scores the fold; data it cannot train on or score is reported with the fold's number. */
        FoldScore run(Frame frame) {
            Frame training = split.train(frame);
            Frame test = split.test(frame);
            try {
                Preprocessor preprocessor = Preprocessor.fit(training, preprocessing);
                Dataset trained = encoding.apply(training, preprocessor);
                // The rows counted are those trained on and scored: a row missing its target (or, under --missing
                // drop, any cell) is in neither.
                int trainRows = trained.x().rows();
                TrainingResult result = Trainer.of(config).scalingInPlace().train(trained);
                if (result.stopReason() == StopReason.INTERRUPTED) {
                    // No listener stops a fold: its thread was interrupted, and a fold cut short is no score.
                    throw new IllegalStateException("cross-validation was interrupted");
                }
                Model model = result.model().withPreprocessor(preprocessor);
                Prepared prepared = model.prepare(test);
                Map<String, Double> scores = Scores.score(model, test, prepared);
                return new FoldScore(repeat, fold, trainRows, prepared.rows().length, scores);
            } catch (InvalidSettingException | TooLargeException e) {
                throw e;
            } catch (IllegalArgumentException | InvalidDataException e) {
                throw new IllegalArgumentException("fold " + (fold + 1) + (repeat == 0 ? "" : " of repetition "
                        + (repeat + 1)) + ": " + e.getMessage(), e);
            }
        }
    }
}
