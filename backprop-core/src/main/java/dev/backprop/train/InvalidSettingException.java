package dev.backprop.train;

/**
 * A training setting out of range or not fitting the data. The message names the setting as the core does
 * ({@code learningRate must be > 0 and finite but was -0.1}); {@link #optionMessage()} names its command-line option
 * instead, as a front end reports it ({@code --learning-rate must be > 0 ...}).
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The setting that is wrong (not serialized: settings are constants of {@link TrainingSettings}). */
    private final transient TrainingSetting<?> setting;
    /** The message's text before the setting's name. */
    private final String before;
    /** The message's text after the setting's name. */
    private final String after;

    /**
     * @param setting the setting that is wrong
     * @param before  the message's text before the setting's name
     * @param after   its text after the name
     */
    InvalidSettingException(TrainingSetting<?> setting, String before, String after) {
        super(before + setting.label() + after);
        this.setting = setting;
        this.before = before;
        this.after = after;
    }

    /**
     * The setting that is wrong.
     *
     * @return the setting
     */
    public TrainingSetting<?> setting() {
        return setting;
    }

    /**
     * The message with the setting's option in place of its name.
     *
     * @return such as {@code --epochs must be > 0 but was 0}
     */
    public String optionMessage() {
        return before + setting.option() + after;
    }
}
