package dev.backprop.data;

/**
 * Thrown (without a stack trace) where {@link PlainCsvReader} gives up and {@link CsvFrameReader} must read the file.
 */
final class NotPlainCsv extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The one instance: it carries no message of its own, the general reader says what is wrong. */
    static final NotPlainCsv INSTANCE = new NotPlainCsv();

    private NotPlainCsv() {
        super("not plain CSV", null, false, false);
    }
}
