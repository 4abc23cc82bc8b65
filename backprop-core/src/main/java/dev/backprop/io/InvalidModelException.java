package dev.backprop.io;

/** A model file that cannot be loaded; the message says where and what was expected. */
public final class InvalidModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message what is wrong, on one line, naming the file when it is known
     */
    public InvalidModelException(String message) {
        super(message);
    }
}
