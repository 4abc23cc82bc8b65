package dev.backprop.data;

/**
 * Thrown (without a stack trace) where a byte-level reader gives up and the general reader must read the file:
 * {@link PlainCsvReader} for {@link CsvFrameReader}, {@link PlainArffReader} for {@link ArffReader}.
 */
final class NotPlainText extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The one instance: it carries no message of its own, the general reader says what is wrong. */
    static final NotPlainText INSTANCE = new NotPlainText();

    private NotPlainText() {
        super("not plain text", null, false, false);
    }
}
