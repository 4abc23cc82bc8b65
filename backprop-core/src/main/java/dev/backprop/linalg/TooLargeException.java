package dev.backprop.linalg;

/**
 * An allocation sized by input that the heap (or one Java array) cannot hold, refused before it was tried. An
 * {@link IllegalArgumentException}: the input asked for too much.
 */
public final class TooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The bytes asked for. */
    private final long neededBytes;
    /** The bytes the budget had, or -1. */
    private final long availableBytes;

    /**
     * @param message        one line: what was too big, what it needs and what there is
     * @param neededBytes    the bytes asked for
     * @param availableBytes the bytes the budget had, or -1 when the limit is not the heap's (one array's length)
     */
    public TooLargeException(String message, long neededBytes, long availableBytes) {
        super(message);
        this.neededBytes = neededBytes;
        this.availableBytes = availableBytes;
    }

    /**
     * The same refusal with {@code prefix} before the message, such as the file it came from.
     *
     * @param prefix text put before the message, e.g. {@code "m.json: "}
     * @return a new exception with the same sizes
     */
    public TooLargeException prefixed(String prefix) {
        return new TooLargeException(prefix + getMessage(), neededBytes, availableBytes);
    }

    /**
     * The bytes asked for.
     *
     * @return ≥ 0
     */
    public long neededBytes() {
        return neededBytes;
    }

    /**
     * The bytes the budget had when it refused.
     *
     * @return ≥ 0, or -1 when the limit is one array's length, which a larger heap does not lift
     */
    public long availableBytes() {
        return availableBytes;
    }
}
