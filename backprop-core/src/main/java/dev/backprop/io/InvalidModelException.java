package dev.backprop.io;

/** A model file that cannot be loaded; the message says where and what was expected. */
public final class InvalidModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message) {
        super(message);
    }
}
