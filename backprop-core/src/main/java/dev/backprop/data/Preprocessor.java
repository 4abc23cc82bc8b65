package dev.backprop.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything done to a frame before it reaches a network, fitted on training data and stored with a model so that
 * evaluation and prediction prepare new data exactly as training did. Immutable.
 *
 * <p>In order: drop the ignored columns; read date columns as numbers ({@link DateFeatures}); handle missing cells by the {@link MissingPolicy} (refuse; fill inputs with
 * the training mean or mode and drop rows without a target; or drop incomplete rows); encode the inputs with a
 * {@link FeatureEncoder} (one-hot for categorical columns) and the target with a {@link TargetEncoder} (task and
 * classes). The inputs are all columns except the ignored ones and the target, in the training file's order; new data
 * is matched by column name, so its columns may come in any order and extra ones are left alone.
 *
 * <p>State, for serialisation: {@link #ignored()}, {@link #dates()}, {@link #missing()}, {@link #imputation()} (present only for
 * {@link MissingPolicy#MEAN}), {@link #features()}, {@link #target()}; {@link #of} rebuilds an equal object.
 *
 * <pre>{@code
 * Frame frame = DataFiles.read(Path.of("weather.arff"));
 * Split split = Split.of(frame, "play", 0.7, 42);
 * Preprocessor prep = Preprocessor.fit(split.train(frame),
 *         PreprocessConfig.of("play").withMissing(MissingPolicy.MEAN));
 * Dataset train = prep.apply(split.train(frame)).dataset();
 * Prepared test = prep.apply(split.test(frame));   // test.unseenCategories() for a warning
 * }</pre>
 *
 * <p>Serializable, so that a distributed trainer can ship it to its workers (the serialized form is no storage
 * format: the model file is).
 *
 * @serial exclude
 */
public final class Preprocessor implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> ignored;
    private final DateFeatures dates;
    private final MissingPolicy missing;
    private final Imputation imputation;
    private final FeatureEncoder features;
    private final TargetEncoder target;

    private Preprocessor(List<String> ignored, DateFeatures dates, MissingPolicy missing, Imputation imputation,
                         FeatureEncoder features, TargetEncoder target) {
        this.ignored = ignored;
        this.dates = dates;
        this.missing = missing;
        this.imputation = imputation;
        this.features = features;
        this.target = target;
    }

    /**
     * A preprocessor from stored parts.
     *
     * @param ignored  the columns dropped first; copied
     * @param missing  how missing cells are handled
     * @param features the input encoding
     * @param target   the target encoding
     * @return the preprocessor
     * @param imputation required for {@link MissingPolicy#MEAN}, over the same columns as {@code features};
     *                   {@code null} otherwise
     * @throws IllegalArgumentException if the parts do not fit together: an imputation without mean filling (or the
     *                                  reverse) or over other columns, the target among the inputs, or an ignored
     *                                  column that is an input or the target
     */
    public static Preprocessor of(List<String> ignored, MissingPolicy missing, Imputation imputation,
                                  FeatureEncoder features, TargetEncoder target) {
        return of(ignored, DateFeatures.none(), missing, imputation, features, target);
    }

    /**
     * A preprocessor from stored parts, with date columns read as numbers.
     *
     * @param ignored    the columns dropped first; copied
     * @param dates      the date columns read as numbers, whose parts the features name
     * @param missing    how missing cells are handled
     * @param imputation as for {@link #of(List, MissingPolicy, Imputation, FeatureEncoder, TargetEncoder)}
     * @param features   the input encoding
     * @param target     the target encoding
     * @return the preprocessor
     * @throws IllegalArgumentException as {@link #of(List, MissingPolicy, Imputation, FeatureEncoder, TargetEncoder)},
     *                                  or if a date column is ignored, a target, or an input under its own name
     */
    public static Preprocessor of(List<String> ignored, DateFeatures dates, MissingPolicy missing,
                                  Imputation imputation, FeatureEncoder features, TargetEncoder target) {
        PreprocessorParts.requireConsistent(ignored, dates, missing, imputation, features, target);
        return new Preprocessor(List.copyOf(ignored), dates, missing, imputation, features, target);
    }

    /**
     * Fits every step on {@code train}.
     *
     * @param train  the training rows; not modified
     * @param config which columns to ignore, the target, the missing-value policy and the task
     * @return the fitted preprocessor
     * @throws InvalidDataException if the target or an ignored column is absent, no input is left, a missing cell is
     *                              found under {@link MissingPolicy#ERROR} (naming the column, the count, the first
     *                              lines and the flags that handle them), no row is left after dropping, a column has
     *                              no value to fill with, or the target does not suit the task
     */
    public static Preprocessor fit(Frame train, PreprocessConfig config) {
        config.inputs(train.names(), train.source());
        DateFeatures dates = DateFeatures.fit(train, config.dates());
        return fitExpanded(dates.expand(train), config, dates);
    }

    private static Preprocessor fitExpanded(Frame train, PreprocessConfig config, DateFeatures dates) {
        List<String> inputs = config.inputs(train.names(), train.source());
        List<String> used = new ArrayList<>(inputs);
        used.addAll(config.targets());
        List<Task> tasks = TaskChoice.tasks(config, train);
        int[] kept = KeptRows.of(train, config.missing(), inputs, used, true);
        Frame rows = KeptRows.select(train, kept);
        List<ColumnType> uses = new ArrayList<>();
        for (String name : inputs) {
            uses.add(rows.column(name).type());
        }
        for (int t = 0; t < tasks.size(); t++) {
            uses.add(TaskChoice.use(rows, config.targets().get(t), tasks.get(t)));
        }
        return fit(FitSummary.of(rows, used, uses), config, train.source(), dates);
    }

    /**
     * Fits every step from the summary of the rows the missing-value policy keeps, as {@link #fit(Frame,
     * PreprocessConfig)} does from the rows themselves: the means and modes, the categories present, the task and
     * the classes.
     *
     * @param summary the kept rows' summary: the input columns used as their type, then the targets, used as
     *                numbers for regression and as labels for classification
     * @param config  which columns were ignored, the target and the missing-value policy
     * @param source  the data's name in messages, or null
     * @return the fitted preprocessor
     * @throws InvalidDataException if an input has no value to fill with, or classification finds fewer than two
     *                              classes
     */
    public static Preprocessor fit(FitSummary summary, PreprocessConfig config, String source) {
        return fit(summary, config, source, DateFeatures.none());
    }

    /**
     * As {@link #fit(FitSummary, PreprocessConfig, String)}, for rows whose date columns were read as numbers by
     * {@code dates} before they were summarised (the summary names the dates' parts, not the date columns).
     *
     * @param summary the kept rows' summary, date columns expanded into their parts
     * @param config  which columns were ignored, the targets and the missing-value policy
     * @param source  the data's name in messages, or null
     * @param dates   the date columns read as numbers
     * @return the fitted preprocessor, which reads those date columns alike
     * @throws InvalidDataException as {@link #fit(FitSummary, PreprocessConfig, String)}
     */
    public static Preprocessor fit(FitSummary summary, PreprocessConfig config, String source, DateFeatures dates) {
        int m = summary.columns().size() - config.targets().size();
        Imputation imputation = config.missing() == MissingPolicy.MEAN ? Imputation.fit(summary, m, source) : null;
        FeatureEncoder features = FeatureEncoder.fit(summary, m);
        TargetEncoder target = TargetEncoder.fit(summary, m, source);
        return new Preprocessor(config.ignore(), dates, config.missing(), imputation, features, target);
    }

    /**
     * Prepares {@code frame}, which must have the target column (to train on it or evaluate against it).
     *
     * @param given the data, with the input and target columns; not modified
     * @return the encoded inputs and targets, with the rows that were kept
     * @throws InvalidDataException naming absent columns, a missing cell under {@link MissingPolicy#ERROR}, a missing
     *                              target, text in a numeric column, or no row left
     */
    public Prepared apply(Frame given) {
        Frame frame = dates.expand(given);
        List<String> used = usedColumns();
        frame.requireColumns(used);
        int[] rows = KeptRows.of(frame, missing, features.columns(), used, false);
        Frame kept = fill(KeptRows.select(frame, rows));
        EncodedFeatures x = features.encode(kept);
        EncodedTarget y = target.encode(kept);
        Dataset dataset = new Dataset(features.outputNames(), target.outputNames(), x.x(), y.y());
        return new Prepared(dataset, rows, x.unseenCategories(), y.unseenClasses());
    }

    /**
     * Prepares the inputs of {@code frame} to predict from; a target column, if there, is left alone.
     *
     * @param given the data, with the input columns; not modified
     * @return the encoded inputs, with the rows that were kept
     * @throws InvalidDataException naming absent input columns, a missing cell under {@link MissingPolicy#ERROR}, text
     *                              in a numeric column, or no row left
     */
    public EncodedInputs applyInputs(Frame given) {
        Frame frame = dates.expand(given);
        List<String> used = features.columns();
        frame.requireColumns(used);
        int[] rows = KeptRows.of(frame, missing, used, used, false);
        Frame kept = fill(KeptRows.select(frame, rows));
        EncodedFeatures x = features.encode(kept);
        return new EncodedInputs(features.outputNames(), x.x(), rows, x.unseenCategories());
    }

    private Frame fill(Frame frame) {
        return imputation == null ? frame : imputation.apply(frame);
    }

    /**
     * The columns dropped before anything else.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> ignored() {
        return ignored;
    }

    /**
     * The date columns read as numbers, whose parts the {@link #features()} name.
     *
     * @return the date expansion; {@link DateFeatures#none()} if there is none
     */
    public DateFeatures dates() {
        return dates;
    }

    /**
     * What is done with a missing cell: refuse it, drop its row, or fill it in.
     *
     * @return the policy, never null
     */
    public MissingPolicy missing() {
        return missing;
    }

    /**
     * The fill values, present only when {@link #missing()} is {@link MissingPolicy#MEAN}.
     *
     * @return the imputation, or empty for the other policies
     */
    public Optional<Imputation> imputation() {
        return Optional.ofNullable(imputation);
    }

    /**
     * How the input columns become the network's inputs (numeric as they are, categorical one-hot).
     *
     * @return the feature encoder, never null
     */
    public FeatureEncoder features() {
        return features;
    }

    /**
     * How the target column becomes the network's outputs.
     *
     * @return the target encoder, never null
     */
    public TargetEncoder target() {
        return target;
    }

    /**
     * The columns {@link #apply} reads: the inputs, then the targets.
     *
     * @return a new list of column names
     */
    public List<String> usedColumns() {
        List<String> used = new ArrayList<>(features.columns());
        used.addAll(target.columns());
        return used;
    }

    /**
     * How {@link #apply} reads each of the {@link #usedColumns()}: an input by its type, a target as numbers for
     * regression and as labels for classification.
     *
     * @return a new list, one type per used column
     */
    public List<ColumnType> usedTypes() {
        List<ColumnType> types = new ArrayList<>(features.types());
        target.columns().forEach(column -> types.add(target.task().targetUse()));
        return types;
    }

    /**
     * The input columns new data must have, in order, as the data file names them: a date column once, not the
     * numeric parts it becomes ({@link #features()} names those).
     *
     * @return an unmodifiable list of column names
     */
    public List<String> inputColumns() {
        return List.copyOf(dates.sourceColumns(features.columns()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessor p && ignored.equals(p.ignored) && dates.equals(p.dates) && missing == p.missing
                && Objects.equals(imputation, p.imputation) && features.equals(p.features) && target.equals(p.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ignored, dates, missing, imputation, features, target);
    }

    @Override
    public String toString() {
        return "Preprocessor(ignore " + ignored + ", missing " + missing.id() + ", " + features + ", " + target + ")";
    }
}
