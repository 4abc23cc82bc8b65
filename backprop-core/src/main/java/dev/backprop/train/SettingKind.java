package dev.backprop.train;

import java.util.List;

/** How a value is typed on a command line and written in a checkpoint. */
public enum SettingKind {
    /** Comma-separated whole numbers ({@code List<Integer>}). */
    SIZES(List.class),
    /** A flag with a {@code --no-} form ({@code Boolean}). */
    BOOLEAN(Boolean.class),
    /** A whole number ({@code Integer}). */
    INTEGER(Integer.class),
    /** A long whole number ({@code Long}). */
    LONG(Long.class),
    /** A number ({@code Double}). */
    DOUBLE(Double.class),
    /** A word parsed by the setting's parser ({@code String} on a command line). */
    ID(String.class);

    private final Class<?> optionType;

    SettingKind(Class<?> optionType) {
        this.optionType = optionType;
    }

    /**
     * The type a command-line parser converts the option's text to, before {@link TrainingSetting#parse}.
     *
     * @return {@code List} (of {@code Integer}), {@code Boolean}, {@code Integer}, {@code Long}, {@code Double}
     *         or {@code String}
     */
    public Class<?> optionType() {
        return optionType;
    }
}
