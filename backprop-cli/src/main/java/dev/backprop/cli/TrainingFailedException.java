package dev.backprop.cli;

/** Training ran but did not produce a usable model (it diverged): exit code 1, after the model was written. */
final class TrainingFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrainingFailedException(String message) {
        super(message);
    }
}
