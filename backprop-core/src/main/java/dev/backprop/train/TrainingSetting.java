package dev.backprop.train;

import dev.backprop.data.Task;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One training setting, described once: its name (the {@link TrainerConfig} component, the checkpoint's key and the
 * training history's), its command-line options, how a value is typed and parsed, its default in each
 * {@link Preset}, its help text and its check. {@link TrainingSettings} lists them all; the builder, the checkpoint,
 * {@link TrainerConfig#settings()} and the command lines derive from that list. Immutable once the list is built.
 *
 * @param <T> the value's type: {@code List<Integer>}, {@code Boolean}, {@code Integer}, {@code Long}, {@code Double},
 *            or an enum-like type written by its id
 */
public final class TrainingSetting<T> {
    private final String name;
    private final SettingKind kind;
    private final List<String> options;
    private final String paramLabel;
    private final String help;
    private final Function<TrainerConfig, T> value;
    private final T seedDefault;
    private final String seedDefaultText;
    private String label;
    private Function<String, T> parser;
    private Function<T, String> text = String::valueOf;
    private Function<T, String> recorded;
    private Function<T, String> problem = v -> null;
    private Function<T, String> optionProblem = v -> null;
    private BiFunction<Task, Integer, T> autoDefault;
    private String autoDefaultText;
    private Predicate<TrainerConfig> applies = config -> true;
    private String appliesTo;
    private boolean architecture;
    private boolean network;
    private boolean addedLater;

    TrainingSetting(String name, SettingKind kind, List<String> options, String paramLabel, String help,
                    Function<TrainerConfig, T> value, T seedDefault, String seedDefaultText) {
        this.name = name;
        this.kind = kind;
        this.options = List.copyOf(options);
        this.paramLabel = paramLabel;
        this.help = help;
        this.value = value;
        this.seedDefault = seedDefault;
        this.seedDefaultText = seedDefaultText;
        this.label = name;
        this.autoDefault = (task, rows) -> seedDefault;
    }

    // The table's fluent setters: called only while TrainingSettings builds its constants.

    TrainingSetting<T> label(String label) {
        this.label = label;
        return this;
    }

    TrainingSetting<T> parsed(Function<String, T> parser, Function<T, String> id) {
        this.parser = parser;
        this.text = id;
        return this;
    }

    TrainingSetting<T> recorded(Function<T, String> recorded) {
        this.recorded = recorded;
        return this;
    }

    TrainingSetting<T> check(Function<T, String> problem) {
        this.problem = problem;
        return this;
    }

    TrainingSetting<T> optionCheck(Function<T, String> optionProblem) {
        this.optionProblem = optionProblem;
        return this;
    }

    TrainingSetting<T> auto(BiFunction<Task, Integer, T> autoDefault, String autoDefaultText) {
        this.autoDefault = autoDefault;
        this.autoDefaultText = autoDefaultText;
        return this;
    }

    TrainingSetting<T> appliesOnlyTo(Predicate<TrainerConfig> applies, String appliesTo) {
        this.applies = applies;
        this.appliesTo = appliesTo;
        return this;
    }

    TrainingSetting<T> network() {
        this.network = true;
        return this;
    }

    TrainingSetting<T> architecture() {
        this.architecture = true;
        return network();
    }

    TrainingSetting<T> addedLater() {
        this.addedLater = true;
        return this;
    }

    /**
     * The setting's name: the {@link TrainerConfig} component, and its key in checkpoints and training histories.
     *
     * @return the camel-case name, such as {@code learningRate}
     */
    public String name() {
        return name;
    }

    /**
     * How the core's messages name the setting (the name, or "hidden layer" for {@code hidden}).
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * How values are typed.
     *
     * @return the kind
     */
    public SettingKind kind() {
        return kind;
    }

    /**
     * The command-line options, the first the one messages name.
     *
     * @return one or more names such as {@code --learning-rate}, {@code --eta}
     */
    public List<String> options() {
        return options;
    }

    /**
     * The option messages name.
     *
     * @return the first of {@link #options()}
     */
    public String option() {
        return options.get(0);
    }

    /**
     * The placeholder of the option's value in help, such as {@code ETA}.
     *
     * @return the label; unused for a {@link SettingKind#BOOLEAN} flag
     */
    public String paramLabel() {
        return paramLabel;
    }

    /**
     * The option's help text, ending with its default.
     *
     * @param presets true for a command line with {@code --preset}: both presets' defaults are named
     * @return one or more sentences
     */
    public String help(boolean presets) {
        if (presets && autoDefaultText != null) {
            return help + " Preset: " + seedDefaultText + " (seed), " + autoDefaultText + " (auto).";
        }
        return help + " Default: " + seedDefaultText + ".";
    }

    /**
     * The value in {@code config}.
     *
     * @param config a configuration
     * @return the value of this setting
     */
    public T of(TrainerConfig config) {
        return value.apply(config);
    }

    /**
     * The default of {@code preset} for a target of {@code task} trained on {@code rows} rows.
     *
     * @param preset the preset
     * @param task   the target's task (only {@link Preset#AUTO} looks at it); may be null for {@link Preset#SEED}
     * @param rows   the rows of the training data (only {@link Preset#AUTO} looks at it, for its L2 penalty)
     * @return the default, or null where the default follows from other settings (the learning rate)
     */
    public T defaultIn(Preset preset, Task task, int rows) {
        return preset == Preset.SEED ? seedDefault : autoDefault.apply(task, rows);
    }

    /**
     * Parses a value as a command line types it: a word for {@link SettingKind#ID}, otherwise the converted value itself.
     *
     * @param typed a {@code String} for {@link SettingKind#ID}; otherwise a value of type T
     * @return the value
     * @throws IllegalArgumentException naming the word and the allowed ones, for an unknown word
     */
    @SuppressWarnings("unchecked")
    public T parse(Object typed) {
        return kind == SettingKind.ID ? parser.apply((String) typed) : (T) typed;
    }

    /**
     * The value as a word or number: an id for {@link SettingKind#ID}, Java's {@code toString} form otherwise.
     *
     * @param v a value
     * @return its text
     */
    public String text(T v) {
        return text.apply(v);
    }

    /**
     * The value as a model file's training history records it.
     *
     * @param config a configuration
     * @return the text (a batch size of 0 is {@code default})
     */
    public String recordedIn(TrainerConfig config) {
        T v = of(config);
        return recorded != null ? recorded.apply(v) : text(v);
    }

    /**
     * Whether the value matters in {@code config} (μ only with the momentum optimizers).
     *
     * @param config a configuration
     * @return false if training ignores this setting
     */
    public boolean appliesIn(TrainerConfig config) {
        return applies.test(config);
    }

    /**
     * What the setting applies to, for the message of one given where it does not.
     *
     * @return such as "the momentum and nesterov optimizers", or null if it always applies
     */
    public String appliesTo() {
        return appliesTo;
    }

    /**
     * Whether a starting model's file decides this setting (the architecture's layers and activations).
     *
     * @return true for {@code hidden}, {@code activation}, {@code output} and {@code bias}
     */
    public boolean decidedByModel() {
        return architecture;
    }

    /**
     * Whether the network itself records this setting (layers, activations, bias, loss), so that a model file's
     * training history leaves it out.
     *
     * @return true for the architecture's settings and the loss
     */
    public boolean inNetwork() {
        return network;
    }

    /**
     * What a checkpoint or training history written before this setting existed means by leaving it out.
     *
     * @return the value such files were trained with (for {@code precision}: float64), or null for a setting every
     *         file has, whose absence is an error
     */
    public T absentMeans() {
        return addedLater ? seedDefault : null;
    }

    /**
     * Checks a value against the setting's range.
     *
     * @param v the value; null is refused for every setting but the learning rate, which the builder fills
     * @throws InvalidSettingException naming the setting and the allowed range
     * @throws NullPointerException    naming the setting, for null
     */
    void check(T v) {
        if (v == null) {
            throw new NullPointerException(name);
        }
        String wrong = problem.apply(v);
        if (wrong != null) {
            throw new InvalidSettingException(this, "", " " + wrong);
        }
    }

    /**
     * Checks a value given as an option, which may be stricter than the core (a batch size of 0 means the default
     * in the core; typed on a command line it is a mistake).
     *
     * @param v the value
     * @throws InvalidSettingException naming the option and the allowed range
     */
    void checkOption(T v) {
        String wrong = optionProblem.apply(v);
        if (wrong != null) {
            throw new InvalidSettingException(this, "", " " + wrong);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
